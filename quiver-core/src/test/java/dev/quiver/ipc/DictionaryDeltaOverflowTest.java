package dev.quiver.ipc;

import dev.quiver.InvalidDataException;
import dev.quiver.LimitExceededException;
import dev.quiver.QuiverException;
import dev.quiver.array.ArrayData;
import dev.quiver.array.Arrow;
import dev.quiver.array.DictionaryArray;
import dev.quiver.array.RecordBatch;
import dev.quiver.memory.LE;
import dev.quiver.type.ArrowType;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import dev.quiver.validate.ValidationLevel;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delta dictionaries whose concatenation does not fit (issue 8, defect 3): a result longer than an int is a
 * {@link LimitExceededException} (Arrow allows 64-bit lengths, Quiver arrays hold at most 2^31-1 values); 32-bit
 * offsets that cannot address the result are an {@link InvalidDataException} (no Arrow reader can hold such a
 * dictionary in its declared type). Neither is an ArithmeticException, at any validation level.
 */
class DictionaryDeltaOverflowTest {
    private static final int MAX = Integer.MAX_VALUE;

    private static ArrayData nulls(int n) {
        return new ArrayData(ArrowTypes.NULL, n, 0, n, new MemorySegment[0], null, null);
    }

    private static MemorySegment ints(int... v) {
        MemorySegment s = MemorySegment.ofArray(new byte[v.length * 4]);
        for (int i = 0; i < v.length; i++) s.set(LE.INT, i * 4L, v[i]);
        return s;
    }

    private static ArrayData listOfNulls(int length) {
        return new ArrayData(new ArrowType.List(), 1, 0, 0, new MemorySegment[] {ArrayData.ABSENT, ints(0, length)},
                new ArrayData[] {nulls(length)}, null);
    }

    private static ArrayData utf8(MemorySegment offsets, String data, int length) {
        return new ArrayData(ArrowTypes.UTF8, length, 0, 0, new MemorySegment[] {ArrayData.ABSENT, offsets,
                MemorySegment.ofArray(data.getBytes(StandardCharsets.UTF_8))}, null, null);
    }

    private static byte[] stream(Field valueField, ArrayData dictionary, ArrayData delta) {
        Field f = valueField.withDictionary(DictionaryEncoding.of(0));
        return HandWrittenStreams.dictionaryThenDelta(Schema.of(f), dictionary, delta,
                List.of(Arrow.int32(0).data()));
    }

    private static <T extends QuiverException> T readFails(byte[] stream, ValidationLevel level, Class<T> type) {
        try (RecordBatchStreamReader r = Ipc.openStream(MemorySegment.ofArray(stream),
                IpcReadOptions.DEFAULT.withValidation(level))) {
            return assertThrows(type, r::readNext);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aDeltaMakingTheDictionaryLongerThanAnIntIsALimit() {
        byte[] s = stream(Field.nullable("d", ArrowTypes.NULL), nulls(MAX), nulls(1));
        for (ValidationLevel level : ValidationLevel.values()) {
            LimitExceededException e = readFails(s, level, LimitExceededException.class);
            assertTrue(e.getMessage().startsWith("delta dictionary batch for id 0: the concatenated array would hold "
                    + "2147483648 values, more than the largest supported array length (2147483647) ("),
                    e.getMessage());
            assertEquals("stream", e.resource());
            assertEquals("d", e.fieldPath());
            assertTrue(e.offset() > 0, e.getMessage());
        }
    }

    @Test
    void aDeltaOverflowingThirtyTwoBitListOffsetsIsInvalid() {
        Field list = Field.nullable("l", new ArrowType.List(), Field.nullable("item", ArrowTypes.NULL));
        byte[] s = stream(list, listOfNulls(MAX), listOfNulls(1));
        for (ValidationLevel level : ValidationLevel.values()) {
            InvalidDataException e = readFails(s, level, InvalidDataException.class);
            assertTrue(e.getMessage().startsWith("delta dictionary batch for id 0: the concatenated list would span "
                    + "2147483648 values, beyond what 32-bit offsets hold (2147483647) ("), e.getMessage());
            assertEquals("l", e.fieldPath());
        }
    }

    @Test
    void garbageInteriorOffsetsPassedByBasicConcatenateWithoutArithmeticErrors() throws Exception {
        // BASIC checks only the first and last offsets: the delta's interior offset is far outside its data
        byte[] s = stream(Field.nullable("u", ArrowTypes.UTF8), utf8(ints(0, 3), "abc", 1),
                utf8(ints(0, MAX, 1), "x", 2));
        for (ValidationLevel level : new ValidationLevel[] {ValidationLevel.NONE, ValidationLevel.BASIC}) {
            try (RecordBatchStreamReader r = Ipc.openStream(MemorySegment.ofArray(s),
                    IpcReadOptions.DEFAULT.withValidation(level));
                 RecordBatch b = r.readNext()) {
                DictionaryArray d = (DictionaryArray) b.column(0);
                assertEquals(3, d.dictionary().length());
                assertEquals("abc", d.getObject(0));
                // the garbage slot is out of bounds, as ValidationLevel documents for offsets below FULL
                assertThrows(IndexOutOfBoundsException.class, () -> d.dictionary().getObject(1));
            }
        }
        InvalidDataException e = readFails(s, ValidationLevel.FULL, InvalidDataException.class);
        assertTrue(e.getMessage().contains("offsets decrease"), e.getMessage());
    }

    @Test
    void aDeltaPushingInt16RunEndsPastTheirRangeIsInvalid() {
        Field ree = new Field("r", new ArrowType.RunEndEncoded(), false, List.of(Field.notNull("run_ends",
                ArrowTypes.INT16), Field.nullable("values", ArrowTypes.UTF8)), null, null);
        ArrayData first = Arrow.of(ree, java.util.Collections.nCopies(30_000, "a")).data();
        ArrayData delta = Arrow.of(ree, java.util.Collections.nCopies(3_000, "b")).data();
        byte[] s = stream(ree, first, delta);
        for (ValidationLevel level : ValidationLevel.values()) {
            InvalidDataException e = readFails(s, level, InvalidDataException.class);
            assertTrue(e.getMessage().startsWith("delta dictionary batch for id 0: the concatenated run-end encoded "
                    + "array would end at 33000, beyond what int16 run ends hold (32767) ("), e.getMessage());
        }
    }

    @Test
    void anUnvalidatedDictionaryWhoseOffsetsLeaveItsDataIsInvalidNotAnIndexError() {
        byte[] s = stream(Field.nullable("u", ArrowTypes.UTF8), utf8(ints(0, 3), "abc", 1), utf8(ints(0, 1), "x", 1));
        // no writer writes offsets beyond the data: patch the dictionary's last offset (just before "abc") to 100
        int at = indexOf(s, "abc".getBytes(StandardCharsets.UTF_8)) - 4;
        assertEquals(3, MemorySegment.ofArray(s).get(LE.INT, at));
        MemorySegment.ofArray(s).set(LE.INT, at, 100);
        InvalidDataException e = readFails(s, ValidationLevel.NONE, InvalidDataException.class);
        assertTrue(e.getMessage().startsWith("delta dictionary batch for id 0: cannot append it to the dictionary, "
                + "whose buffers do not hold what its offsets and lengths say"), e.getMessage());
        assertEquals("u", e.fieldPath());
        // validated, the same dictionary is refused when it arrives
        e = readFails(s, ValidationLevel.BASIC, InvalidDataException.class);
        assertTrue(e.getMessage().contains("last offset 100 is beyond the data buffer size (3)"), e.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) return i;
        }
        throw new AssertionError("not found");
    }
}
