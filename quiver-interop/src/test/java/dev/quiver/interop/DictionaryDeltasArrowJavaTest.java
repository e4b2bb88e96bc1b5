package dev.quiver.interop;

import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchStreamWriter;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import dev.quiver.type.ArrowTypes;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Quiver writes dictionary deltas and replacements in streams; Arrow Java 19 reads them and decodes the same
 * values. (Files with deltas are left out: Arrow Java 19's file reader loads one dictionary block per id, so it
 * misses the deltas that the format allows after it.)
 */
class DictionaryDeltasArrowJavaTest {
    private static final Schema SCHEMA = Schema.of(Field.nullable("w", ArrowTypes.UTF8).withDictionary(DictionaryEncoding.of(0)));

    private static RecordBatch batch(Integer[] indices, String... dictionary) {
        return RecordBatch.of(SCHEMA, List.of(Arrow.dictionary(Arrow.int32(indices), Arrow.utf8(dictionary))));
    }

    private static byte[] write(List<RecordBatch> batches, boolean file, IpcWriteOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordBatchStreamWriter w = file ? Ipc.newFile(out, SCHEMA, options) : Ipc.newStream(out, SCHEMA, options)) {
            w.writeAll(batches);
        }
        return out.toByteArray();
    }

    /** The decoded values of every batch, as Arrow Java reads them. */
    private static List<List<Object>> readWithArrowJava(byte[] bytes) throws IOException {
        List<List<Object>> out = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator();
             ArrowReader r = new ArrowStreamReader(new ByteArrayInputStream(bytes), allocator)) {
            while (r.loadNextBatch()) {
                FieldVector indices = r.getVectorSchemaRoot().getVector(0);
                Dictionary d = r.getDictionaryVectors().get(indices.getField().getDictionary().getId());
                try (ValueVector decoded = DictionaryEncoder.decode(indices, d)) {
                    List<Object> values = new ArrayList<>();
                    for (int i = 0; i < decoded.getValueCount(); i++) {
                        Object v = decoded.getObject(i);
                        values.add(v == null ? null : v.toString());
                    }
                    out.add(values);
                }
            }
        }
        return out;
    }

    private static final List<RecordBatch> GROWING = List.of(batch(new Integer[] {0, 1, null}, "a", "b"),
            batch(new Integer[] {2, 0}, "a", "b", "c"),
            batch(new Integer[] {4, 3, 1}, "a", "b", "c", "d", "e"));
    private static final List<List<Object>> GROWING_VALUES = List.of(java.util.Arrays.asList("a", "b", null),
            List.of("c", "a"), List.of("e", "d", "b"));

    @Test
    void deltasInAStream() throws IOException {
        byte[] bytes = write(GROWING, false, IpcWriteOptions.DEFAULT.withEmitDictionaryDeltas(true));
        assertEquals(GROWING_VALUES, readWithArrowJava(bytes));
    }

    @Test
    void replacementsInAStream() throws IOException {
        List<RecordBatch> batches = new ArrayList<>(GROWING);
        batches.add(batch(new Integer[] {1, 0}, "x", "y"));
        List<List<Object>> expected = new ArrayList<>(GROWING_VALUES);
        expected.add(List.of("y", "x"));
        assertEquals(expected, readWithArrowJava(write(batches, false, IpcWriteOptions.DEFAULT)));
    }
}
