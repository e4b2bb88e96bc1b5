package dev.quiver.array;

import dev.quiver.type.ArrowTimeUnit;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.Field;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Types inferred from Java values, as pa.array / pa.record_batch do. */
class InferenceTest {
    @Test
    void mixedKindsAreRejectedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Arrow.array(Arrays.asList(1, null, "x")));
        assertTrue(e.getMessage().contains("value 2 of the values is a String, the values before it integer"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RecordBatch.of(Map.of("c", List.of(List.of(1), List.of("a")))));
        assertTrue(e.getMessage().startsWith("column 'c': value 1 of 'c' (list elements) is a String"), e.getMessage());
    }

    @Test
    void unknownClassesAndNonStringMapKeysAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Arrow.array(List.of(new StringBuilder("x"), Thread.currentThread())));
        assertTrue(e.getMessage().contains("cannot infer an Arrow type for value 1 of the values (java.lang.Thread)"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Arrow.array(List.of(Map.of(1, 2))));
        assertTrue(e.getMessage().contains("only Maps with String keys are inferred"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RecordBatch.of(Map.of("t", new Object())));
        assertTrue(e.getMessage().contains("column 't': a java.lang.Object is not a column"), e.getMessage());
    }

    @Test
    void scalars() {
        assertEquals(ArrowTypes.NULL, Arrow.array(Arrays.asList(null, null)).type());
        assertEquals(ArrowTypes.NULL, Arrow.array(List.of()).type());
        assertEquals(ArrowTypes.BOOL, Arrow.array(Arrays.asList(true, null)).type());
        assertEquals(ArrowTypes.INT32, Arrow.array(List.of(1, 2)).type());
        assertEquals(ArrowTypes.INT64, Arrow.array(List.of(1, 2L)).type());
        assertEquals(ArrowTypes.INT8, Arrow.array(List.of((byte) 1)).type());
        assertEquals(ArrowTypes.INT16, Arrow.array(List.of((short) 1, (byte) 2)).type());
        assertEquals(ArrowTypes.FLOAT32, Arrow.array(List.of(1f)).type());
        assertEquals(ArrowTypes.FLOAT64, Arrow.array(List.of(1f, 2.0)).type());
        Array mixed = Arrow.array(List.of(1, 2.5));
        assertEquals(ArrowTypes.FLOAT64, mixed.type());
        assertEquals(List.of(1.0, 2.5), mixed.toList());
        assertEquals(ArrowTypes.UTF8, Arrow.array(Arrays.asList("a", null)).type());
        assertEquals(ArrowTypes.BINARY, Arrow.array(List.of(new byte[] {1})).type());
        assertEquals(ArrowTypes.DATE32, Arrow.array(List.of(LocalDate.of(2024, 1, 1))).type());
    }

    @Test
    void decimalsTakeTheDigitsTheyNeed() {
        Array d = Arrow.array(List.of(new BigDecimal("123.4"), new BigDecimal("-0.05")));
        assertEquals(ArrowTypes.decimal128(5, 2), d.type());
        assertEquals(List.of(new BigDecimal("123.40"), new BigDecimal("-0.05")), d.toList());
        assertEquals(ArrowTypes.decimal256(40, 0), Arrow.array(List.of(new BigDecimal("9".repeat(40)))).type());
        assertEquals(ArrowTypes.decimal128(4, 0), Arrow.array(List.of(new BigDecimal("1E+3"))).type());
    }

    @Test
    void temporalValuesAreMicrosecondsUnlessFiner() {
        Instant t = Instant.parse("2024-05-01T10:00:00.123456Z");
        assertEquals(ArrowTypes.timestamp(ArrowTimeUnit.MICROSECOND, "UTC"), Arrow.array(List.of(t)).type());
        Instant fine = Instant.parse("2024-05-01T10:00:00.123456789Z");
        Array ns = Arrow.array(List.of(t, fine));
        assertEquals(ArrowTypes.timestamp(ArrowTimeUnit.NANOSECOND, "UTC"), ns.type());
        assertEquals(List.of(t, fine), ns.toList());
        ZonedDateTime paris = ZonedDateTime.of(2024, 5, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris"));
        Array zoned = Arrow.array(List.of(paris, t));
        assertEquals(ArrowTypes.timestamp(ArrowTimeUnit.MICROSECOND, "Europe/Paris"), zoned.type());
        assertEquals(paris.toInstant(), zoned.getObject(0));
        assertEquals(ArrowTypes.timestamp(ArrowTimeUnit.MICROSECOND, "UTC"),
                Arrow.array(List.of(OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC))).type());
        assertEquals(ArrowTypes.timestamp(ArrowTimeUnit.MICROSECOND, "+02:00"),
                Arrow.array(List.of(OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(2)))).type());
        LocalDateTime local = LocalDateTime.of(2024, 1, 1, 8, 30);
        Array l = Arrow.array(List.of(local));
        assertEquals(ArrowTypes.timestamp(ArrowTimeUnit.MICROSECOND), l.type());
        assertEquals(local, l.getObject(0));
        assertEquals(ArrowTypes.time64(ArrowTimeUnit.MICROSECOND), Arrow.array(List.of(LocalTime.NOON)).type());
        assertEquals(ArrowTypes.duration(ArrowTimeUnit.NANOSECOND), Arrow.array(List.of(Duration.ofNanos(1))).type());
        assertThrows(IllegalArgumentException.class, () -> Arrow.array(List.of(local, t)));
    }

    @Test
    void listsAndStructsNest() {
        Array lists = Arrow.array(Arrays.asList(List.of(1L, 2L), null, List.of(), Arrays.asList(3L, null)));
        assertEquals(Field.nullable("", ArrowTypes.LIST, Field.nullable("item", ArrowTypes.INT64)), lists.asField(""));
        assertEquals(Arrays.asList(List.of(1L, 2L), null, List.of(), Arrays.asList(3L, null)), lists.toList());
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("x", 1);
        a.put("tags", List.of("p"));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("y", "only b");
        Array structs = Arrow.array(Arrays.asList(a, null, b));
        Field f = structs.asField("s");
        assertEquals(List.of("x", "tags", "y"), f.children().stream().map(Field::name).toList());
        assertEquals(ArrowTypes.LIST, f.child(1).type());
        StructArray s = structs.as(StructArray.class);
        assertEquals(Arrays.asList(1, null, null), s.field("x").toList());
        assertEquals(Arrays.asList(null, null, "only b"), s.field("y").toList());
        assertEquals(ArrowTypes.NULL, Arrow.array(List.of(Arrays.asList((Object) null))).asField("").child(0).type());
    }

    @Test
    void unorderedMapsGiveSortedNamesOrderedMapsTheirOrder() {
        RecordBatch b = RecordBatch.of(Map.of("zeta", List.of(1), "alpha", List.of(2), "mid", List.of(3)));
        assertEquals(List.of("alpha", "mid", "zeta"), b.schema().fields().stream().map(Field::name).toList());
        Array s = Arrow.array(List.of(Map.of("y", 1, "x", 2, "w", 3)));
        assertEquals(List.of("w", "x", "y"), s.as(StructArray.class).fieldNames());
        assertEquals(List.of("b", "c"), Arrow.struct(Map.of("c", Arrow.int8(1), "b", Arrow.int8(2))).fieldNames());
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("zeta", List.of(1));
        ordered.put("alpha", List.of(2));
        assertEquals(List.of("zeta", "alpha"), RecordBatch.of(ordered).schema().fields().stream().map(Field::name).toList());
    }

    @Test
    void recordBatchOfJavaValues() {
        Map<String, Object> cols = new LinkedHashMap<>();
        cols.put("id", new long[] {1, 2, 3});
        cols.put("name", Arrays.asList("a", null, "c"));
        cols.put("score", new double[] {0.5, 1.5, 2.5});
        cols.put("ok", List.of(true, false, true));
        cols.put("when", Arrow.array(List.of(LocalDate.EPOCH, LocalDate.EPOCH, LocalDate.EPOCH)));
        RecordBatch batch = RecordBatch.of(cols);
        assertEquals(List.of("id", "name", "score", "ok", "when"),
                batch.schema().fields().stream().map(Field::name).toList());
        assertEquals(2L, batch.int64("id").get(1));
        assertEquals(Arrays.asList("a", null, "c"), batch.utf8("name").toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordBatch.of(
                Map.of("a", new long[] {1}, "b", new long[] {1, 2})));
        assertTrue(e.getMessage().contains("has length"), e.getMessage());
        RecordBatch explicit = RecordBatch.builder()
                .add(Field.nullable("ts", ArrowTypes.timestamp(ArrowTimeUnit.MILLISECOND, "Asia/Tokyo")),
                        List.of(Instant.EPOCH))
                .add("n", List.of(1, 2).subList(0, 1)).build();
        assertEquals("Asia/Tokyo", explicit.timestamp("ts").timezone());
        assertEquals(Instant.EPOCH, explicit.timestamp(0).getInstant(0));
    }
}
