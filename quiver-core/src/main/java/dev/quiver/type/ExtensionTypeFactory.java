package dev.quiver.type;

import java.util.List;

/** Recreates an {@link ExtensionType} from what a reader finds; registered with {@link ExtensionTypes#register}. */
public interface ExtensionTypeFactory {
    /** The extension name this factory recognises. */
    String extensionName();

    /**
     * The extension type for a field carrying this extension's name.
     *
     * @param storageType     the field's type
     * @param storageChildren the field's children (for nested storage types)
     * @param metadata        the serialized metadata (empty when absent)
     * @throws IllegalArgumentException if the storage type or the metadata do not fit this extension
     */
    ExtensionType deserialize(ArrowType storageType, List<Field> storageChildren, String metadata);
}
