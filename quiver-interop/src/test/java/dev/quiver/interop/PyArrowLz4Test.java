package dev.quiver.interop;

import dev.quiver.array.ArrayEquality;
import dev.quiver.array.RecordBatch;
import dev.quiver.compress.CompressionType;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcReadOptions;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.ipc.RecordBatchFileWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * LZ4 between Arrow C++ (PyArrow) and Quiver with buffers of several MiB: Arrow C++ writes frames of linked
 * 64 KiB blocks, which Quiver decodes through liblz4 with the earlier output as history; Quiver writes 1 MiB
 * independent blocks, compressed in parallel, which PyArrow reads. Needs PyArrow (see {@link PyArrow}).
 */
class PyArrowLz4Test {
    private static final Path SCRIPT = Path.of("src/test/python/pyarrow_lz4.py").toAbsolutePath();

    /** Frames in {@code file} whose FLG byte says linked blocks (magic 04 22 4D 18, then FLG without bit 5). */
    private static int linkedFrames(byte[] file) {
        int n = 0;
        for (int i = 0; i + 4 < file.length; i++) {
            if (file[i] == 0x04 && file[i + 1] == 0x22 && file[i + 2] == 0x4D && file[i + 3] == 0x18
                    && (file[i + 4] & 0xC0) == 0x40 && (file[i + 4] & 0x20) == 0) n++;
        }
        return n;
    }

    private static void assertSameBatches(Path expected, Path actual, IpcReadOptions options) throws IOException {
        try (RecordBatchFileReader e = Ipc.openFile(expected); RecordBatchFileReader a = Ipc.openFile(actual, options)) {
            assertEquals(e.numRecordBatches(), a.numRecordBatches());
            for (int i = 0; i < e.numRecordBatches(); i++) {
                try (RecordBatch eb = e.recordBatch(i); RecordBatch ab = a.recordBatch(i)) {
                    assertNull(ArrayEquality.compare(eb, ab), actual + " batch " + i);
                }
            }
        }
    }

    @Test
    void linkedBlocksAsArrowCppWritesThemReadAsTheUncompressedTwin(@TempDir Path tmp) throws Exception {
        PyArrow.python();
        Path lz4 = tmp.resolve("pyarrow-lz4.arrow");
        Path plain = tmp.resolve("pyarrow-plain.arrow");
        PyArrow.run(SCRIPT, "write", lz4.toString(), plain.toString());
        assertTrue(linkedFrames(Files.readAllBytes(lz4)) > 0, "PyArrow wrote linked blocks");
        for (IpcReadOptions o : new IpcReadOptions[] {IpcReadOptions.DEFAULT, IpcReadOptions.DEFAULT.withUseThreads(false),
                IpcReadOptions.DEFAULT.withMemoryMap(false)}) {
            assertSameBatches(plain, lz4, o);
        }
    }

    @Test
    void quiversParallelLz4IsWhatItWritesSeriallyAndPyArrowReadsIt(@TempDir Path tmp) throws Exception {
        PyArrow.python();
        Path source = tmp.resolve("source.arrow");
        PyArrow.run(SCRIPT, "write", tmp.resolve("unused-lz4.arrow").toString(), source.toString());
        Path parallel = tmp.resolve("quiver-parallel.arrow");
        Path serial = tmp.resolve("quiver-serial.arrow");
        IpcWriteOptions lz4 = IpcWriteOptions.DEFAULT.withCompression(CompressionType.LZ4_FRAME);
        for (Path out : new Path[] {parallel, serial}) {
            IpcWriteOptions o = out == parallel ? lz4 : lz4.withUseThreads(false);
            try (RecordBatchFileReader r = Ipc.openFile(source);
                 RecordBatchFileWriter w = Ipc.newFile(out, r.schema(), o)) {
                for (int i = 0; i < r.numRecordBatches(); i++) {
                    try (RecordBatch b = r.recordBatch(i)) {
                        w.write(b);
                    }
                }
            }
        }
        assertArrayEquals(Files.readAllBytes(serial), Files.readAllBytes(parallel), "same bytes with and without threads");
        Path back = tmp.resolve("pyarrow-read-quiver.arrow");
        PyArrow.run(SCRIPT, "plain", parallel.toString(), back.toString());
        assertSameBatches(source, back, IpcReadOptions.DEFAULT);
    }
}
