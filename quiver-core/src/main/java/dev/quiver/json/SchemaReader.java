package dev.quiver.json;

import dev.quiver.type.ArrowType;
import dev.quiver.type.DateUnit;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Endianness;
import dev.quiver.type.Field;
import dev.quiver.type.FloatPrecision;
import dev.quiver.type.IntervalUnit;
import dev.quiver.type.Schema;
import dev.quiver.type.ArrowTimeUnit;
import dev.quiver.type.UnionMode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The "schema" member of an integration JSON file to a {@link Schema}. */
final class SchemaReader {
    private final Ctx ctx;

    SchemaReader(Ctx ctx) {
        this.ctx = ctx;
    }

    Schema schema(JsonValue node) {
        JsonValue.Obj o = ctx.obj(node, "\"schema\"", null);
        JsonValue.Arr fields = ctx.arr(ctx.require(o, "fields", null), "\"fields\"", null);
        List<Field> list = new ArrayList<>(fields.size());
        for (JsonValue f : fields.items()) list.add(field(f, null));
        return new Schema(list, metadata(o, null), Endianness.LITTLE);
    }

    private Field field(JsonValue node, String parentPath) {
        JsonValue.Obj o = ctx.obj(node, "a field", parentPath);
        String name = ctx.string(ctx.require(o, "name", parentPath), "\"name\"", parentPath);
        String path = parentPath == null ? name : parentPath + "." + name;
        JsonValue nullableNode = ctx.optional(o, "nullable");
        boolean nullable = nullableNode == null || ctx.bool(nullableNode, "\"nullable\"", path);
        ArrowType type = type(ctx.require(o, "type", path), path);
        List<Field> children = new ArrayList<>();
        JsonValue childrenNode = ctx.optional(o, "children");
        if (childrenNode != null) {
            for (JsonValue c : ctx.arr(childrenNode, "\"children\"", path).items()) children.add(field(c, path));
        }
        checkChildren(type, children, o, path);
        DictionaryEncoding dict = null;
        JsonValue dictNode = ctx.optional(o, "dictionary");
        if (dictNode != null) dict = dictionary(dictNode, path);
        return new Field(name, type, nullable, children, dict, metadata(o, path));
    }

    private DictionaryEncoding dictionary(JsonValue node, String path) {
        JsonValue.Obj o = ctx.obj(node, "\"dictionary\"", path);
        long id = ctx.integer(ctx.require(o, "id", path), Long.MIN_VALUE, Long.MAX_VALUE, "dictionary id", path);
        JsonValue indexNode = ctx.require(o, "indexType", path);
        ArrowType index = type(indexNode, path);
        if (!(index instanceof ArrowType.Int it)) {
            throw ctx.invalid("dictionary index type must be an integer type, not " + index, indexNode, path);
        }
        JsonValue orderedNode = ctx.optional(o, "isOrdered");
        boolean ordered = orderedNode != null && ctx.bool(orderedNode, "\"isOrdered\"", path);
        return new DictionaryEncoding(id, it, ordered);
    }

    private Map<String, String> metadata(JsonValue.Obj o, String path) {
        JsonValue node = ctx.optional(o, "metadata");
        if (node == null) return Map.of();
        Map<String, String> m = new LinkedHashMap<>();
        for (JsonValue kv : ctx.arr(node, "\"metadata\"", path).items()) {
            JsonValue.Obj e = ctx.obj(kv, "a metadata entry", path);
            String key = ctx.string(ctx.require(e, "key", path), "metadata \"key\"", path);
            String value = ctx.string(ctx.require(e, "value", path), "metadata \"value\"", path);
            m.put(key, value); // duplicated keys are allowed by the format; the last one wins
        }
        return m;
    }

    ArrowType type(JsonValue node, String path) {
        JsonValue.Obj o = ctx.obj(node, "\"type\"", path);
        String name = ctx.string(ctx.require(o, "name", path), "type \"name\"", path);
        try {
            return switch (name) {
                case "null" -> new ArrowType.Null();
                case "bool" -> new ArrowType.Bool();
                case "int" -> new ArrowType.Int(intMember(o, "bitWidth", 8, 64, path),
                        ctx.bool(ctx.require(o, "isSigned", path), "\"isSigned\"", path));
                case "floatingpoint" -> new ArrowType.FloatingPoint(enumMember(o, "precision", FloatPrecision.class, path));
                case "binary" -> new ArrowType.Binary();
                case "largebinary" -> new ArrowType.LargeBinary();
                case "utf8" -> new ArrowType.Utf8();
                case "largeutf8" -> new ArrowType.LargeUtf8();
                case "binaryview" -> new ArrowType.BinaryView();
                case "utf8view" -> new ArrowType.Utf8View();
                case "fixedsizebinary" -> new ArrowType.FixedSizeBinary(intMember(o, "byteWidth", 0, Integer.MAX_VALUE, path));
                case "decimal" -> {
                    int precision = intMember(o, "precision", 1, 76, path);
                    int scale = intMember(o, "scale", Integer.MIN_VALUE, Integer.MAX_VALUE, path);
                    int bitWidth = o.has("bitWidth") ? intMember(o, "bitWidth", 32, 256, path) : 128;
                    yield new ArrowType.Decimal(precision, scale, bitWidth);
                }
                case "date" -> new ArrowType.Date(enumMember(o, "unit", DateUnit.class, path));
                case "time" -> {
                    ArrowTimeUnit unit = enumMember(o, "unit", ArrowTimeUnit.class, path);
                    yield o.has("bitWidth") ? new ArrowType.Time(unit, intMember(o, "bitWidth", 32, 64, path))
                            : new ArrowType.Time(unit);
                }
                case "timestamp" -> {
                    JsonValue tz = ctx.optional(o, "timezone");
                    yield new ArrowType.Timestamp(enumMember(o, "unit", ArrowTimeUnit.class, path),
                            tz == null ? null : ctx.string(tz, "\"timezone\"", path));
                }
                case "duration" -> new ArrowType.Duration(enumMember(o, "unit", ArrowTimeUnit.class, path));
                case "interval" -> new ArrowType.Interval(enumMember(o, "unit", IntervalUnit.class, path));
                case "list" -> new ArrowType.List();
                case "largelist" -> new ArrowType.LargeList();
                case "listview" -> new ArrowType.ListView();
                case "largelistview" -> new ArrowType.LargeListView();
                case "fixedsizelist" -> new ArrowType.FixedSizeList(intMember(o, "listSize", 0, Integer.MAX_VALUE, path));
                case "struct" -> new ArrowType.Struct();
                case "map" -> {
                    JsonValue sorted = ctx.optional(o, "keysSorted");
                    yield new ArrowType.Map(sorted != null && ctx.bool(sorted, "\"keysSorted\"", path));
                }
                case "union" -> union(o, path);
                case "runendencoded" -> new ArrowType.RunEndEncoded();
                default -> throw ctx.unsupported("unknown type name \"" + name + "\"", o, path);
            };
        } catch (IllegalArgumentException e) {
            throw ctx.invalid("invalid type: " + e.getMessage(), o, path);
        }
    }

    private ArrowType.Union union(JsonValue.Obj o, String path) {
        UnionMode mode = enumMember(o, "mode", UnionMode.class, path);
        JsonValue idsNode = ctx.optional(o, "typeIds");
        int[] ids = null;
        if (idsNode != null) {
            JsonValue.Arr a = ctx.arr(idsNode, "\"typeIds\"", path);
            ids = new int[a.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = (int) ctx.integer(a.get(i), 0, 127, "union type id", path);
                for (int k = 0; k < i; k++) {
                    if (ids[k] == ids[i]) throw ctx.invalid("duplicate union type id " + ids[i], a.get(i), path);
                }
            }
        }
        return new ArrowType.Union(mode, ids);
    }

    private void checkChildren(ArrowType type, List<Field> children, JsonValue.Obj at, String path) {
        int n = children.size();
        switch (type) {
            case ArrowType.List l -> expect(n, 1, type, at, path);
            case ArrowType.LargeList l -> expect(n, 1, type, at, path);
            case ArrowType.ListView l -> expect(n, 1, type, at, path);
            case ArrowType.LargeListView l -> expect(n, 1, type, at, path);
            case ArrowType.FixedSizeList l -> expect(n, 1, type, at, path);
            case ArrowType.Map m -> {
                expect(n, 1, type, at, path);
                Field entries = children.get(0);
                if (!(entries.type() instanceof ArrowType.Struct) || entries.children().size() != 2
                        || entries.dictionary() != null) {
                    throw ctx.invalid("a map's child must be a struct with two children (key and value)", at, path);
                }
            }
            case ArrowType.RunEndEncoded r -> {
                expect(n, 2, type, at, path);
                Field runEnds = children.get(0);
                if (!(runEnds.type() instanceof ArrowType.Int it) || !it.signed() || it.bitWidth() == 8
                        || runEnds.dictionary() != null) {
                    throw ctx.invalid("run ends must be int16, int32 or int64, not " + runEnds.type(), at, path);
                }
            }
            case ArrowType.Union u -> {
                int[] ids = u.typeIds();
                if (ids != null && ids.length != n) {
                    throw ctx.invalid("union has " + ids.length + " type ids but " + n + " children", at, path);
                }
                if (ids == null && n > 128) throw ctx.invalid("union has more than 128 children", at, path);
            }
            case ArrowType.Struct s -> { }
            default -> {
                if (n != 0) throw ctx.invalid("type " + type + " cannot have children", at, path);
            }
        }
    }

    private void expect(int n, int expected, ArrowType type, JsonValue at, String path) {
        if (n != expected) {
            throw ctx.invalid("type " + type + " needs " + expected + " child field" + (expected == 1 ? "" : "s")
                    + ", not " + n, at, path);
        }
    }

    private int intMember(JsonValue.Obj o, String key, int min, int max, String path) {
        return (int) ctx.integer(ctx.require(o, key, path), min, max, "\"" + key + "\"", path);
    }

    private <E extends Enum<E>> E enumMember(JsonValue.Obj o, String key, Class<E> type, String path) {
        JsonValue v = ctx.require(o, key, path);
        String s = ctx.string(v, "\"" + key + "\"", path);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(s)) return e;
        }
        throw ctx.invalid("unknown " + key + " \"" + s + "\"", v, path);
    }
}
