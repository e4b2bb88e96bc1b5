package dev.quiver.type;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of extension types, and helpers for the extension keys of field metadata. Extension fields are
 * read and written whether or not their type is registered (the storage type and the metadata are kept as
 * they are); registering a factory lets {@link Field#extensionType()} recreate the type, and makes readers reject
 * fields whose storage type the factory refuses.
 */
public final class ExtensionTypes {
    public static final String NAME_KEY = "ARROW:extension:name";
    public static final String METADATA_KEY = "ARROW:extension:metadata";

    private static final Map<String, ExtensionTypeFactory> FACTORIES = new ConcurrentHashMap<>();

    private ExtensionTypes() {}

    /**
     * Registers a factory under its extension name.
     *
     * @throws IllegalStateException if another factory is registered under that name
     */
    public static void register(ExtensionTypeFactory factory) {
        String name = Objects.requireNonNull(factory.extensionName(), "extension name");
        ExtensionTypeFactory previous = FACTORIES.putIfAbsent(name, factory);
        if (previous != null && previous != factory) {
            throw new IllegalStateException("an extension type named '" + name + "' is already registered");
        }
    }

    /** Removes the factory of this name; returns whether one was registered. */
    public static boolean unregister(String extensionName) {
        return FACTORIES.remove(extensionName) != null;
    }

    /** The factory registered under this name, or null. */
    public static ExtensionTypeFactory factory(String extensionName) {
        return extensionName == null ? null : FACTORIES.get(extensionName);
    }

    /** The extension name in a field's metadata, or null. */
    public static String name(Field field) {
        return field.metadata().get(NAME_KEY);
    }

    /** The serialized extension metadata of a field ("" when absent), or null when the field is no extension. */
    public static String metadata(Field field) {
        return name(field) == null ? null : field.metadata().getOrDefault(METADATA_KEY, "");
    }

    /**
     * The registered extension type of a field, or null when the field carries no extension name or its name is
     * not registered.
     *
     * @throws IllegalArgumentException if the registered factory refuses the field's storage type or metadata
     */
    public static ExtensionType of(Field field) {
        ExtensionTypeFactory f = factory(name(field));
        if (f == null) return null;
        ExtensionType t = f.deserialize(field.type(), field.children(), metadata(field));
        if (t == null) throw new IllegalArgumentException("extension factory '" + f.extensionName() + "' returned null");
        return t;
    }

    /** A field of an extension type: its storage type with the extension keys in its metadata. */
    public static Field field(String name, ExtensionType type, boolean nullable, Field... storageChildren) {
        return withExtension(new Field(name, type.storageType(), nullable, List.of(storageChildren), null, null), type);
    }

    /**
     * {@code field} marked as holding {@code type} (other metadata kept).
     *
     * @throws IllegalArgumentException if the field's type is not the extension's storage type
     */
    public static Field withExtension(Field field, ExtensionType type) {
        if (!field.type().equals(type.storageType())) {
            throw new IllegalArgumentException("extension type '" + type.extensionName() + "' is stored as "
                    + type.storageType() + ", not " + field.type());
        }
        Map<String, String> m = new LinkedHashMap<>(field.metadata());
        m.put(NAME_KEY, type.extensionName());
        m.put(METADATA_KEY, type.serialize() == null ? "" : type.serialize());
        return field.withMetadata(m);
    }
}
