package dev.quiver.ipc;

import dev.quiver.array.ArrayEquality;
import dev.quiver.array.RecordBatch;
import dev.quiver.compress.CompressionType;
import dev.quiver.testing.TestData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Every gold {@code .arrow_file} of the corpus, read with Quiver, written back as a stream and as a file with no
 * compression, LZ4 and ZSTD, and read again: the schema and every value equal what was first read.
 */
class GoldWriteBackTest {
    static final String[] FOLDERS = {"cpp-21.0.0", "1.0.0-littleendian", "2.0.0-compression", "4.0.0-shareddict"};

    @TestFactory
    List<DynamicTest> everyGoldFileWrittenBack() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String folder : FOLDERS) {
            List<Path> files;
            try (Stream<Path> s = Files.list(TestData.integration(folder))) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".arrow_file")).sorted().toList();
            }
            assertFalse(files.isEmpty(), "no gold files in " + folder);
            for (Path f : files) {
                String name = folder + "/" + f.getFileName();
                tests.add(DynamicTest.dynamicTest(name, () -> writeBack(f)));
            }
        }
        return tests;
    }

    private static void writeBack(Path gold) throws IOException {
        try (RecordBatchFileReader r = Ipc.openFile(gold)) {
            List<RecordBatch> original = r.readAll().batches();
            for (boolean file : new boolean[] {false, true}) {
                for (CompressionType codec : new CompressionType[] {null, CompressionType.LZ4_FRAME, CompressionType.ZSTD}) {
                    String what = (file ? "file" : "stream") + " / " + (codec == null ? "none" : codec);
                    byte[] bytes = IpcNestedRoundTripTest.write(r.schema(), original, file,
                            IpcWriteOptions.DEFAULT.withCompression(codec));
                    List<RecordBatch> back = IpcNestedRoundTripTest.read(bytes, file);
                    assertEquals(original.size(), back.size(), what + ": number of batches");
                    for (int i = 0; i < original.size(); i++) {
                        assertNull(ArrayEquality.compare(original.get(i), back.get(i)), what + ": batch " + i);
                        assertEquals(original.get(i).metadata(), back.get(i).metadata(), what + ": batch metadata");
                    }
                    if (!original.isEmpty()) assertEquals(r.schema(), back.get(0).schema(), what + ": schema");
                }
            }
        }
    }
}
