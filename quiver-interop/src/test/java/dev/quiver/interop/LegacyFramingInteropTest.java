package dev.quiver.interop;

import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.StreamDecoder;
import dev.quiver.json.JsonFile;
import dev.quiver.type.Schema;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.JsonFileReader;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.MetadataVersion;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pre-0.15 framing (no continuation marker, end-of-stream int32 0) against Arrow Java 19 as an independent
 * implementation: Quiver's {@code withLegacyFraming(true)} streams and files are read by Arrow Java equal to
 * its own reading of the gold JSON, and Arrow Java's legacy streams pushed through Quiver's
 * {@link StreamDecoder} in small chunks equal the gold JSON as Quiver reads it.
 */
class LegacyFramingInteropTest {
    @TempDir
    Path tmp;

    @TestFactory
    List<DynamicTest> goldCases() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldCases.Case name : GoldCases.supported(GoldCases.Direction.QUIVER_WRITES)) {
            tests.add(DynamicTest.dynamicTest(name + " Quiver legacy stream -> Arrow Java", () -> quiverToArrowJava(name, false)));
            tests.add(DynamicTest.dynamicTest(name + " Quiver legacy file -> Arrow Java", () -> quiverToArrowJava(name, true)));
        }
        // Arrow Java writes the legacy framing with metadata V4 only, which it refuses for unions
        // (ArrowJavaLimitsTest.arrowJavaWritesNoUnionWithV4Metadata).
        for (GoldCases.Case name : GoldCases.supported(GoldCases.Direction.ARROW_JAVA_WRITES)) {
            if (GoldCases.hasUnion(name)) continue;
            tests.add(DynamicTest.dynamicTest(name + " Arrow Java legacy stream -> StreamDecoder", () -> arrowJavaToDecoder(name)));
        }
        return tests;
    }

    private void quiverToArrowJava(GoldCases.Case name, boolean file) throws IOException {
        JsonFile gold = GoldCases.quiverJson(name);
        Path written = tmp.resolve(name.name() + (file ? ".arrow" : ".arrows"));
        QuiverToArrowJavaTest.writeWithQuiver(gold, written, IpcWriteOptions.DEFAULT.withLegacyFraming(true), file);
        byte[] bytes = Files.readAllBytes(written);
        int first = ByteBuffer.wrap(bytes, file ? 8 : 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        assertNotEquals(-1, first, "the first message starts with its length, not the continuation marker");
        try (BufferAllocator allocator = new RootAllocator();
             ArrowJava.Json expected = ArrowJava.readGoldJson(allocator, name, tmp)) {
            if (file) {
                try (FileChannel ch = FileChannel.open(written, StandardOpenOption.READ);
                     ArrowFileReader reader = new ArrowFileReader(ch, allocator, ArrowJava.CODECS)) {
                    ArrowJava.assertSameAs(expected, reader);
                }
            } else {
                try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(bytes), allocator,
                        ArrowJava.CODECS)) {
                    ArrowJava.assertSameAs(expected, reader);
                }
            }
        }
    }

    private void arrowJavaToDecoder(GoldCases.Case name) throws IOException {
        Path json = ArrowJava.gunzip(name.json(), tmp.resolve(name.name() + ".json"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BufferAllocator allocator = new RootAllocator();
             JsonFileReader reader = new JsonFileReader(json.toFile(), allocator);
             VectorSchemaRoot root = VectorSchemaRoot.create(reader.start(), allocator);
             ArrowStreamWriter writer = new ArrowStreamWriter(root, reader, Channels.newChannel(out),
                     new IpcOption(true, MetadataVersion.V4))) {
            writer.start();
            while (reader.read(root)) writer.writeBatch();
            writer.end();
        }
        byte[] bytes = out.toByteArray();
        assertNotEquals(-1, ByteBuffer.wrap(bytes, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt(), "legacy framing");
        Schema[] schema = {null};
        List<RecordBatch> batches = new ArrayList<>();
        try (StreamDecoder d = new StreamDecoder(new StreamDecoder.Listener() {
            @Override public void onSchema(Schema s) { schema[0] = s; }
            @Override public void onRecordBatch(RecordBatch batch) { batches.add(batch); }
        })) {
            for (int at = 0; at < bytes.length; at += 13) d.consume(bytes, at, Math.min(13, bytes.length - at));
            assertTrue(d.isEnded(), "the legacy end-of-stream marker was seen");
            JsonFile gold = GoldCases.quiverJson(name);
            ArrowJavaToQuiverTest.compare(gold, schema[0], batches);
            assertEquals(bytes.length, d.position());
        }
    }
}
