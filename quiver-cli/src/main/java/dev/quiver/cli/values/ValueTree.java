package dev.quiver.cli.values;

import dev.quiver.array.Array;
import dev.quiver.array.ArrayData;
import dev.quiver.array.BaseListArray;
import dev.quiver.array.DayTime;
import dev.quiver.array.DictionaryArray;
import dev.quiver.array.FixedSizeListArray;
import dev.quiver.array.MapArray;
import dev.quiver.array.MonthDayNano;
import dev.quiver.array.OtherArray;
import dev.quiver.array.RawTemporal;
import dev.quiver.array.StructArray;
import dev.quiver.memory.LE;
import dev.quiver.type.ArrowType;
import dev.quiver.type.Field;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The value of one slot as a tree that keeps what display needs and Java objects lose: struct fields with their
 * names, map entries with their key and value names, strings apart from text forms of other values. Nodes: null,
 * Boolean, the Number types (integers, BigInteger for uint64, Float, Double, BigDecimal), {@link String} (utf8
 * values only), {@link Bytes}, {@link Text} (temporal values as ISO-8601, raw ones as number and unit),
 * {@link Struct} (also intervals: {@code months}, {@code days}, {@code milliseconds}, {@code nanoseconds}),
 * {@link MapValue} and {@link List}. A union gives its selected child's value; a dictionary its value; run-end
 * encoded the value of its run.
 *
 * <p>Reads the array as its getters do: call it on data validated FULL (as readers validate by default), where every
 * slot in range has a value.
 */
public final class ValueTree {
    private ValueTree() {}

    /** Binary data. */
    public record Bytes(byte[] value) {}

    /** A value shown as text without quotes: dates, times, timestamps, durations. */
    public record Text(String value) {}

    /** A struct: its fields in order, with their names (which may repeat). */
    public record Struct(List<Map.Entry<String, Object>> fields) {}

    /** A map: its entries, named as the schema names the entries' key and value fields. */
    public record MapValue(String keyName, String valueName, List<Map.Entry<Object, Object>> entries) {}

    /** Slot {@code i} of {@code a}, whose field is {@code f}. */
    public static Object of(Array a, Field f, int i) {
        if (a.isNull(i)) return null;
        return switch (a) {
            case DictionaryArray d -> of(d.dictionary(), new Field(f.name(), f.type(), true, f.children(), null, null),
                    (int) d.getIndex(i));
            case StructArray s -> {
                List<Map.Entry<String, Object>> fields = new ArrayList<>(s.numFields());
                for (int k = 0; k < s.numFields(); k++) {
                    Field c = f.children().get(k);
                    fields.add(entry(c.name(), of(s.field(k), c, i)));
                }
                yield new Struct(fields);
            }
            case MapArray m -> {
                StructArray entries = (StructArray) m.get(i);
                Field entryField = f.children().getFirst();
                Field key = entryField.children().get(0);
                Field value = entryField.children().get(1);
                Array keys = entries.field(0);
                Array values = entries.field(1);
                List<Map.Entry<Object, Object>> out = new ArrayList<>(entries.length());
                for (int k = 0; k < entries.length(); k++) out.add(entry(of(keys, key, k), of(values, value, k)));
                yield new MapValue(key.name(), value.name(), out);
            }
            case BaseListArray l -> list(l.get(i), f.children().getFirst());
            case FixedSizeListArray l -> list(l.get(i), f.children().getFirst());
            case OtherArray o when o.type() instanceof ArrowType.Union -> {
                int child = o.unionChildOf(i);
                yield of(Array.of(o.data().child(child)), f.children().get(child), o.unionChildSlot(i));
            }
            case OtherArray o when o.type() instanceof ArrowType.RunEndEncoded ->
                    of(Array.of(o.data().child(1)), f.children().get(1), o.runOf(i));
            default -> switch (a.type()) {
                case ArrowType.ListView l -> listView(a.data(), f, i, false);
                case ArrowType.LargeListView l -> listView(a.data(), f, i, true);
                case ArrowType.Utf8 t -> a.getDisplayObject(i);
                case ArrowType.LargeUtf8 t -> a.getDisplayObject(i);
                case ArrowType.Utf8View t -> a.getDisplayObject(i);
                default -> leaf(a.getDisplayObject(i));
            };
        };
    }

    private static <K, V> Map.Entry<K, V> entry(K k, V v) {
        return new AbstractMap.SimpleImmutableEntry<>(k, v);
    }

    private static List<Object> list(Array items, Field item) {
        List<Object> out = new ArrayList<>(items.length());
        for (int k = 0; k < items.length(); k++) out.add(of(items, item, k));
        return out;
    }

    private static Object listView(ArrayData d, Field f, int i, boolean large) {
        long p = (long) d.offset() + i;
        long start = large ? d.buffer(1).get(LE.LONG, p * 8) : d.buffer(1).get(LE.INT, p * 4);
        long size = large ? d.buffer(2).get(LE.LONG, p * 8) : d.buffer(2).get(LE.INT, p * 4);
        Array child = Array.of(d.child(0));
        Field item = f.children().getFirst();
        List<Object> out = new ArrayList<>((int) Math.min(size, 1 << 16));
        for (long k = start; k < start + size; k++) out.add(of(child, item, Math.toIntExact(k)));
        return out;
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_LOCAL_TIME;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private static Object leaf(Object v) {
        return switch (v) {
            case null -> null;
            case byte[] b -> new Bytes(b);
            case LocalDate d -> new Text(d.toString());
            case LocalTime t -> new Text(TIME.format(t));
            case LocalDateTime t -> new Text(DATE_TIME.format(t));
            case Instant t -> new Text(t.toString());
            case Duration x -> new Text(x.toString());
            case RawTemporal r -> new Text(r.toString());
            case Period x -> new Struct(List.of(entry("months", (Object) x.toTotalMonths())));
            case DayTime x -> new Struct(List.of(entry("days", (Object) x.days()), entry("milliseconds", x.millis())));
            case MonthDayNano x -> new Struct(List.of(entry("months", (Object) x.months()), entry("days", x.days()),
                    entry("nanoseconds", x.nanos())));
            default -> v; // Boolean, the numbers
        };
    }
}
