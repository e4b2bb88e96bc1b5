package dev.quiver.metadata;

import dev.quiver.InvalidDataException;
import dev.quiver.LimitExceededException;
import dev.quiver.QuiverException;
import dev.quiver.UnsupportedFeatureException;
import dev.quiver.metadata.FlatBufferReader.FbVector;
import dev.quiver.type.ArrowType;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Endianness;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import dev.quiver.type.ArrowTypes;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code Schema}, {@code Field} and {@code DictionaryEncoding} of Schema.fbs to and from
 * {@link Schema} and {@link Field}. Used by {@link MessageCodec} and {@link FooterCodec}; can also read and
 * write a buffer whose root is a Schema table.
 *
 * <p>Decoding verifies the bytes, validates type parameters and the number of children each type needs,
 * and bounds the nesting depth of fields ({@value #DEFAULT_MAX_FIELD_DEPTH} by default). Errors carry the
 * absolute byte offset and the path of the field concerned (names joined by dots, {@code [i]} for an
 * unnamed field).
 */
public final class SchemaCodec {
    private SchemaCodec() {}

    /** Default limit on the nesting depth of fields (a top-level field has depth 1). */
    public static final int DEFAULT_MAX_FIELD_DEPTH = 64;

    // Schema slots
    private static final int S_ENDIANNESS = 0, S_FIELDS = 1, S_METADATA = 2, S_FEATURES = 3;
    // Field slots (the type union takes slots 2 and 3)
    private static final int F_NAME = 0, F_NULLABLE = 1, F_TYPE = 2, F_DICTIONARY = 4, F_CHILDREN = 5,
            F_METADATA = 6;
    // DictionaryEncoding slots
    private static final int D_ID = 0, D_INDEX_TYPE = 1, D_ORDERED = 2, D_KIND = 3;

    /** Decodes a flatbuffer whose root table is a Schema. */
    public static Schema decode(MemorySegment schema, String resource, long baseOffset) {
        return decode(schema, resource, baseOffset, DEFAULT_MAX_FIELD_DEPTH);
    }

    /** Decodes a flatbuffer whose root table is a Schema, with a limit on field nesting depth. */
    public static Schema decode(MemorySegment schema, String resource, long baseOffset, int maxFieldDepth) {
        FlatBufferReader r = new FlatBufferReader(schema, resource, baseOffset);
        return read(r.root("Schema"), maxFieldDepth);
    }

    /** Encodes a flatbuffer whose root table is {@code schema}. */
    public static byte[] encode(Schema schema) {
        FlatBufferBuilder b = new FlatBufferBuilder();
        return b.finish(write(b, schema));
    }

    // ---- reading -----------------------------------------------------------------------------

    static Schema read(FbTable t, int maxFieldDepth) {
        Endianness endianness = TypeCodec.closedEnum(Endianness.values(),
                t.getShort(S_ENDIANNESS, "endianness", (short) 0), "Schema endianness", t);
        FbVector fv = t.vector(S_FIELDS, "fields", 4);
        List<Field> fields = new ArrayList<>(fv == null ? 0 : fv.length());
        if (fv != null) {
            for (int i = 0; i < fv.length(); i++) {
                fields.add(readField(t.tableAt(fv, i, "Field"), null, i, 1, maxFieldDepth));
            }
        }
        Map<String, String> metadata = CustomMetadata.read(t, S_METADATA);
        FbVector features = t.vector(S_FEATURES, "features", 8);
        if (features != null) {
            for (int i = 0; i < features.length(); i++) {
                long f = t.longAt(features, i);
                // UNUSED = 0, DICTIONARY_REPLACEMENT = 1, COMPRESSED_BODY = 2
                if (f != 0 && f != 1 && f != 2) {
                    throw new UnsupportedFeatureException("schema declares unknown feature " + f,
                            t.reader().resource(), t.reader().absolute(features.element(i)));
                }
            }
        }
        return new Schema(fields, metadata, endianness, t.has(S_METADATA));
    }

    private static Field readField(FbTable t, String parent, int index, int depth, int maxDepth) {
        String path = childPath(parent, "", index);
        try {
            String name = t.string(F_NAME, "name");
            if (name == null) name = "";
            path = childPath(parent, name, index);
            if (depth > maxDepth) {
                throw new LimitExceededException("fields are nested more than " + maxDepth + " levels deep",
                        t.reader().resource(), t.absolute(), path);
            }
            boolean nullable = t.getBool(F_NULLABLE, "nullable", false);
            ArrowType type = TypeCodec.read(t, F_TYPE);
            FbTable dt = t.table(F_DICTIONARY, "DictionaryEncoding");
            DictionaryEncoding dictionary = dt == null ? null : readDictionary(dt);
            FbVector cv = t.vector(F_CHILDREN, "children", 4);
            List<Field> children = new ArrayList<>(cv == null ? 0 : cv.length());
            if (cv != null) {
                for (int i = 0; i < cv.length(); i++) {
                    children.add(readField(t.tableAt(cv, i, "Field"), path, i, depth + 1, maxDepth));
                }
            }
            Map<String, String> metadata = CustomMetadata.read(t, F_METADATA);
            checkChildren(type, children, t);
            return new Field(name, type, nullable, children, dictionary, metadata);
        } catch (QuiverException e) {
            throw MetadataErrors.withPath(e, path);
        }
    }

    private static String childPath(String parent, String name, int index) {
        String own = name.isEmpty() ? "[" + index + "]" : name;
        return parent == null ? own : parent + "." + own;
    }

    private static DictionaryEncoding readDictionary(FbTable t) {
        long id = t.getLong(D_ID, "id", 0);
        FbTable it = t.table(D_INDEX_TYPE, "Int");
        ArrowType.Int indexType = it == null ? ArrowTypes.INT32 : TypeCodec.readInt(it);
        boolean ordered = t.getBool(D_ORDERED, "isOrdered", false);
        short kind = t.getShort(D_KIND, "dictionaryKind", (short) 0);
        if (kind != 0) {
            throw new UnsupportedFeatureException("unknown DictionaryKind " + kind,
                    t.reader().resource(), t.absolute());
        }
        return new DictionaryEncoding(id, indexType, ordered);
    }

    /** Checks the number (and for Map and RunEndEncoded, the shape) of a type's children. */
    private static void checkChildren(ArrowType type, List<Field> children, FbTable t) {
        int n = children.size();
        switch (type) {
            case ArrowType.List l -> expect(type, 1, n, t);
            case ArrowType.LargeList l -> expect(type, 1, n, t);
            case ArrowType.ListView l -> expect(type, 1, n, t);
            case ArrowType.LargeListView l -> expect(type, 1, n, t);
            case ArrowType.FixedSizeList l -> expect(type, 1, n, t);
            case ArrowType.Map m -> {
                expect(type, 1, n, t);
                Field entries = children.get(0);
                if (!(entries.type() instanceof ArrowType.Struct) || entries.children().size() != 2
                        || entries.dictionary() != null) {
                    throw invalid(t, "Map's child must be a struct of two fields (key, value), not " + entries);
                }
            }
            case ArrowType.RunEndEncoded ree -> {
                expect(type, 2, n, t);
                Field runEnds = children.get(0);
                if (!(runEnds.type() instanceof ArrowType.Int i) || !i.signed() || i.bitWidth() == 8
                        || runEnds.dictionary() != null) {
                    throw invalid(t, "RunEndEncoded run ends must be int16, int32 or int64, not " + runEnds);
                }
            }
            case ArrowType.Union u -> {
                int[] ids = u.typeIds();
                if (ids != null && ids.length != n) {
                    throw invalid(t, "Union has " + ids.length + " type ids for " + n + " children");
                }
                if (n > 128) throw invalid(t, "Union has " + n + " children, more than 128");
            }
            case ArrowType.Struct s -> { }
            default -> {
                if (n != 0) throw invalid(t, "type " + type + " cannot have children, but has " + n);
            }
        }
    }

    private static void expect(ArrowType type, int expected, int n, FbTable t) {
        if (n != expected) {
            throw invalid(t, "type " + type + " needs " + expected + " child field" + (expected == 1 ? "" : "s")
                    + ", but has " + n);
        }
    }

    private static InvalidDataException invalid(FbTable t, String detail) {
        return t.reader().invalid(detail, t.pos());
    }

    // ---- writing -----------------------------------------------------------------------------
    // Objects are created and fields added in the order of Arrow C++'s writer (metadata_internal.cc with the
    // flatc-generated CreateX functions, which add fields largest first, last declared first among equals),
    // so that the builder produces the same bytes.

    static int write(FlatBufferBuilder b, Schema schema) {
        List<Field> fields = schema.fields();
        int[] fo = new int[fields.size()];
        for (int i = 0; i < fo.length; i++) fo[i] = writeField(b, fields.get(i));
        int fv = b.createOffsetVector(fo);
        int md = schema.metadataPresent() ? CustomMetadata.writeVector(b, schema.metadata()) : 0;
        b.startTable(4);
        b.addOffset(S_METADATA, md);
        b.addOffset(S_FIELDS, fv);
        b.addShort(S_ENDIANNESS, (short) schema.endianness().ordinal(), (short) 0);
        return b.endTable();
    }

    /** Children first, then the type, the dictionary encoding, the metadata, the name, the children vector. */
    private static int writeField(FlatBufferBuilder b, Field f) {
        List<Field> children = f.children();
        int[] co = new int[children.size()];
        for (int i = 0; i < co.length; i++) co[i] = writeField(b, children.get(i));
        int type = TypeCodec.write(b, f.type());
        int dict = 0;
        if (f.dictionary() != null) {
            DictionaryEncoding d = f.dictionary();
            int index = TypeCodec.writeInt(b, d.indexType());
            b.startTable(4);
            b.addLong(D_ID, d.id(), 0);
            b.addOffset(D_INDEX_TYPE, index);
            b.addBool(D_ORDERED, d.ordered(), false);
            dict = b.endTable();
        }
        int md = CustomMetadata.write(b, f.metadata());
        int name = b.createString(f.name());
        int cv = b.createOffsetVector(co);
        b.startTable(7);
        b.addOffset(F_METADATA, md);
        b.addOffset(F_CHILDREN, cv);
        b.addOffset(F_DICTIONARY, dict);
        b.addOffset(F_TYPE + 1, type);
        b.addOffset(F_NAME, name);
        b.addByte(F_TYPE, f.type().typeTag(), (byte) 0);
        b.addBool(F_NULLABLE, f.nullable(), false);
        return b.endTable();
    }
}
