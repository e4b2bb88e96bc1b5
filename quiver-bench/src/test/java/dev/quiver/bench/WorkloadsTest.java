package dev.quiver.bench;

import dev.quiver.array.Int64Array;
import dev.quiver.array.RecordBatch;
import dev.quiver.cli.Main;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.RecordBatchReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The paired benchmark methods do the same work: on the small data (quiver.bench.small, set by the build), each
 * library's result equals a checksum computed straight from the generator, and each library reads the other's
 * files to the same result.
 */
class WorkloadsTest {

    @Test
    void smallDataIsOn() {
        assertTrue(Bench.small(), "the build sets -Dquiver.bench.small=true for the tests");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "lz4", "zstd"})
    void w1BothLibrariesSumTheSameLengths(String codec) throws IOException {
        long expected = Expected.w1Lengths();
        W1CitiesBenchmark b = new W1CitiesBenchmark();
        W1CitiesBenchmark.QuiverState q = new W1CitiesBenchmark.QuiverState();
        q.codec = codec;
        q.setUp();
        W1CitiesBenchmark.ArrowJavaState a = new W1CitiesBenchmark.ArrowJavaState();
        a.codec = codec;
        a.setUp();
        try {
            assertEquals(expected, b.quiver_read(q));
            assertEquals(expected, b.arrowJava_read(a));
            assertEquals(expected, W1Cities.quiverRead(a.file), "Quiver reads Arrow Java's file");
            assertEquals(expected, W1Cities.arrowJavaRead(q.file, a.allocator), "Arrow Java reads Quiver's file");
            assertEquals(q.file.length, b.quiver_write(q));
            assertEquals(a.file.length, b.arrowJava_write(a));
        } finally {
            a.tearDown();
        }
    }

    @Test
    void w2AndW3BothLibrariesSumTheSameValues() throws IOException {
        Expected.W2 expected = Expected.w2();
        double expectedB = expected.sumB();
        long[] sumA = expected.sumA();
        W2NumericBenchmark b = new W2NumericBenchmark();
        W2NumericBenchmark.Input in = new W2NumericBenchmark.Input();
        in.setUp();
        W2NumericBenchmark.ArrowJavaAllocator alloc = new W2NumericBenchmark.ArrowJavaAllocator();
        alloc.setUp();
        try {
            assertEquals(expectedB, b.quiver_readFile(in));
            assertEquals(expectedB, b.arrowJava_readFile(in, alloc));
            assertEquals(expectedB, b.quiver_readStream(in));
            assertEquals(expectedB, b.arrowJava_readStream(in, alloc));
            assertEquals(expectedB, b.quiver_cDataExport(in, alloc));
            assertEquals(expectedB, b.arrowJava_cDataExport(in, alloc));
        } finally {
            alloc.tearDown();
        }

        W3RandomAccessBenchmark w3 = new W3RandomAccessBenchmark();
        W3RandomAccessBenchmark.QuiverOpen q = new W3RandomAccessBenchmark.QuiverOpen();
        q.setUp();
        W3RandomAccessBenchmark.ArrowJavaOpen a = new W3RandomAccessBenchmark.ArrowJavaOpen();
        a.setUp();
        W3RandomAccessBenchmark.Indices qi = new W3RandomAccessBenchmark.Indices();
        qi.setUp();
        W3RandomAccessBenchmark.Indices ai = new W3RandomAccessBenchmark.Indices();
        ai.setUp();
        try {
            for (int k = 0; k < 10; k++) {
                int batch = qi.indices[k];
                assertEquals(sumA[batch], w3.quiver_access(q, qi), "access " + k);
                assertEquals(sumA[batch], w3.arrowJava_access(a, ai), "access " + k);
            }
            assertEquals(w3.arrowJava_openToBatch0(a), w3.quiver_openToBatch0(q));
        } finally {
            q.tearDown();
            a.tearDown();
        }
    }

    @Test
    void w2WritesReadBackToTheSameSum() throws IOException {
        W2NumericBenchmark b = new W2NumericBenchmark();
        W2NumericBenchmark.QuiverData q = new W2NumericBenchmark.QuiverData();
        q.setUp();
        W2NumericBenchmark.ArrowJavaData a = new W2NumericBenchmark.ArrowJavaData();
        a.setUp();
        W2NumericBenchmark.ArrowJavaAllocator alloc = new W2NumericBenchmark.ArrowJavaAllocator();
        alloc.setUp();
        try {
            assertTrue(b.quiver_write(q) > 0);
            assertTrue(b.arrowJava_write(a) > 0);
            W2NumericBenchmark.Input in = new W2NumericBenchmark.Input();
            in.setUp();
            double expected = b.quiver_readFile(in);
            in.file = q.out;
            assertEquals(expected, b.arrowJava_readFile(in, alloc), "Arrow Java reads Quiver's written file");
            in.file = a.out;
            assertEquals(expected, b.quiver_readFile(in), "Quiver reads Arrow Java's written file");
        } finally {
            q.tearDown();
            a.tearDown();
            alloc.tearDown();
        }
    }

    @Test
    void w4BothLibrariesTouchTheSameValues() throws IOException {
        long expected = Expected.w4Touch();
        W4NestedBenchmark b = new W4NestedBenchmark();
        W4NestedBenchmark.QuiverState q = new W4NestedBenchmark.QuiverState();
        q.setUp();
        W4NestedBenchmark.ArrowJavaState a = new W4NestedBenchmark.ArrowJavaState();
        a.setUp();
        try {
            assertTrue(q.batches.size() > 1, "the small data still has several batches");
            assertEquals(expected, b.quiver_read(q));
            assertEquals(expected, b.arrowJava_read(a));
            assertEquals(expected, W4Nested.quiverRead(a.file), "Quiver reads Arrow Java's file");
            assertEquals(expected, W4Nested.arrowJavaRead(q.file, a.allocator), "Arrow Java reads Quiver's file");
        } finally {
            a.tearDown();
        }
    }

    @Test
    void w1BothLibrariesReadTheLz4FileArrowCppWrote() throws IOException {
        PythonPeer.prepare();
        long expected = Expected.w1Lengths();
        W1CitiesBenchmark b = new W1CitiesBenchmark();
        W1CitiesBenchmark.ArrowCppLz4 s = new W1CitiesBenchmark.ArrowCppLz4();
        s.setUp();
        try {
            assertEquals(expected, b.quiver_readArrowCppLz4(s));
            assertEquals(expected, b.arrowJava_readArrowCppLz4(s));
        } finally {
            s.tearDown();
        }
    }

    @Test
    void convertWritesEveryRowInTheFormatAndCodecAsked() throws IOException {
        ConvertBenchmark.Conversions s = new ConvertBenchmark.Conversions();
        s.setUp();
        try {
            s.removeOutputs();
            long written = new ConvertBenchmark().quiver_convert(s);
            long total = 0;
            long rows = Mixed.rows();
            for (ConvertBenchmark.Conversion c : s.conversions) {
                total += Files.size(c.out());
                boolean stream = c.out().toString().endsWith(".arrows");
                String codec = c.codec().get(1);
                long n = 0;
                long ids = 0;
                try (RecordBatchReader r = stream ? Ipc.openStream(c.out()) : Ipc.openFile(c.out())) {
                    for (RecordBatch batch : r) {
                        try (batch) {
                            n += batch.numRows();
                            Int64Array id = (Int64Array) batch.column(0);
                            for (int i = 0; i < id.length(); i++) ids += id.get(i);
                        }
                    }
                }
                assertEquals(rows, n, c.out().toString());
                assertEquals(rows * (rows - 1) / 2, ids, c.out() + ": every row once, in order");
                String inspected = inspect(c.out());
                assertTrue(inspected.contains(codec.equals("zstd") ? " zstd " : " lz4_frame "), c.out() + ":\n" + inspected);
                assertFalse(inspected.contains(codec.equals("zstd") ? " lz4_frame " : " zstd "), c.out() + ":\n" + inspected);
            }
            assertEquals(total, written);
        } finally {
            s.tearDown();
        }
    }

    /** What {@code quiver inspect} prints about a file or stream. */
    private static String inspect(Path p) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int status = Main.run(java.io.InputStream.nullInputStream(), out, out, "inspect", p.toString());
        String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, status, text);
        return text;
    }
}
