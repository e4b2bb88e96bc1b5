package dev.quiver.interop;

import dev.quiver.array.RecordBatch;
import dev.quiver.compress.CompressionType;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.RecordBatchStreamReader;
import dev.quiver.json.IntegrationEquality;
import dev.quiver.json.JsonFile;
import dev.quiver.type.Schema;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.ArrowWriter;
import org.apache.arrow.vector.ipc.JsonFileReader;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.MetadataVersion;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Arrow Java writes, Quiver reads: Arrow Java 19 reads each gold case's JSON (every case of every folder but those
 * named in {@link GoldCases#ARROW_JAVA_CANNOT} for this direction) with its own JSON reader and writes it, with its
 * dictionaries, as an IPC file and as a stream (uncompressed, LZ4_FRAME, ZSTD; and uncompressed with metadata V4,
 * with and without the legacy pre-0.15 framing); Quiver reads both and must find the gold JSON as Quiver reads it,
 * judged by {@link IntegrationEquality}: schema (fields, types, nullability, custom metadata, dictionary encodings)
 * and every value.
 */
class ArrowJavaToQuiverTest {
    static final CompressionType[] CODECS = {null, CompressionType.LZ4_FRAME, CompressionType.ZSTD};

    @TempDir
    Path tmp;

    @TestFactory
    List<DynamicTest> goldCases() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldCases.Case name : GoldCases.supported(GoldCases.Direction.ARROW_JAVA_WRITES)) {
            for (CompressionType c : CODECS) {
                String label = name + " " + ArrowJava.codecName(c);
                tests.add(DynamicTest.dynamicTest(label + " file", () -> check(name, c, IpcOption.DEFAULT, true)));
                tests.add(DynamicTest.dynamicTest(label + " stream", () -> check(name, c, IpcOption.DEFAULT, false)));
            }
            // Older writers: metadata version V4, and the pre-0.15 framing without the 0xFFFFFFFF marker. Unions
            // changed layout in V5 (no validity bitmap): Arrow Java refuses to write them as V4 (pinned by
            // ArrowJavaLimitsTest.arrowJavaWritesNoUnionWithV4Metadata), so cases with unions are written as V5 only.
            if (GoldCases.hasUnion(name)) continue;
            IpcOption v4 = new IpcOption(false, MetadataVersion.V4);
            IpcOption legacy = new IpcOption(true, MetadataVersion.V4);
            tests.add(DynamicTest.dynamicTest(name + " V4 file", () -> check(name, null, v4, true)));
            tests.add(DynamicTest.dynamicTest(name + " V4 stream", () -> check(name, null, v4, false)));
            tests.add(DynamicTest.dynamicTest(name + " legacy framing file", () -> check(name, null, legacy, true)));
            tests.add(DynamicTest.dynamicTest(name + " legacy framing stream", () -> check(name, null, legacy, false)));
        }
        return tests;
    }

    private void check(GoldCases.Case name, CompressionType codec, IpcOption option, boolean file) throws IOException {
        Path written = tmp.resolve(name.name() + (file ? ".arrow" : ".arrows"));
        int batchesWritten = writeWithArrowJava(name, codec, option, file, written, tmp);
        JsonFile gold = GoldCases.quiverJson(name);
        assertEquals(gold.batches().size(), batchesWritten, "batches Arrow Java read from the JSON");
        if (file) {
            try (RecordBatchFileReader r = Ipc.openFile(written)) {
                assertEquals(gold.batches().size(), r.numRecordBatches(), "record batches in the footer");
                compare(gold, r.schema(), r.readAll().batches());
            }
        } else {
            try (RecordBatchStreamReader r = Ipc.openStream(written)) {
                compare(gold, r.schema(), r.readAll().batches());
            }
        }
    }

    /** Arrow Java copies the gold JSON into an IPC file or stream; returns the number of batches. */
    static int writeWithArrowJava(GoldCases.Case name, CompressionType codec, IpcOption option, boolean file,
                                  Path target, Path tmp) throws IOException {
        Path json = ArrowJava.gunzip(name.json(), tmp.resolve(name.name() + ".json"));
        CompressionUtil.CodecType type = ArrowJava.codecType(codec);
        // CommonsCompressionFactory makes LZ4_FRAME and ZSTD codecs only; "none" is Arrow Java's own factory.
        CompressionCodec.Factory factory = codec == null ? NoCompressionCodec.Factory.INSTANCE : ArrowJava.CODECS;
        int n = 0;
        try (BufferAllocator allocator = new RootAllocator();
             JsonFileReader reader = new JsonFileReader(json.toFile(), allocator);
             VectorSchemaRoot root = VectorSchemaRoot.create(reader.start(), allocator);
             FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING);
             ArrowWriter writer = file
                     ? new ArrowFileWriter(root, reader, out, Map.of(), option, factory, type)
                     : new ArrowStreamWriter(root, reader, out, option, factory, type)) {
            writer.start();
            while (reader.read(root)) {
                writer.writeBatch();
                n++;
            }
            writer.end();
        }
        return n;
    }

    static void compare(JsonFile gold, Schema schema, List<RecordBatch> batches) {
        String diff = IntegrationEquality.compare(gold, schema, batches);
        if (diff != null) fail(diff);
    }
}
