package dev.quiver.array;

import dev.quiver.InvalidDataException;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.ipc.RecordBatchFileWriter;
import dev.quiver.type.ArrowTimeUnit;
import dev.quiver.type.ArrowType;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.Field;
import dev.quiver.validate.ValidationLevel;
import dev.quiver.validate.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values at the edges of their types and of java.time (issue 8, defect 4). Every int64 timestamp is valid Arrow,
 * and times of day outside one day and decimals beyond their precision are read too (Arrow C++'s ValidateFull rejects
 * those two, but Arrow's own 1.0.0 integration files hold them). After FULL validation the getters that return
 * java.time values throw {@link DateTimeException} only where java.time cannot hold the value, and nothing else
 * throws; {@link Array#getDisplayObject(int)} and {@code toString} render those values as raw number and unit.
 */
class ValueRangesTest {
    @TempDir
    Path dir;

    private static final long INSTANT_MAX_S = Instant.MAX.getEpochSecond();
    private static final long INSTANT_MIN_S = Instant.MIN.getEpochSecond();
    private static final long LDT_MAX_S = LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC);
    private static final long LDT_MIN_S = LocalDateTime.MIN.toEpochSecond(ZoneOffset.UTC);

    private static Array raw(ArrowType type, Long... values) {
        FixedWidthBuilder b = new FixedWidthBuilder(type);
        for (Long v : values) {
            if (v == null) b.appendNull();
            else if (b.byteWidth() == 4) b.appendInt(v.intValue());
            else b.appendLong(v);
        }
        return b.buildArray();
    }

    @Test
    void timestampsInSecondsBeyondJavaTimeThrowDateTimeExceptionAndDisplayRaw() {
        TimestampArray utc = (TimestampArray) raw(ArrowTypes.timestamp(ArrowTimeUnit.SECOND, "UTC"),
                INSTANT_MAX_S, INSTANT_MAX_S + 1, Long.MIN_VALUE, INSTANT_MIN_S, null);
        Validator.validate(utc.data(), ValidationLevel.FULL, "t");
        assertEquals(Instant.MAX.minusNanos(Instant.MAX.getNano()), utc.getInstant(0));
        assertEquals(Instant.MIN, utc.getObject(3));
        for (int i : new int[] {1, 2}) {
            assertThrows(DateTimeException.class, () -> utc.getInstant(i));
            assertThrows(DateTimeException.class, () -> utc.getObject(i));
            assertThrows(DateTimeException.class, () -> utc.getLocalDateTime(i));
        }
        assertEquals(new RawTemporal(INSTANT_MAX_S + 1, ArrowTimeUnit.SECOND), utc.getDisplayObject(1));
        assertEquals("-9223372036854775808 s", utc.getDisplayObject(2).toString());
        assertEquals(utc.getObject(0), utc.getDisplayObject(0));
        assertNull(utc.getDisplayObject(4));
        assertEquals("[+1000000000-12-31T23:59:59Z, 31556889864403200 s, -9223372036854775808 s, "
                + "-1000000000-01-01T00:00:00Z, null]", utc.toString());

        TimestampArray local = (TimestampArray) raw(ArrowTypes.timestamp(ArrowTimeUnit.SECOND),
                LDT_MAX_S, LDT_MAX_S + 1, LDT_MIN_S, LDT_MIN_S - 1);
        assertEquals(LocalDateTime.MAX.withNano(0), local.getObject(0));
        assertEquals(LocalDateTime.MIN, local.getObject(2));
        assertThrows(DateTimeException.class, () -> local.getObject(1));
        assertThrows(DateTimeException.class, () -> local.getObject(3));
        assertEquals(new RawTemporal(LDT_MIN_S - 1, ArrowTimeUnit.SECOND), local.getDisplayObject(3));
    }

    @Test
    void timestampsInFinerUnitsAlwaysFitJavaTime() {
        for (ArrowTimeUnit unit : new ArrowTimeUnit[] {ArrowTimeUnit.MILLISECOND, ArrowTimeUnit.MICROSECOND,
                ArrowTimeUnit.NANOSECOND}) {
            TimestampArray a = (TimestampArray) raw(ArrowTypes.timestamp(unit, "UTC"), Long.MIN_VALUE, Long.MAX_VALUE);
            TimestampArray l = (TimestampArray) raw(ArrowTypes.timestamp(unit), Long.MIN_VALUE, Long.MAX_VALUE);
            long per = unit == ArrowTimeUnit.MILLISECOND ? 1_000 : unit == ArrowTimeUnit.MICROSECOND ? 1_000_000
                    : 1_000_000_000;
            for (int i = 0; i < 2; i++) {
                long v = a.get(i);
                Instant expected = Instant.ofEpochSecond(Math.floorDiv(v, per), Math.floorMod(v, per) * (1_000_000_000 / per));
                assertEquals(expected, a.getObject(i));
                assertEquals(LocalDateTime.ofInstant(expected, ZoneOffset.UTC), l.getObject(i));
            }
        }
    }

    @Test
    void timesOfDayOutsideOneDayAreReadAndDisplayRaw() {
        Object[][] cases = {
                {ArrowTypes.time32(ArrowTimeUnit.SECOND), 86_400L, "s"},
                {ArrowTypes.time32(ArrowTimeUnit.MILLISECOND), 86_400_000L, "ms"},
                {ArrowTypes.time64(ArrowTimeUnit.MICROSECOND), 86_400_000_000L, "us"},
                {ArrowTypes.time64(ArrowTimeUnit.NANOSECOND), 86_400_000_000_000L, "ns"},
        };
        for (Object[] c : cases) {
            ArrowType type = (ArrowType) c[0];
            long perDay = (Long) c[1];
            Array a = raw(type, 0L, perDay - 1, perDay, -1L, null);
            Validator.validate(a.data(), ValidationLevel.FULL, "t");
            assertEquals(LocalTime.MIDNIGHT, a.getObject(0));
            assertEquals(LocalTime.ofNanoOfDay((perDay - 1) * (86_400_000_000_000L / perDay)), a.getObject(1),
                    type.toString());
            for (int i : new int[] {2, 3}) {
                DateTimeException e = assertThrows(DateTimeException.class, () -> a.getObject(i));
                long v = i == 2 ? perDay : -1;
                assertEquals("time of day " + v + " " + c[2] + " is outside one day [0, " + perDay + ")",
                        e.getMessage());
                assertEquals(new RawTemporal(v, ((ArrowType.Time) type).unit()), a.getDisplayObject(i));
            }
            assertNull(a.getDisplayObject(4));
            assertTrue(a.toString().endsWith(", " + perDay + " " + c[2] + ", -1 " + c[2] + ", null]"), a.toString());
        }
        Time32Array t = (Time32Array) raw(ArrowTypes.time32(ArrowTimeUnit.SECOND), 86_400L);
        assertThrows(DateTimeException.class, () -> t.getLocalTime(0));
        assertEquals(86_400, t.get(0));
        assertEquals("[86400 s]", t.toString());
    }

    @Test
    void decimalsBeyondTheirPrecisionAreReadExactly() {
        for (int[] wp : new int[][] {{32, 3}, {64, 10}, {128, 38}, {256, 76}}) {
            ArrowType.Decimal type = new ArrowType.Decimal(wp[1], 2, wp[0]);
            BigInteger beyond = BigInteger.TEN.pow(wp[1]);
            BigInteger top = BigInteger.ONE.shiftLeft(wp[0] - 1).subtract(BigInteger.ONE);
            FixedWidthBuilder b = new FixedWidthBuilder(type);
            for (BigInteger v : new BigInteger[] {beyond, beyond.negate(), top, top.negate().subtract(BigInteger.ONE)}) {
                b.appendUnscaled(v);
            }
            DecimalArray a = (DecimalArray) b.buildArray();
            Validator.validate(a.data(), ValidationLevel.FULL, "d");
            assertEquals(new java.math.BigDecimal(beyond, 2), a.getObject(0));
            assertEquals(new java.math.BigDecimal(beyond.negate(), 2), a.getBigDecimal(1));
            assertEquals(top, a.getUnscaled(2));
            assertEquals(top.negate().subtract(BigInteger.ONE), a.getUnscaled(3));
        }
    }

    @Test
    void datesDurationsAndIntervalsAtTheEdgesOfTheirTypesAlwaysConvert() {
        Array d32 = raw(ArrowTypes.DATE32, (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE);
        assertEquals(LocalDate.ofEpochDay(Integer.MIN_VALUE), d32.getObject(0));
        assertEquals(LocalDate.ofEpochDay(Integer.MAX_VALUE), d32.getObject(1));
        Array d64 = raw(ArrowTypes.DATE64, Long.MIN_VALUE, Long.MAX_VALUE);
        assertEquals(LocalDate.ofEpochDay(Math.floorDiv(Long.MIN_VALUE, 86_400_000L)), d64.getObject(0));
        assertEquals(LocalDate.ofEpochDay(Long.MAX_VALUE / 86_400_000L), d64.getObject(1));
        for (ArrowTimeUnit unit : ArrowTimeUnit.values()) {
            DurationArray d = (DurationArray) raw(ArrowTypes.duration(unit), Long.MIN_VALUE, Long.MAX_VALUE);
            long per = switch (unit) {
                case SECOND -> 1;
                case MILLISECOND -> 1_000;
                case MICROSECOND -> 1_000_000;
                case NANOSECOND -> 1_000_000_000;
            };
            assertEquals(Duration.ofSeconds(Math.floorDiv(Long.MIN_VALUE, per),
                    Math.floorMod(Long.MIN_VALUE, per) * (1_000_000_000 / per)), d.getObject(0));
            assertEquals(Duration.ofSeconds(Long.MAX_VALUE / per, Long.MAX_VALUE % per * (1_000_000_000 / per)),
                    d.getObject(1));
        }
        Array ym = raw(ArrowTypes.MONTH_INTERVAL, (long) Integer.MIN_VALUE);
        assertEquals(java.time.Period.ofMonths(Integer.MIN_VALUE), ym.getObject(0));
        Array u64 = raw(ArrowTypes.UINT64, -1L);
        assertEquals(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), u64.getObject(0));
    }

    @Test
    void aFileQuiverWritesWithExtremeTimestampsReadsBackAtFull() throws IOException {
        Field ts = Field.nullable("ts", ArrowTypes.timestamp(ArrowTimeUnit.SECOND, "UTC"));
        Field list = Field.nullable("l", new ArrowType.List(), Field.nullable("item", ts.type()));
        Array column = Arrow.of(ts.type(), Arrays.asList(Long.MAX_VALUE, 0L, null));
        Array lists = Arrow.of(list, Arrays.asList(Arrays.asList(Long.MIN_VALUE, 1L), null, List.of()));
        RecordBatch batch = RecordBatch.builder().add(ts, column).add(list, lists).build();
        Path p = dir.resolve("extreme.arrow");
        try (RecordBatchFileWriter w = Ipc.newFile(p, batch.schema(), IpcWriteOptions.DEFAULT)) {
            w.write(batch);
        }
        try (RecordBatchFileReader r = Ipc.openFile(p); RecordBatch b = r.recordBatch(0)) {
            assertEquals("[9223372036854775807 s, 1970-01-01T00:00:00Z, null]", b.column(0).toString());
            assertThrows(DateTimeException.class, () -> b.column(0).getObject(0));
            assertThrows(DateTimeException.class, () -> b.column(1).getObject(0));
            assertEquals(List.of(new RawTemporal(Long.MIN_VALUE, ArrowTimeUnit.SECOND), Instant.ofEpochSecond(1)),
                    b.column(1).getDisplayObject(0));
            assertEquals(Long.MAX_VALUE, ((TimestampArray) b.column(0)).get(0));
        }
    }
}
