package dev.quiver.array;

import dev.quiver.type.ArrowTimeUnit;
import dev.quiver.type.ArrowType;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.Field;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The field that Java values imply, as {@link Arrow#array(List)} documents the rules. */
final class TypeInference {
    private TypeInference() {}

    private enum Kind {
        NONE("null"), BOOL("Boolean"), INT("integer"), FLOAT("floating point"), STRING("String"), BINARY("byte[]"),
        DECIMAL("BigDecimal"), DATE("LocalDate"), LOCAL_TIMESTAMP("LocalDateTime"),
        ZONED_TIMESTAMP("Instant/ZonedDateTime/OffsetDateTime"), TIME("LocalTime"), DURATION("Duration"),
        LIST("List"), STRUCT("Map");

        final String java;

        Kind(String java) {
            this.java = java;
        }
    }

    static Field infer(String name, List<?> values) {
        return infer(name, values, name.isEmpty() ? "the values" : "'" + name + "'");
    }

    private static Field infer(String name, List<?> values, String where) {
        Kind kind = Kind.NONE;
        int intBits = 0;
        boolean onlyFloat32 = true;
        boolean nanos = false;
        String zone = null;
        int scale = 0;
        int integerDigits = 0;
        List<Object> elements = null;
        Map<String, List<Object>> members = null;
        int n = values.size();
        for (int i = 0; i < n; i++) {
            Object v = values.get(i);
            if (v == null) continue;
            Kind k = kindOf(v);
            if (k == null) {
                throw new IllegalArgumentException("cannot infer an Arrow type for value " + i + " of " + where + " ("
                        + v.getClass().getName() + "): state the field (Arrow.of(Field, List), Builder.add(Field, "
                        + "List))");
            }
            if (kind == Kind.NONE) {
                kind = k;
            } else if (kind != k) {
                if ((kind == Kind.INT || kind == Kind.FLOAT) && (k == Kind.INT || k == Kind.FLOAT)) {
                    kind = Kind.FLOAT;
                    onlyFloat32 = false; // ints and floats mixed: float64, as PyArrow does
                } else {
                    throw new IllegalArgumentException("value " + i + " of " + where + " is a "
                            + v.getClass().getSimpleName() + ", the values before it " + kind.java + ": mixed types "
                            + "need an explicit field (Arrow.of(Field, List))");
                }
            }
            switch (v) {
                case Byte b -> intBits = Math.max(intBits, 8);
                case Short s -> intBits = Math.max(intBits, 16);
                case Integer x -> intBits = Math.max(intBits, 32);
                case Long x -> intBits = 64;
                case BigInteger x -> intBits = 64;
                case Float x -> { }
                case Double x -> onlyFloat32 = false;
                case BigDecimal d -> {
                    scale = Math.max(scale, Math.max(d.scale(), 0));
                    integerDigits = Math.max(integerDigits, Math.max(d.precision() - d.scale(), 0));
                }
                case Instant t -> {
                    nanos |= t.getNano() % 1000 != 0;
                    if (zone == null) zone = "UTC";
                }
                case ZonedDateTime t -> {
                    nanos |= t.getNano() % 1000 != 0;
                    if (zone == null) zone = zoneName(t.getZone().getId());
                }
                case OffsetDateTime t -> {
                    nanos |= t.getNano() % 1000 != 0;
                    if (zone == null) zone = zoneName(t.getOffset().getId());
                }
                case LocalDateTime t -> nanos |= t.getNano() % 1000 != 0;
                case LocalTime t -> nanos |= t.getNano() % 1000 != 0;
                case Duration d -> nanos |= d.getNano() % 1000 != 0;
                case Map<?, ?> m -> {
                    if (members == null) members = new LinkedHashMap<>();
                    for (Object key : keys(m)) {
                        if (!(key instanceof String s)) {
                            throw new IllegalArgumentException("value " + i + " of " + where + " is a Map with the key "
                                    + (key == null ? "null" : key.getClass().getSimpleName() + " " + key)
                                    + ": only Maps with String keys are inferred (as structs); state a map field");
                        }
                        if (!members.containsKey(s)) {
                            List<Object> column = new ArrayList<>(n);
                            for (int k2 = 0; k2 < i; k2++) column.add(null); // earlier rows lack the key
                            members.put(s, column);
                        }
                    }
                    for (Map.Entry<String, List<Object>> e : members.entrySet()) {
                        List<Object> column = e.getValue();
                        while (column.size() < i) column.add(null); // rows before that were null
                        column.add(m.get(e.getKey()));
                    }
                }
                default -> {
                    if (k == Kind.LIST) {
                        if (elements == null) elements = new ArrayList<>();
                        if (v instanceof List<?> l) elements.addAll(l);
                        else elements.addAll(java.util.Arrays.asList((Object[]) v));
                    }
                }
            }
        }
        ArrowType type = switch (kind) {
            case NONE -> ArrowTypes.NULL;
            case BOOL -> ArrowTypes.BOOL;
            case INT -> switch (intBits) {
                case 8 -> ArrowTypes.INT8;
                case 16 -> ArrowTypes.INT16;
                case 32 -> ArrowTypes.INT32;
                default -> ArrowTypes.INT64;
            };
            case FLOAT -> onlyFloat32 ? ArrowTypes.FLOAT32 : ArrowTypes.FLOAT64;
            case STRING -> ArrowTypes.UTF8;
            case BINARY -> ArrowTypes.BINARY;
            case DECIMAL -> decimal(Math.max(integerDigits + scale, 1), scale, where);
            case DATE -> ArrowTypes.DATE32;
            case LOCAL_TIMESTAMP -> ArrowTypes.timestamp(unit(nanos));
            case ZONED_TIMESTAMP -> ArrowTypes.timestamp(unit(nanos), zone);
            case TIME -> ArrowTypes.time64(unit(nanos));
            case DURATION -> ArrowTypes.duration(unit(nanos));
            case LIST -> ArrowTypes.LIST;
            case STRUCT -> ArrowTypes.STRUCT;
        };
        List<Field> children = new ArrayList<>();
        if (kind == Kind.LIST) children.add(infer("item", elements, where + " (list elements)"));
        if (kind == Kind.STRUCT) {
            for (Map.Entry<String, List<Object>> e : members.entrySet()) {
                List<Object> column = e.getValue();
                while (column.size() < n) column.add(null);
                children.add(infer(e.getKey(), column, where + " (struct field '" + e.getKey() + "')"));
            }
        }
        return new Field(name, type, true, children, null, null);
    }

    /** The keys in the map's order where it has one (LinkedHashMap, TreeMap), else sorted (HashMap, Map.of). */
    static Iterable<?> keys(Map<?, ?> m) {
        if (m instanceof java.util.SequencedMap<?, ?>) return m.keySet();
        List<Object> keys = new ArrayList<>(m.keySet());
        if (keys.stream().allMatch(k -> k instanceof String)) keys.sort((a, b) -> ((String) a).compareTo((String) b));
        return keys;
    }

    private static Kind kindOf(Object v) {
        return switch (v) {
            case Boolean b -> Kind.BOOL;
            case Byte b -> Kind.INT;
            case Short s -> Kind.INT;
            case Integer i -> Kind.INT;
            case Long l -> Kind.INT;
            case BigInteger b -> Kind.INT;
            case Float f -> Kind.FLOAT;
            case Double d -> Kind.FLOAT;
            case CharSequence s -> Kind.STRING;
            case byte[] b -> Kind.BINARY;
            case BigDecimal d -> Kind.DECIMAL;
            case LocalDate d -> Kind.DATE;
            case LocalDateTime t -> Kind.LOCAL_TIMESTAMP;
            case Instant t -> Kind.ZONED_TIMESTAMP;
            case ZonedDateTime t -> Kind.ZONED_TIMESTAMP;
            case OffsetDateTime t -> Kind.ZONED_TIMESTAMP;
            case LocalTime t -> Kind.TIME;
            case Duration d -> Kind.DURATION;
            case List<?> l -> Kind.LIST;
            case Object[] a -> Kind.LIST;
            case Map<?, ?> m -> Kind.STRUCT;
            default -> null;
        };
    }

    private static ArrowTimeUnit unit(boolean nanos) {
        return nanos ? ArrowTimeUnit.NANOSECOND : ArrowTimeUnit.MICROSECOND;
    }

    /** Arrow names UTC "UTC" or "+00:00", not java.time's "Z". */
    private static String zoneName(String id) {
        return id.equals(ZoneOffset.UTC.getId()) ? "UTC" : id;
    }

    private static ArrowType decimal(int precision, int scale, String where) {
        if (precision <= 38) return ArrowTypes.decimal128(precision, scale);
        if (precision <= 76) return ArrowTypes.decimal256(precision, scale);
        throw new IllegalArgumentException("the BigDecimals of " + where + " need " + precision + " digits, more than "
                + "decimal256 holds (76)");
    }
}
