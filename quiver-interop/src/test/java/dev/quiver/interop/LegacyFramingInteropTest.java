package dev.quiver.interop;

import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.StreamDecoder;
import dev.quiver.json.JsonFile;
import dev.quiver.type.Schema;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.MetadataVersion;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pre-0.15 framing (no continuation marker, end-of-stream int32 0) against Arrow Java 19 as an independent
 * implementation: Quiver's {@code withLegacyFraming(true)} streams and files are read by Arrow Java equal to
 * its own reading of the gold JSON, and Arrow Java's legacy streams pushed through Quiver's
 * {@link StreamDecoder} in 13-byte chunks equal the gold JSON as Quiver reads it.
 */
class LegacyFramingInteropTest {
    @TempDir
    Path tmp;

    @TestFactory
    List<DynamicTest> goldCases() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldCases.Case c : GoldCases.supported(GoldCases.Direction.QUIVER_WRITES)) {
            tests.add(DynamicTest.dynamicTest(c + " Quiver legacy stream -> Arrow Java", () -> quiverToArrowJava(c, false)));
            tests.add(DynamicTest.dynamicTest(c + " Quiver legacy file -> Arrow Java", () -> quiverToArrowJava(c, true)));
        }
        for (GoldCases.Case c : GoldCases.supported(GoldCases.Direction.ARROW_JAVA_WRITES)) {
            // Arrow Java writes legacy framing only with V4 metadata, which it refuses for unions
            if (GoldCases.hasUnion(c)) continue;
            tests.add(DynamicTest.dynamicTest(c + " Arrow Java legacy stream -> StreamDecoder", () -> arrowJavaToDecoder(c)));
        }
        return tests;
    }

    private void quiverToArrowJava(GoldCases.Case c, boolean file) throws IOException {
        Path written = tmp.resolve(c.name() + (file ? ".arrow" : ".arrows"));
        QuiverToArrowJavaTest.writeWithQuiver(GoldCases.quiverJson(c), written,
                IpcWriteOptions.DEFAULT.withLegacyFraming(true), file);
        byte[] bytes = Files.readAllBytes(written);
        int first = ByteBuffer.wrap(bytes, file ? 8 : 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        assertNotEquals(-1, first, "the first message starts with its length, not the continuation marker");
        ArrowJava.checkAgainstJson(c, written, file, tmp);
    }

    private void arrowJavaToDecoder(GoldCases.Case c) throws IOException {
        Path written = tmp.resolve(c.name() + ".arrows");
        ArrowJavaToQuiverTest.writeWithArrowJava(c, null, new IpcOption(true, MetadataVersion.V4), false, written, tmp);
        byte[] bytes = Files.readAllBytes(written);
        assertNotEquals(-1, ByteBuffer.wrap(bytes, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt(), "legacy framing");
        Schema[] schema = {null};
        List<RecordBatch> batches = new ArrayList<>();
        try (StreamDecoder d = new StreamDecoder(new StreamDecoder.Listener() {
            @Override public void onSchema(Schema s) { schema[0] = s; }
            @Override public void onRecordBatch(RecordBatch batch) { batches.add(batch); }
        })) {
            for (int at = 0; at < bytes.length; at += 13) d.consume(bytes, at, Math.min(13, bytes.length - at));
            assertTrue(d.isEnded(), "the legacy end-of-stream marker was seen");
            assertEquals(bytes.length, d.position());
            JsonFile gold = GoldCases.quiverJson(c);
            ArrowJavaToQuiverTest.compare(gold, schema[0], batches);
        }
    }
}
