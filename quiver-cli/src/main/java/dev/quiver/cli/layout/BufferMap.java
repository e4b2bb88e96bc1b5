package dev.quiver.cli.layout;

import dev.quiver.array.Layout;
import dev.quiver.metadata.MessageHeader.RecordBatchHeader;
import dev.quiver.type.ArrowType;
import dev.quiver.type.Field;
import dev.quiver.type.MetadataVersion;

import java.util.ArrayList;
import java.util.List;

/**
 * Which field and which buffer of its layout each buffer of a record batch body is, in the order the columnar
 * format lists them (fields depth first, each field's buffers in its layout's order, a view array's variadic data
 * buffers after its fixed ones): {@code validity}, {@code offsets}, {@code sizes} (list views), {@code data},
 * {@code views}, {@code type ids}, and before V5 a union's {@code validity (pre-V5 union)}. A dictionary-encoded
 * field's buffers are its indices' ({@code validity}, {@code data}). Buffers the schema does not account for are
 * named so.
 */
public final class BufferMap {
    private BufferMap() {}

    /** Buffer {@code index} belongs to field {@code path} as its {@code kind}. */
    public record Role(String path, String kind) {}

    /**
     * The role of every buffer of {@code header} when its columns are {@code fields} (the schema's fields for a
     * record batch, the dictionary's value field for a dictionary batch).
     */
    public static List<Role> of(List<Field> fields, RecordBatchHeader header, MetadataVersion version) {
        List<Role> roles = new ArrayList<>(header.bufferCount());
        int[] variadic = {0};
        for (Field f : fields) add(f, f.name(), header, version, variadic, roles);
        while (roles.size() > header.bufferCount()) roles.removeLast();
        while (roles.size() < header.bufferCount()) roles.add(new Role("", "not used by the schema"));
        return roles;
    }

    private static void add(Field field, String path, RecordBatchHeader header, MetadataVersion version, int[] variadic,
                            List<Role> roles) {
        if (roles.size() > header.bufferCount()) return; // more fields than buffers: the rest is not there
        ArrowType type = field.dictionary() != null ? field.dictionary().indexType() : field.type();
        if (type instanceof ArrowType.Union && version.ordinal() < MetadataVersion.V5.ordinal()) {
            roles.add(new Role(path, "validity (pre-V5 union)"));
        }
        int fixed = Layout.bufferCount(type);
        for (int i = 0; i < fixed; i++) roles.add(new Role(path, kind(type, i)));
        if (Layout.hasVariadicBuffers(type)) {
            long[] counts = header.variadicBufferCounts();
            long n = variadic[0] < counts.length ? counts[variadic[0]++] : 0;
            for (long i = 0; i < n && roles.size() <= header.bufferCount(); i++) {
                roles.add(new Role(path, "data " + i));
            }
        }
        if (field.dictionary() == null) {
            for (Field c : field.children()) add(c, path + "." + c.name(), header, version, variadic, roles);
        }
    }

    private static String kind(ArrowType type, int i) {
        if (i == 0 && Layout.hasValidity(type)) return "validity";
        if (type instanceof ArrowType.Union) return i == 0 ? "type ids" : "offsets";
        if (Layout.offsetWidth(type) > 0) {
            if (i == 1) return "offsets";
            if (type instanceof ArrowType.ListView || type instanceof ArrowType.LargeListView) return "sizes";
            return "data";
        }
        if (Layout.hasVariadicBuffers(type)) return "views";
        return "data";
    }
}
