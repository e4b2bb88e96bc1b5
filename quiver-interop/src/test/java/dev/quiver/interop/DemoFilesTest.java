package dev.quiver.interop;

import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.compress.CompressionType;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchStreamWriter;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The files of {@code quiver demo}, written by Quiver the way the demo writes them (in memory, then saved) and
 * read by Arrow Java 19 value by value: the three seed batches ({@code x: int32}, {@code y: utf8}) and the
 * million-row cities batch ({@code v: utf8}), each as a stream and as a file, uncompressed, LZ4_FRAME and ZSTD.
 */
class DemoFilesTest {
    static final String[] CITIES = {"Paris", "Montpellier", "Toulouse", "Angers", "Rennes", "Nantes", "Nice"};
    static final int CITY_ROWS = 1_000_000;
    static final CompressionType[] CODECS = {null, CompressionType.LZ4_FRAME, CompressionType.ZSTD};

    static final int[][] SEED_X = {{1, 2, 3}, {4, 5}, {6}};
    static final String[][] SEED_Y = {{"a", "b", "c"}, {"d", "e"}, {"f"}};

    static List<RecordBatch> seedBatches() {
        List<RecordBatch> batches = new ArrayList<>();
        for (int b = 0; b < SEED_X.length; b++) {
            Integer[] x = java.util.Arrays.stream(SEED_X[b]).boxed().toArray(Integer[]::new);
            batches.add(RecordBatch.builder().add("x", Arrow.int32(x)).add("y", Arrow.utf8(SEED_Y[b])).build());
        }
        return batches;
    }

    /** The demo's cities column: uniform over {@link #CITIES}, drawn with {@code new SplittableRandom(42)}. */
    static String[] cities() {
        String[] values = new String[CITY_ROWS];
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < values.length; i++) values[i] = CITIES[rnd.nextInt(CITIES.length)];
        return values;
    }

    @TestFactory
    List<DynamicTest> seed() {
        List<DynamicTest> tests = new ArrayList<>();
        for (CompressionType c : CODECS) {
            for (boolean file : new boolean[] {false, true}) {
                tests.add(DynamicTest.dynamicTest("seed " + ArrowJava.codecName(c) + (file ? " file" : " stream"),
                        () -> checkSeed(c, file)));
            }
        }
        return tests;
    }

    private static void checkSeed(CompressionType codec, boolean file) throws IOException {
        List<RecordBatch> batches = seedBatches();
        byte[] bytes = write(batches, codec, file);
        Schema expectedSchema = new Schema(List.of(
                Field.nullable("x", new ArrowType.Int(32, true)), Field.nullable("y", ArrowType.Utf8.INSTANCE)));
        try (BufferAllocator allocator = new RootAllocator(); ArrowReader reader = open(bytes, file, allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            assertEquals(expectedSchema, root.getSchema());
            int b = 0;
            while (reader.loadNextBatch()) {
                ArrowJava.validate(root);
                assertEquals(SEED_X[b].length, root.getRowCount(), "rows of batch " + b);
                IntVector x = (IntVector) root.getVector("x");
                VarCharVector y = (VarCharVector) root.getVector("y");
                for (int i = 0; i < root.getRowCount(); i++) {
                    assertFalse(x.isNull(i) || y.isNull(i), "batch " + b + " row " + i + " is null");
                    assertEquals(SEED_X[b][i], x.get(i), "x of batch " + b + " row " + i);
                    assertEquals(SEED_Y[b][i], new String(y.get(i), StandardCharsets.UTF_8), "y of batch " + b + " row " + i);
                }
                b++;
            }
            assertEquals(SEED_X.length, b, "number of batches");
        }
    }

    @Test
    void citiesEveryCodecAndFormat() throws IOException {
        String[] values = cities();
        RecordBatch batch = RecordBatch.builder().add("v", Arrow.utf8(values)).build();
        byte[][] expected = new byte[values.length][];
        for (int i = 0; i < values.length; i++) expected[i] = values[i].getBytes(StandardCharsets.UTF_8);
        Schema expectedSchema = new Schema(List.of(Field.nullable("v", ArrowType.Utf8.INSTANCE)));
        for (boolean file : new boolean[] {true, false}) {
            long uncompressed = -1;
            for (CompressionType c : CODECS) {
                String what = "cities " + ArrowJava.codecName(c) + (file ? " file" : " stream");
                byte[] bytes = write(List.of(batch), c, file);
                if (c == null) {
                    uncompressed = bytes.length;
                } else {
                    // The codec really ran: the body shrank (LZ4 ~1.7x, ZSTD much more, on this data).
                    assertTrue(bytes.length < uncompressed, what + ": " + bytes.length + " bytes vs " + uncompressed);
                }
                try (BufferAllocator allocator = new RootAllocator(); ArrowReader reader = open(bytes, file, allocator)) {
                    VectorSchemaRoot root = reader.getVectorSchemaRoot();
                    assertEquals(expectedSchema, root.getSchema(), what);
                    assertTrue(reader.loadNextBatch(), what + ": no batch");
                    ArrowJava.validate(root);
                    assertEquals(CITY_ROWS, root.getRowCount(), what);
                    VarCharVector v = (VarCharVector) root.getVector("v");
                    assertEquals(0, v.getNullCount(), what + ": nulls");
                    for (int i = 0; i < CITY_ROWS; i++) {
                        byte[] got = v.get(i);
                        if (!java.util.Arrays.equals(expected[i], got)) {
                            assertArrayEquals(expected[i], got, what + ": row " + i);
                        }
                    }
                    assertFalse(reader.loadNextBatch(), what + ": a second batch");
                }
            }
        }
        batch.close();
    }

    /** Writes like the demo: into memory through {@link Ipc#newStream} / {@link Ipc#newFile} on an OutputStream. */
    static byte[] write(List<RecordBatch> batches, CompressionType codec, boolean file) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        IpcWriteOptions options = IpcWriteOptions.DEFAULT.withCompression(codec);
        dev.quiver.type.Schema schema = batches.get(0).schema();
        try (RecordBatchStreamWriter w = file ? Ipc.newFile(buf, schema, options) : Ipc.newStream(buf, schema, options)) {
            for (RecordBatch b : batches) w.write(b);
        }
        return buf.toByteArray();
    }

    static ArrowReader open(byte[] bytes, boolean file, BufferAllocator allocator) {
        return file
                ? new ArrowFileReader(new ByteArrayReadableSeekableByteChannel(bytes), allocator, ArrowJava.CODECS)
                : new ArrowStreamReader(new ByteArrayInputStream(bytes), allocator, ArrowJava.CODECS);
    }
}
