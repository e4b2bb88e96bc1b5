package dev.quiver.json;

import dev.quiver.type.ArrowType;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;

import java.util.Map;

/** A {@link Schema} to the "schema" member, keys in the order the gold files use. */
final class SchemaWriter {
    private final JsonWriter w;

    SchemaWriter(JsonWriter w) {
        this.w = w;
    }

    void schema(Schema schema) {
        w.beginObject();
        w.name("fields").beginArray();
        for (Field f : schema.fields()) field(f);
        w.endArray();
        metadata(schema.metadata());
        w.endObject();
    }

    private void field(Field f) {
        w.beginObject();
        w.name("name").value(f.name());
        w.name("type");
        type(f.type(), f.children().size());
        w.name("nullable").value(f.nullable());
        w.name("children").beginArray();
        for (Field c : f.children()) field(c);
        w.endArray();
        DictionaryEncoding d = f.dictionary();
        if (d != null) {
            w.name("dictionary").beginObject();
            w.name("id").value(d.id());
            w.name("indexType");
            type(d.indexType(), 0);
            w.name("isOrdered").value(d.ordered());
            w.endObject();
        }
        metadata(f.metadata());
        w.endObject();
    }

    private void metadata(Map<String, String> m) {
        if (m.isEmpty()) return;
        w.name("metadata").beginArray();
        for (Map.Entry<String, String> e : m.entrySet()) {
            w.beginObject().name("key").value(e.getKey()).name("value").value(e.getValue()).endObject();
        }
        w.endArray();
    }

    void type(ArrowType t, int childCount) {
        w.beginObject();
        w.name("name").value(name(t));
        switch (t) {
            case ArrowType.Int i -> w.name("isSigned").value(i.signed()).name("bitWidth").value(i.bitWidth());
            case ArrowType.FloatingPoint f -> w.name("precision").value(f.precision().name());
            case ArrowType.FixedSizeBinary f -> w.name("byteWidth").value(f.byteWidth());
            case ArrowType.Decimal d -> w.name("precision").value(d.precision()).name("scale").value(d.scale())
                    .name("bitWidth").value(d.bitWidth());
            case ArrowType.Date d -> w.name("unit").value(d.unit().name());
            case ArrowType.Time x -> w.name("unit").value(x.unit().name()).name("bitWidth").value(x.bitWidth());
            case ArrowType.Timestamp x -> {
                w.name("unit").value(x.unit().name());
                if (x.timezone() != null) w.name("timezone").value(x.timezone());
            }
            case ArrowType.Duration d -> w.name("unit").value(d.unit().name());
            case ArrowType.Interval i -> w.name("unit").value(i.unit().name());
            case ArrowType.FixedSizeList f -> w.name("listSize").value(f.listSize());
            case ArrowType.Map m -> w.name("keysSorted").value(m.keysSorted());
            case ArrowType.Union u -> {
                w.name("mode").value(u.mode().name());
                int[] ids = u.typeIds();
                w.name("typeIds").beginArray();
                if (ids != null) {
                    for (int id : ids) w.value(id);
                } else {
                    for (int k = 0; k < childCount; k++) w.value(k);
                }
                w.endArray();
            }
            default -> { }
        }
        w.endObject();
    }

    static String name(ArrowType t) {
        return switch (t) {
            case ArrowType.Null x -> "null";
            case ArrowType.Bool x -> "bool";
            case ArrowType.Int x -> "int";
            case ArrowType.FloatingPoint x -> "floatingpoint";
            case ArrowType.Binary x -> "binary";
            case ArrowType.LargeBinary x -> "largebinary";
            case ArrowType.Utf8 x -> "utf8";
            case ArrowType.LargeUtf8 x -> "largeutf8";
            case ArrowType.BinaryView x -> "binaryview";
            case ArrowType.Utf8View x -> "utf8view";
            case ArrowType.FixedSizeBinary x -> "fixedsizebinary";
            case ArrowType.Decimal x -> "decimal";
            case ArrowType.Date x -> "date";
            case ArrowType.Time x -> "time";
            case ArrowType.Timestamp x -> "timestamp";
            case ArrowType.Duration x -> "duration";
            case ArrowType.Interval x -> "interval";
            case ArrowType.List x -> "list";
            case ArrowType.LargeList x -> "largelist";
            case ArrowType.ListView x -> "listview";
            case ArrowType.LargeListView x -> "largelistview";
            case ArrowType.FixedSizeList x -> "fixedsizelist";
            case ArrowType.Struct x -> "struct";
            case ArrowType.Map x -> "map";
            case ArrowType.Union x -> "union";
            case ArrowType.RunEndEncoded x -> "runendencoded";
        };
    }
}
