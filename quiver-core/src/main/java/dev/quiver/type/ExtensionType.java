package dev.quiver.type;

/**
 * A user-defined extension type: a name, serialized metadata and the storage type its values are carried as.
 * In IPC it is the storage type plus the field metadata {@code ARROW:extension:name} and
 * {@code ARROW:extension:metadata}; make fields of it with {@link ExtensionTypes#field}, and register an
 * {@link ExtensionTypeFactory} so that readers recognise it ({@link Field#extensionType()}).
 */
public interface ExtensionType {
    /** The name written as {@code ARROW:extension:name}, e.g. {@code arrow.uuid}. */
    String extensionName();

    /** The metadata written as {@code ARROW:extension:metadata} (may be empty). */
    String serialize();

    /** The type of the stored values. */
    ArrowType storageType();

    /** The Java value for a value of the storage array ({@code null} stays null); the storage value by default. */
    default Object fromStorage(Object storageValue) {
        return storageValue;
    }
}
