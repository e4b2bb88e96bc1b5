package dev.quiver.array;

import dev.quiver.type.ArrowType;
import dev.quiver.type.DateUnit;
import dev.quiver.type.Field;
import dev.quiver.type.ArrowTimeUnit;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Builds {@link ArrayData} for a {@link Field} from natural Java values (see {@link Arrow#of(Field, List)}). */
final class JavaValues {
    private JavaValues() {}

    static ArrayData build(Field field, List<?> values) {
        if (field.dictionary() != null) return dictionary(field, values);
        ArrowType type = field.type();
        return switch (type) {
            case ArrowType.Null n -> {
                NullBuilder b = new NullBuilder();
                for (int i = 0; i < values.size(); i++) {
                    if (values.get(i) != null) throw wrong(field, i, values.get(i), "only nulls");
                    b.appendNull();
                }
                yield b.build();
            }
            case ArrowType.Bool t -> {
                BooleanBuilder b = new BooleanBuilder();
                for (int i = 0; i < values.size(); i++) {
                    Object v = values.get(i);
                    if (v == null) b.appendNull();
                    else if (v instanceof Boolean x) b.append(x);
                    else throw wrong(field, i, v, "Boolean");
                }
                yield b.build();
            }
            case ArrowType.Binary t -> varBinary(field, values);
            case ArrowType.LargeBinary t -> varBinary(field, values);
            case ArrowType.Utf8 t -> varBinary(field, values);
            case ArrowType.LargeUtf8 t -> varBinary(field, values);
            case ArrowType.BinaryView t -> views(field, values);
            case ArrowType.Utf8View t -> views(field, values);
            case ArrowType.Struct t -> struct(field, values);
            case ArrowType.List t -> list(field, values, false);
            case ArrowType.LargeList t -> list(field, values, false);
            case ArrowType.ListView t -> list(field, values, true);
            case ArrowType.LargeListView t -> list(field, values, true);
            case ArrowType.FixedSizeList t -> fixedSizeList(field, t.listSize(), values);
            case ArrowType.Map t -> map(field, values);
            case ArrowType.RunEndEncoded t -> runEndEncoded(field, values);
            case ArrowType.Union t -> throw new UnsupportedOperationException(
                    "building union arrays from Java values is not supported (field '" + field.name() + "')");
            default -> {
                FixedWidthBuilder b = new FixedWidthBuilder(type);
                for (int i = 0; i < values.size(); i++) {
                    Object v = values.get(i);
                    if (v == null) {
                        b.appendNull();
                    } else {
                        try {
                            appendFixed(b, type, v);
                        } catch (ArithmeticException | ClassCastException | IllegalArgumentException e) {
                            throw new IllegalArgumentException("value " + i + " (" + describe(v) + ") of field '"
                                    + field.name() + "' does not fit " + type + ": " + e.getMessage(), e);
                        }
                    }
                }
                yield b.build();
            }
        };
    }

    private static IllegalArgumentException wrong(Field field, int i, Object v, String expected) {
        return new IllegalArgumentException("value " + i + " of field '" + field.name() + "' (" + field.type()
                + ") must be " + expected + ", got " + describe(v));
    }

    private static String describe(Object v) {
        return v == null ? "null" : v.getClass().getSimpleName() + " " + (v instanceof byte[] b ? b.length + " bytes" : v);
    }

    // ---- fixed width -----------------------------------------------------------------------

    private static void appendFixed(FixedWidthBuilder b, ArrowType type, Object v) {
        switch (type) {
            case ArrowType.Int t -> appendInt(b, t, v);
            case ArrowType.FloatingPoint t -> {
                Number n = requireNumber(v);
                switch (t.precision()) {
                    case HALF -> b.appendFloat16(n.floatValue());
                    case SINGLE -> b.appendFloat(n.floatValue());
                    case DOUBLE -> b.appendDouble(n.doubleValue());
                }
            }
            case ArrowType.Decimal t -> b.appendUnscaled(unscaled(t, v));
            case ArrowType.Date t -> {
                if (t.unit() == DateUnit.DAY) {
                    b.appendInt(v instanceof LocalDate d ? Math.toIntExact(d.toEpochDay()) : exactInt(v));
                } else {
                    b.appendLong(v instanceof LocalDate d ? Math.multiplyExact(d.toEpochDay(), 86_400_000L)
                            : exactLong(v));
                }
            }
            case ArrowType.Time t -> {
                long raw = v instanceof LocalTime lt ? TimeUnits.fromLocalTime(lt, t.unit()) : exactLong(v);
                if (t.bitWidth() == 32) b.appendInt(Math.toIntExact(raw)); else b.appendLong(raw);
            }
            case ArrowType.Timestamp t -> b.appendLong(timestamp(t.unit(), v));
            case ArrowType.Duration t -> b.appendLong(v instanceof Duration d
                    ? TimeUnits.fromDuration(d, t.unit()) : exactLong(v));
            case ArrowType.Interval t -> {
                switch (t.unit()) {
                    case YEAR_MONTH -> b.appendInt(v instanceof Period p ? months(p) : exactInt(v));
                    case DAY_TIME -> {
                        if (!(v instanceof DayTime dt)) throw new IllegalArgumentException("expected a DayTime");
                        b.appendDayTime(dt.days(), dt.millis());
                    }
                    case MONTH_DAY_NANO -> {
                        if (v instanceof Period p) {
                            b.appendMonthDayNano(Math.toIntExact(p.toTotalMonths()), p.getDays(), 0);
                        } else if (v instanceof MonthDayNano m) {
                            b.appendMonthDayNano(m.months(), m.days(), m.nanos());
                        } else {
                            throw new IllegalArgumentException("expected a MonthDayNano or Period");
                        }
                    }
                }
            }
            case ArrowType.FixedSizeBinary t -> {
                if (!(v instanceof byte[] bytes)) throw new IllegalArgumentException("expected byte[]");
                b.appendBytes(bytes);
            }
            default -> throw new IllegalArgumentException("not a fixed-width type: " + type);
        }
    }

    private static int months(Period p) {
        if (p.getDays() != 0) throw new IllegalArgumentException("a year-month interval cannot hold days");
        return Math.toIntExact(p.toTotalMonths());
    }

    private static Number requireNumber(Object v) {
        if (v instanceof Number n) return n;
        throw new IllegalArgumentException("expected a Number");
    }

    private static long exactLong(Object v) {
        Number n = requireNumber(v);
        if (n instanceof Byte || n instanceof Short || n instanceof Integer || n instanceof Long) return n.longValue();
        if (n instanceof BigInteger b) return b.longValueExact();
        throw new IllegalArgumentException("expected an integer Number");
    }

    private static int exactInt(Object v) {
        return Math.toIntExact(exactLong(v));
    }

    private static void appendInt(FixedWidthBuilder b, ArrowType.Int t, Object v) {
        BigInteger x = v instanceof BigInteger bi ? bi : BigInteger.valueOf(exactLong(v));
        int w = t.bitWidth();
        BigInteger min = t.signed() ? BigInteger.ONE.shiftLeft(w - 1).negate() : BigInteger.ZERO;
        BigInteger max = t.signed() ? BigInteger.ONE.shiftLeft(w - 1).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE);
        if (x.compareTo(min) < 0 || x.compareTo(max) > 0) {
            throw new IllegalArgumentException("out of range [" + min + ", " + max + "]");
        }
        long raw = x.longValue();
        switch (w) {
            case 8 -> b.appendByte((byte) raw);
            case 16 -> b.appendShort((short) raw);
            case 32 -> b.appendInt((int) raw);
            default -> b.appendLong(raw);
        }
    }

    private static BigInteger unscaled(ArrowType.Decimal t, Object v) {
        BigDecimal d = switch (v) {
            case BigDecimal x -> x;
            case BigInteger x -> new BigDecimal(x);
            case Double x -> BigDecimal.valueOf(x);
            case Float x -> BigDecimal.valueOf(x.doubleValue());
            case Number x -> BigDecimal.valueOf(exactLong(x));
            default -> throw new IllegalArgumentException("expected a BigDecimal");
        };
        BigInteger unscaled = d.setScale(t.scale(), RoundingMode.UNNECESSARY).unscaledValue();
        if (unscaled.signum() != 0 && unscaled.abs().toString().length() > t.precision()) {
            throw new IllegalArgumentException("more than " + t.precision() + " digits");
        }
        return unscaled;
    }

    private static long timestamp(ArrowTimeUnit unit, Object v) {
        return switch (v) {
            case Instant t -> TimeUnits.fromInstant(t, unit);
            case LocalDateTime t -> TimeUnits.fromInstant(t.toInstant(ZoneOffset.UTC), unit);
            case ZonedDateTime t -> TimeUnits.fromInstant(t.toInstant(), unit);
            case OffsetDateTime t -> TimeUnits.fromInstant(t.toInstant(), unit);
            default -> exactLong(v);
        };
    }

    // ---- variable size ---------------------------------------------------------------------

    private static ArrayData varBinary(Field field, List<?> values) {
        boolean text = field.type() instanceof ArrowType.Utf8 || field.type() instanceof ArrowType.LargeUtf8;
        VarBinaryBuilder b = new VarBinaryBuilder(field.type());
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v == null) b.appendNull();
            else if (text && v instanceof CharSequence s) b.append(s.toString());
            else if (v instanceof byte[] bytes) b.append(bytes);
            else if (v instanceof MemorySegment s) b.append(s);
            else throw wrong(field, i, v, text ? "String" : "byte[]");
        }
        return b.build();
    }

    private static ArrayData views(Field field, List<?> values) {
        boolean text = field.type() instanceof ArrowType.Utf8View;
        ViewBuilder b = new ViewBuilder(field.type());
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v == null) b.appendNull();
            else if (text && v instanceof CharSequence s) b.append(s.toString());
            else if (v instanceof byte[] bytes) b.append(bytes);
            else if (v instanceof MemorySegment s) b.append(s);
            else throw wrong(field, i, v, text ? "String" : "byte[]");
        }
        return b.build();
    }

    // ---- nested ----------------------------------------------------------------------------

    private static Field onlyChild(Field field, int expected) {
        if (field.children().size() != expected) {
            throw new IllegalArgumentException("field '" + field.name() + "' of type " + field.type() + " needs "
                    + expected + " child field(s), has " + field.children().size());
        }
        return field.child(0);
    }

    private static List<?> asList(Object v) {
        if (v instanceof List<?> l) return l;
        if (v instanceof Object[] a) return java.util.Arrays.asList(a);
        return null;
    }

    private static ArrayData struct(Field field, List<?> values) {
        int n = values.size();
        ValidityBuilder validity = new ValidityBuilder();
        List<List<Object>> columns = new ArrayList<>();
        for (int c = 0; c < field.children().size(); c++) columns.add(new ArrayList<>(n));
        for (int i = 0; i < n; i++) {
            Object v = values.get(i);
            validity.append(v != null);
            List<?> list = asList(v);
            if (v instanceof Map<?, ?> m) checkKeys(field, i, m);
            for (int c = 0; c < columns.size(); c++) {
                Object x;
                if (v == null) x = null;
                else if (v instanceof Map<?, ?> m) x = m.get(field.child(c).name());
                else if (list != null && list.size() == columns.size()) x = list.get(c);
                else throw wrong(field, i, v, "a Map by field name or a List of " + columns.size() + " values");
                columns.get(c).add(x);
            }
        }
        ArrayData[] children = new ArrayData[columns.size()];
        for (int c = 0; c < children.length; c++) children[c] = build(field.child(c), columns.get(c));
        return new ArrayData(field.type(), n, 0, validity.nullCount(), new java.lang.foreign.MemorySegment[] {
                validity.finish()}, children, null);
    }

    /** Every key of struct value {@code i} must name a child field: a misspelt key is not dropped silently. */
    private static void checkKeys(Field field, int i, Map<?, ?> m) {
        for (Object key : m.keySet()) {
            boolean known = false;
            for (Field c : field.children()) {
                if (c.name().equals(key)) {
                    known = true;
                    break;
                }
            }
            if (!known) {
                List<String> names = new ArrayList<>();
                for (Field c : field.children()) names.add(c.name());
                throw new IllegalArgumentException("value " + i + " of struct field '" + field.name() + "' has the key "
                        + (key instanceof String ? "'" + key + "'" : describe(key)) + ", which is not one of its fields "
                        + names);
            }
        }
    }

    private static ArrayData list(Field field, List<?> values, boolean view) {
        Field child = onlyChild(field, 1);
        boolean large = Layout.offsetWidth(field.type()) == 8;
        ValidityBuilder validity = new ValidityBuilder();
        GrowableBuffer offsets = new GrowableBuffer(64);
        GrowableBuffer sizes = new GrowableBuffer(view ? 64 : 8);
        List<Object> flat = new ArrayList<>();
        if (!view) putOffset(offsets, 0, large);
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            List<?> list = asList(v);
            if (v != null && list == null) throw wrong(field, i, v, "a List");
            validity.append(v != null);
            long start = flat.size();
            if (list != null) flat.addAll(list);
            if (view) {
                putOffset(offsets, list == null ? 0 : start, large);
                putOffset(sizes, list == null ? 0 : list.size(), large);
            } else {
                putOffset(offsets, flat.size(), large);
            }
        }
        ArrayData childData = build(child, flat);
        java.lang.foreign.MemorySegment[] buffers = view
                ? new java.lang.foreign.MemorySegment[] {validity.finish(), offsets.finish(), sizes.finish()}
                : new java.lang.foreign.MemorySegment[] {validity.finish(), offsets.finish()};
        return new ArrayData(field.type(), values.size(), 0, validity.nullCount(), buffers,
                new ArrayData[] {childData}, null);
    }

    private static void putOffset(GrowableBuffer b, long value, boolean large) {
        if (large) b.putLong(value);
        else b.putInt(Math.toIntExact(value));
    }

    private static ArrayData fixedSizeList(Field field, int size, List<?> values) {
        Field child = onlyChild(field, 1);
        ValidityBuilder validity = new ValidityBuilder();
        List<Object> flat = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            List<?> list = asList(v);
            if (v != null && (list == null || list.size() != size)) throw wrong(field, i, v, "a List of " + size);
            validity.append(v != null);
            if (list != null) flat.addAll(list);
            else for (int k = 0; k < size; k++) flat.add(null);
        }
        return new ArrayData(field.type(), values.size(), 0, validity.nullCount(),
                new java.lang.foreign.MemorySegment[] {validity.finish()}, new ArrayData[] {build(child, flat)}, null);
    }

    private static ArrayData map(Field field, List<?> values) {
        Field entries = onlyChild(field, 1);
        if (entries.children().size() != 2) {
            throw new IllegalArgumentException("map field '" + field.name() + "' needs an entries struct with key and "
                    + "value fields");
        }
        ValidityBuilder validity = new ValidityBuilder();
        GrowableBuffer offsets = new GrowableBuffer(64);
        offsets.putInt(0);
        List<Object> flat = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v != null && !(v instanceof Map<?, ?>)) throw wrong(field, i, v, "a Map");
            validity.append(v != null);
            if (v instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) flat.add(java.util.Arrays.asList(e.getKey(), e.getValue()));
            }
            offsets.putInt(flat.size());
        }
        return new ArrayData(field.type(), values.size(), 0, validity.nullCount(),
                new java.lang.foreign.MemorySegment[] {validity.finish(), offsets.finish()},
                new ArrayData[] {struct(entries, flat)}, null);
    }

    private static ArrayData runEndEncoded(Field field, List<?> values) {
        if (field.children().size() != 2 || !(field.child(0).type() instanceof ArrowType.Int)) {
            throw new IllegalArgumentException("run_end_encoded field '" + field.name()
                    + "' needs run_ends (integer) and values child fields");
        }
        List<Object> ends = new ArrayList<>();
        List<Object> runValues = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (i > 0 && Objects.deepEquals(v, runValues.get(runValues.size() - 1))) {
                ends.set(ends.size() - 1, (long) i + 1);
            } else {
                runValues.add(v);
                ends.add((long) i + 1);
            }
        }
        ArrayData runEnds = build(field.child(0), ends);
        ArrayData vals = build(field.child(1), runValues);
        return new ArrayData(field.type(), values.size(), 0, 0, new java.lang.foreign.MemorySegment[0],
                new ArrayData[] {runEnds, vals}, null);
    }

    private static ArrayData dictionary(Field field, List<?> values) {
        Map<Object, Integer> positions = new HashMap<>();
        List<Object> unique = new ArrayList<>();
        List<Object> indices = new ArrayList<>(values.size());
        for (Object v : values) {
            if (v == null) {
                indices.add(null);
                continue;
            }
            Object key = v instanceof byte[] b ? ByteBuffer.wrap(b) : v;
            Integer at = positions.get(key);
            if (at == null) {
                at = unique.size();
                positions.put(key, at);
                unique.add(v);
            }
            indices.add((long) at);
        }
        ArrayData dict = build(field.withDictionary(null), unique);
        ArrayData idx = build(Field.nullable(field.name(), field.dictionary().indexType()), indices);
        return new ArrayData(idx.type(), idx.length(), 0, idx.nullCount(), idx.buffers(), null, dict);
    }
}
