package dev.quiver.ipc;

import dev.quiver.InvalidDataException;
import dev.quiver.array.Array;
import dev.quiver.array.ArrayData;
import dev.quiver.array.Arrow;
import dev.quiver.array.DictionaryArray;
import dev.quiver.array.RecordBatch;
import dev.quiver.memory.LE;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import dev.quiver.validate.ValidationLevel;
import dev.quiver.validate.Validator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FULL validation checks a dictionary once, when it arrives, and per record batch only the indices (issue 8,
 * defect 7): the cost of a batch no longer depends on the size of its dictionary. Shown without timing: readers over
 * memory are zero-copy, so a dictionary made invalid in the input after it arrived would fail any per-batch check of
 * the dictionary, yet later batches read; their indices are still checked.
 */
class DictionaryValidatedOnceTest {
    private static final Field FIELD = Field.nullable("d", ArrowTypes.UTF8).withDictionary(DictionaryEncoding.of(0));
    private static final Schema SCHEMA = Schema.of(FIELD);
    private static final Array DICTIONARY = Arrow.utf8("first", "SECOND", "third");

    private static RecordBatch batch(Integer... indices) {
        return RecordBatch.of(SCHEMA, List.of(Arrow.dictionary(Arrow.int32(indices), DICTIONARY)));
    }

    private static byte[] write(boolean file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<RecordBatch> batches = List.of(batch(0), batch(2, null), batch(1, 5));
        if (file) {
            try (RecordBatchFileWriter w = Ipc.newFile(out, SCHEMA, IpcWriteOptions.DEFAULT)) {
                for (RecordBatch b : batches) w.write(b);
            }
        } else {
            try (RecordBatchStreamWriter w = Ipc.newStream(out, SCHEMA, IpcWriteOptions.DEFAULT)) {
                for (RecordBatch b : batches) w.write(b);
            }
        }
        return out.toByteArray();
    }

    /** Overwrites the first byte of "SECOND" in the input with 0xFF: invalid UTF-8 in the dictionary's value 1. */
    private static void corruptDictionary(MemorySegment input) {
        byte[] needle = "SECOND".getBytes(StandardCharsets.UTF_8);
        for (long at = 0; at + needle.length <= input.byteSize(); at++) {
            if (MemorySegment.mismatch(input, at, at + needle.length, MemorySegment.ofArray(needle), 0,
                    needle.length) == -1) {
                input.set(LE.BYTE, at, (byte) 0xFF);
                return;
            }
        }
        throw new AssertionError("dictionary value not found in the input");
    }

    private static void laterBatchesSkipTheDictionaryButCheckTheirIndices(RecordBatch first, ReadBatch next,
                                                                          MemorySegment input) throws IOException {
        DictionaryArray d = (DictionaryArray) first.column(0);
        assertEquals("SECOND", d.dictionary().getObject(1));
        corruptDictionary(input);
        // the dictionary in use is the one in the input (zero-copy): a per-batch FULL check of it would now fail
        assertEquals("\uFFFDECOND", d.dictionary().getObject(1));
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> Validator.validate(FIELD, d.data(), ValidationLevel.FULL));
        assertTrue(e.getMessage().contains("dictionary: invalid UTF-8 in value 1"), e.getMessage());

        RecordBatch second = next.read(1);
        assertEquals("third", second.column(0).getObject(0));
        e = assertThrows(InvalidDataException.class, () -> next.read(2));
        assertTrue(e.getMessage().startsWith("dictionary index 5 at slot 1 is outside the dictionary of 3 values"),
                e.getMessage());
    }

    interface ReadBatch {
        RecordBatch read(int i) throws IOException;
    }

    @Test
    void streamReaderChecksTheDictionaryOnceAndOnlyIndicesPerBatch() throws IOException {
        byte[] bytes = write(false);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment input = arena.allocate(bytes.length, 8).copyFrom(MemorySegment.ofArray(bytes));
            try (RecordBatchStreamReader r = Ipc.openStream(input)) {
                laterBatchesSkipTheDictionaryButCheckTheirIndices(r.readNext(), i -> r.readNext(), input);
            }
        }
    }

    @Test
    void fileReaderChecksTheDictionaryOnceAndOnlyIndicesPerBatch() throws IOException {
        byte[] bytes = write(true);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment input = arena.allocate(bytes.length, 8).copyFrom(MemorySegment.ofArray(bytes));
            try (RecordBatchFileReader r = Ipc.openFile(input)) {
                laterBatchesSkipTheDictionaryButCheckTheirIndices(r.recordBatch(0), r::recordBatch, input);
            }
        }
    }

    @Test
    void aDictionaryOrDeltaIsCheckedWhenItArrives() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordBatchStreamWriter w = Ipc.newStream(out, SCHEMA, IpcWriteOptions.DEFAULT.withEmitDictionaryDeltas(true))) {
            w.write(RecordBatch.of(SCHEMA, List.of(Arrow.dictionary(Arrow.int32(0), Arrow.utf8("first")))));
            w.write(batch(0, 1));
        }
        byte[] bytes = out.toByteArray();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment input = arena.allocate(bytes.length, 8).copyFrom(MemorySegment.ofArray(bytes));
            corruptDictionary(input); // in the delta, which brings "SECOND" and "third"
            try (RecordBatchStreamReader r = Ipc.openStream(input)) {
                assertEquals("first", r.readNext().column(0).getObject(0));
                InvalidDataException e = assertThrows(InvalidDataException.class, r::readNext);
                assertTrue(e.getMessage().startsWith("invalid UTF-8 in value 0 at byte 0 (byte 0xff)"), e.getMessage());
                assertEquals("d", e.fieldPath());
            }
        }
    }

    @Test
    void validatorTrustingDictionariesChecksIndicesButNotTheDictionary() {
        ArrayData badDictionary = new ArrayData(ArrowTypes.UTF8, 1, 0, 0, new MemorySegment[] {ArrayData.ABSENT,
                MemorySegment.ofArray(new int[] {0, 1}), MemorySegment.ofArray(new byte[] {(byte) 0xFF})}, null, null);
        ArrayData ok = new ArrayData(ArrowTypes.INT32, 1, 0, 0, Arrow.int32(0).data().buffers(), null, badDictionary);
        ArrayData outside = new ArrayData(ArrowTypes.INT32, 1, 0, 0, Arrow.int32(1).data().buffers(), null,
                badDictionary);
        Validator.validateTrustingDictionaries(FIELD, ok, ValidationLevel.FULL);
        assertThrows(InvalidDataException.class, () -> Validator.validate(FIELD, ok, ValidationLevel.FULL));
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> Validator.validateTrustingDictionaries(FIELD, outside, ValidationLevel.FULL));
        assertEquals("dictionary index 1 at slot 0 is outside the dictionary of 1 values (field 'd')", e.getMessage());
        e = assertThrows(InvalidDataException.class, () -> Validator.validateTrustingDictionaries(FIELD,
                Arrow.int32(0).data(), ValidationLevel.BASIC));
        assertEquals("dictionary-encoded field has no dictionary (field 'd')", e.getMessage());
    }
}
