package dev.quiver.type;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named column of a {@link Schema}. For a dictionary-encoded field, {@code type} is the type of the
 * dictionary values and {@code dictionary} holds the id and index type.
 *
 * @param name       the field name (may be empty; never null)
 * @param type       the logical type
 * @param nullable   whether values may be null
 * @param children   the child fields of nested types
 * @param dictionary the dictionary encoding, or null
 * @param metadata   custom key/value metadata, in order
 */
public record Field(String name, ArrowType type, boolean nullable, List<Field> children,
                    DictionaryEncoding dictionary, Map<String, String> metadata) {

    public Field {
        name = name == null ? "" : name;
        Objects.requireNonNull(type, "type");
        children = List.copyOf(children == null ? List.of() : children);
        metadata = metadata == null || metadata.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public static Field nullable(String name, ArrowType type, Field... children) {
        return new Field(name, type, true, List.of(children), null, null);
    }

    public static Field notNull(String name, ArrowType type, Field... children) {
        return new Field(name, type, false, List.of(children), null, null);
    }

    public Field withName(String n) { return new Field(n, type, nullable, children, dictionary, metadata); }
    public Field withType(ArrowType t) { return new Field(name, t, nullable, children, dictionary, metadata); }
    public Field withNullable(boolean n) { return new Field(name, type, n, children, dictionary, metadata); }
    public Field withChildren(List<Field> c) { return new Field(name, type, nullable, c, dictionary, metadata); }
    public Field withDictionary(DictionaryEncoding d) { return new Field(name, type, nullable, children, d, metadata); }
    public Field withMetadata(Map<String, String> m) { return new Field(name, type, nullable, children, dictionary, m); }

    /** The extension name ({@code ARROW:extension:name} of the metadata), or null. */
    public String extensionName() { return ExtensionTypes.name(this); }

    /**
     * The extension type recreated by the factory registered for {@link #extensionName()}, or null (no
     * extension, or none registered under its name); see {@link ExtensionTypes}.
     */
    public ExtensionType extensionType() { return ExtensionTypes.of(this); }

    /** Field {@code i} of the children. */
    public Field child(int i) { return children.get(i); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(name).append(": ");
        if (dictionary != null) {
            sb.append("dictionary<values=").append(type).append(", indices=").append(dictionary.indexType())
                    .append(dictionary.ordered() ? ", ordered" : "").append('>');
        } else {
            sb.append(type);
        }
        if (!children.isEmpty()) {
            sb.append('<');
            for (int i = 0; i < children.size(); i++) {
                if (i > 0) sb.append(", ");
                sb.append(children.get(i));
            }
            sb.append('>');
        }
        if (!nullable) sb.append(" not null");
        return sb.toString();
    }
}
