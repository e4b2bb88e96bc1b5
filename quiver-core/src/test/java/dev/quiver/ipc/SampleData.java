package dev.quiver.ipc;

import dev.quiver.array.Array;
import dev.quiver.array.Arrow;
import dev.quiver.array.DayTime;
import dev.quiver.array.MonthDayNano;
import dev.quiver.type.ArrowType;
import dev.quiver.type.ArrowTimeUnit;
import dev.quiver.type.ArrowTypes;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** Values of every type in scope, as the plain Java objects {@link Array#getObject(int)} returns. */
final class SampleData {
    private SampleData() {}

    /** Type name → (type, generator of the i-th non-null value). */
    static Map<String, Map.Entry<ArrowType, IntFunction<Object>>> types() {
        Map<String, Map.Entry<ArrowType, IntFunction<Object>>> m = new LinkedHashMap<>();
        put(m, "null", ArrowTypes.NULL, i -> null);
        put(m, "bool", ArrowTypes.BOOL, i -> i % 3 == 0);
        put(m, "int8", ArrowTypes.INT8, i -> (byte) (i * 37 - 128));
        put(m, "int16", ArrowTypes.INT16, i -> (short) (i * 4099 - 32768));
        put(m, "int32", ArrowTypes.INT32, i -> i * 1_000_003 - 7);
        put(m, "int64", ArrowTypes.INT64, i -> i * 1_000_000_000_007L + Long.MIN_VALUE / 3);
        put(m, "uint8", ArrowTypes.UINT8, i -> (short) ((i * 37) & 0xFF));
        put(m, "uint16", ArrowTypes.UINT16, i -> (i * 4099) & 0xFFFF);
        put(m, "uint32", ArrowTypes.UINT32, i -> (i * 1_000_003L) & 0xFFFFFFFFL);
        put(m, "uint64", ArrowTypes.UINT64, i -> BigInteger.ONE.shiftLeft(64).subtract(BigInteger.valueOf(i * 977L + 1)));
        put(m, "float16", ArrowTypes.FLOAT16, i -> (float) (i - 5) * 0.5f);
        put(m, "float32", ArrowTypes.FLOAT32, i -> (float) i / 3f);
        put(m, "float64", ArrowTypes.FLOAT64, i -> i * Math.PI);
        put(m, "utf8", ArrowTypes.UTF8, i -> i % 4 == 0 ? "" : "v" + i + (i % 5 == 0 ? "é€😀" : ""));
        put(m, "large_utf8", ArrowTypes.LARGE_UTF8, i -> "large" + i);
        put(m, "binary", ArrowTypes.BINARY, i -> ("b" + i).getBytes(StandardCharsets.UTF_8));
        put(m, "large_binary", ArrowTypes.LARGE_BINARY, i -> new byte[] {(byte) i, (byte) (i >> 8), -1});
        put(m, "fixed_size_binary", ArrowTypes.fixedSizeBinary(3), i -> new byte[] {(byte) i, 7, (byte) -i});
        put(m, "date32", ArrowTypes.DATE32, i -> LocalDate.of(1970, 1, 1).plusDays(i * 101L - 500));
        put(m, "date64", ArrowTypes.DATE64, i -> LocalDate.of(2000, 2, 29).plusDays(i * 7L));
        put(m, "time32[s]", ArrowTypes.time32(ArrowTimeUnit.SECOND), i -> LocalTime.ofSecondOfDay(i * 611L % 86400));
        put(m, "time32[ms]", ArrowTypes.time32(ArrowTimeUnit.MILLISECOND), i -> LocalTime.ofNanoOfDay((i * 611_123L % 86_400_000L) * 1_000_000L));
        put(m, "time64[us]", ArrowTypes.time64(ArrowTimeUnit.MICROSECOND), i -> LocalTime.ofNanoOfDay((i * 61_112_345L) % 86_400_000_000L * 1000L));
        put(m, "time64[ns]", ArrowTypes.time64(ArrowTimeUnit.NANOSECOND), i -> LocalTime.ofNanoOfDay(i * 61_112_345_678L % 86_400_000_000_000L));
        put(m, "timestamp[s]", ArrowTypes.timestamp(ArrowTimeUnit.SECOND), i -> LocalDateTime.of(1969, 12, 31, 23, 0).plusSeconds(i * 9_999L));
        put(m, "timestamp[ms,UTC]", ArrowTypes.timestamp(ArrowTimeUnit.MILLISECOND, "UTC"), i -> Instant.ofEpochMilli(i * 123_456_789L - 1));
        put(m, "timestamp[us,tz]", ArrowTypes.timestamp(ArrowTimeUnit.MICROSECOND, "Europe/Paris"), i -> Instant.ofEpochSecond(i * 1000L, i * 1000L));
        put(m, "timestamp[ns]", ArrowTypes.timestamp(ArrowTimeUnit.NANOSECOND), i -> LocalDateTime.of(2024, 1, 1, 0, 0).plusNanos(i * 1_234_567_891L));
        put(m, "duration[s]", ArrowTypes.duration(ArrowTimeUnit.SECOND), i -> Duration.ofSeconds(i * 100L - 300));
        put(m, "duration[ns]", ArrowTypes.duration(ArrowTimeUnit.NANOSECOND), i -> Duration.ofNanos(i * 123_456_789L));
        put(m, "interval[ym]", ArrowTypes.MONTH_INTERVAL, i -> Period.ofMonths(i * 5 - 12));
        put(m, "interval[dt]", ArrowTypes.DAY_TIME_INTERVAL, i -> new DayTime(i - 3, i * 1000));
        put(m, "interval[mdn]", ArrowTypes.MONTH_DAY_NANO_INTERVAL, i -> new MonthDayNano(i, -i, i * 1_000_000_007L));
        put(m, "decimal32", ArrowTypes.decimal32(9, 2), i -> BigDecimal.valueOf(i * 12345L - 99999, 2));
        put(m, "decimal64", ArrowTypes.decimal64(18, 4), i -> BigDecimal.valueOf(i * 123456789012L - 7, 4));
        put(m, "decimal128", ArrowTypes.decimal128(38, 10),
                i -> new BigDecimal(BigInteger.TEN.pow(30).multiply(BigInteger.valueOf(i - 4)).add(BigInteger.valueOf(i)), 10));
        put(m, "decimal256", ArrowTypes.decimal256(76, 3),
                i -> new BigDecimal(BigInteger.TEN.pow(70).multiply(BigInteger.valueOf(3 - i)).subtract(BigInteger.ONE), 3));
        return m;
    }

    private static void put(Map<String, Map.Entry<ArrowType, IntFunction<Object>>> m, String name, ArrowType t,
                            IntFunction<Object> gen) {
        m.put(name, Map.entry(t, gen));
    }

    /** {@code n} values of a type, every third one null when {@code withNulls}. */
    static Array array(ArrowType type, IntFunction<Object> gen, int n, boolean withNulls) {
        List<Object> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) values.add(withNulls && i % 3 == 1 ? null : gen.apply(i));
        return Arrow.of(type, values);
    }
}
