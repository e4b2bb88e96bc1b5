package dev.quiver.ipc;

import dev.quiver.InvalidDataException;
import dev.quiver.array.Array;
import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.json.IntegrationJson;
import dev.quiver.json.JsonBatch;
import dev.quiver.json.JsonFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Inputs that are not what the reader expects: a file where a stream is expected and the reverse, data of
 * other formats (Parquet, an image, compressed data, JSON, text) and an empty input. Each reader says what the
 * input is and what to use instead, at byte 0 of the resource, through every way of opening it.
 */
class WrongInputTest {
    @TempDir
    Path dir;

    private static final RecordBatch BATCH = RecordBatch.builder().add("x", Arrow.int32(1, 2, 3))
            .add("y", Arrow.utf8("a", null, "c")).build();

    static byte[] stream() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordBatchStreamWriter w = Ipc.newStream(out, BATCH.schema())) {
            w.write(BATCH);
        }
        return out.toByteArray();
    }

    static byte[] file() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordBatchFileWriter w = Ipc.newFile(out, BATCH.schema(), IpcWriteOptions.DEFAULT)) {
            w.write(BATCH);
        }
        return out.toByteArray();
    }

    /** Arrow's integration JSON of {@link #BATCH}, as someone might pass it by mistake. */
    static byte[] integrationJson() {
        List<dev.quiver.array.ArrayData> columns = new ArrayList<>();
        for (Array a : BATCH.columns()) columns.add(a.data());
        JsonFile f = new JsonFile(BATCH.schema(), Map.of(), List.of(new JsonBatch(BATCH.numRows(), columns)));
        return IntegrationJson.toJson(f).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** The first bytes of a Parquet file (magic, a page header's start), then its end (footer length, magic). */
    static byte[] parquet() {
        byte[] p = new byte[64];
        System.arraycopy("PAR1".getBytes(StandardCharsets.US_ASCII), 0, p, 0, 4);
        p[4] = 0x15;
        p[5] = 0x04;
        p[56] = 8;
        System.arraycopy("PAR1".getBytes(StandardCharsets.US_ASCII), 0, p, 60, 4);
        return p;
    }

    /** A PNG signature and the start of its IHDR chunk. */
    static byte[] png() {
        return new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0};
    }

    private static final String AT = " at byte 0)";

    /** A non-Arrow input and the message every reader gives for it. */
    record Wrong(String name, byte[] bytes, String message) {
        @Override public String toString() { return name; }
    }

    static List<Wrong> notArrow() throws IOException {
        return List.of(
                new Wrong("parquet", parquet(), "the input is a Parquet file (it starts with PAR1), not Arrow IPC: "
                        + "read it with a Parquet reader (pyarrow.parquet, DuckDB)"),
                new Wrong("png", png(), "the input is a PNG image (it starts with 89 50 4e 47), not Arrow IPC"),
                new Wrong("gzip", gzip(stream()), "the input is gzip-compressed data (it starts with 1f 8b), not "
                        + "Arrow IPC: decompress it first (gunzip); Arrow IPC compresses the buffers inside the "
                        + "format instead (LZ4_FRAME, ZSTD)"),
                new Wrong("json", integrationJson(), "the input is JSON text, not Arrow IPC: Arrow's integration "
                        + "JSON is read with dev.quiver.json.IntegrationJson and converted to Arrow IPC with "
                        + "quiver integration --mode JSON_TO_ARROW"),
                new Wrong("text", "id,name\n1,a\n".getBytes(StandardCharsets.US_ASCII), "the input is text, not "
                        + "Arrow IPC: Arrow IPC data is binary, a stream starts with ffffffff, a file with ARROW1"));
    }

    /** Runs {@code open} and returns what it threw, checking it is at byte 0 of {@code resource}. */
    private static String refusal(String resource, org.junit.jupiter.api.function.Executable open) {
        InvalidDataException e = assertThrows(InvalidDataException.class, open);
        assertEquals(0, e.offset(), e.getMessage());
        assertEquals(resource, e.resource(), e.getMessage());
        return e.getMessage();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notArrow")
    void otherFormatsSayWhatTheyAreThroughEveryReader(Wrong w) throws IOException {
        Path p = Files.write(dir.resolve("input.bin"), w.bytes());
        String inPath = w.message() + " (" + p + "," + AT;
        assertEquals(inPath, refusal(p.toString(), () -> Ipc.open(p).close()));
        assertEquals(inPath, refusal(p.toString(), () -> Ipc.openStream(p).close()));
        assertEquals(inPath, refusal(p.toString(), () -> Ipc.openFile(p).close()));
        String inStream = w.message() + " (stream," + AT;
        assertEquals(inStream, refusal("stream", () -> Ipc.open(new ByteArrayInputStream(w.bytes())).close()));
        assertEquals(inStream, refusal("stream", () -> Ipc.openStream(new ByteArrayInputStream(w.bytes())).close()));
        assertEquals(inStream, refusal("stream", () -> Ipc.openStream(w.bytes()).close()));
        String inMemory = w.message() + " (memory," + AT;
        assertEquals(inMemory, refusal("memory", () -> Ipc.open(w.bytes()).close()));
        assertEquals(w.message() + " (file," + AT, refusal("file", () -> Ipc.openFile(w.bytes()).close()));
        // the push decoder sees the same on the first four bytes
        String decoder = w.message() + " (stream," + AT;
        try (StreamDecoder d = new StreamDecoder(new StreamDecoder.Listener() {})) {
            assertEquals(decoder, refusal("stream", () -> d.consume(w.bytes(), 0, 4)));
        }
    }

    @Test
    void aFileWhereAStreamIsExpectedSaysSoAndWhatToUse() throws IOException {
        byte[] file = file();
        Path p = Files.write(dir.resolve("data.arrow"), file);
        String detail = "the input is an Arrow IPC file (it starts with ARROW1), not a stream: open it with "
                + "Ipc.openFile or Ipc.open, or convert it with quiver file-to-stream";
        assertEquals(detail + " (" + p + "," + AT, refusal(p.toString(), () -> Ipc.openStream(p).close()));
        assertEquals(detail + " (stream," + AT, refusal("stream", () -> Ipc.openStream(file).close()));
        assertEquals(detail + " (stream," + AT,
                refusal("stream", () -> Ipc.openStream(new ByteArrayInputStream(file)).close()));
    }

    @Test
    void aStreamWhereAFileIsExpectedSaysSoAndWhatToUse() throws IOException {
        byte[] stream = stream();
        Path p = Files.write(dir.resolve("data.arrows"), stream);
        String detail = "the input is an Arrow IPC stream (it starts with ffffffff), not a file: open it with "
                + "Ipc.openStream or Ipc.open, or convert it with quiver stream-to-file";
        assertEquals(detail + " (" + p + "," + AT, refusal(p.toString(), () -> Ipc.openFile(p).close()));
        assertEquals(detail + " (file," + AT, refusal("file", () -> Ipc.openFile(stream).close()));
        assertEquals(detail + " (stream," + AT,
                refusal("stream", () -> Ipc.openFile(new ByteArrayInputStream(stream)).close()));
    }

    @Test
    void anEmptyInputSaysItIsEmpty() throws IOException {
        Path p = Files.write(dir.resolve("empty.arrow"), new byte[0]);
        assertEquals("the input is empty (0 bytes), not an Arrow IPC stream or file (" + p + "," + AT,
                refusal(p.toString(), () -> Ipc.open(p).close()));
        assertEquals("the input is empty (0 bytes), not an Arrow IPC stream (" + p + "," + AT,
                refusal(p.toString(), () -> Ipc.openStream(p).close()));
        assertEquals("the input is empty (0 bytes), not an Arrow IPC file (" + p + "," + AT,
                refusal(p.toString(), () -> Ipc.openFile(p).close()));
        assertEquals("the input is empty (0 bytes), not an Arrow IPC stream (stream," + AT,
                refusal("stream", () -> Ipc.openStream(new ByteArrayInputStream(new byte[0])).close()));
        assertEquals("the input is empty (0 bytes), not an Arrow IPC stream or file (stream," + AT,
                refusal("stream", () -> Ipc.open(new ByteArrayInputStream(new byte[0])).close()));
        assertEquals("the input is empty (0 bytes), not an Arrow IPC stream or file (memory," + AT,
                refusal("memory", () -> Ipc.open(new byte[0]).close()));
    }

    @Test
    void detectionLooksOnlyAtTheFirstBytes() throws IOException {
        assertEquals(InputKind.ARROW_FILE, InputKind.detect(file(), 8));
        assertEquals(InputKind.ARROW_STREAM, InputKind.detect(stream(), 8));
        assertEquals(InputKind.EMPTY, InputKind.detect(new byte[0], 0));
        assertEquals(InputKind.PARQUET, InputKind.detect(parquet(), 4));
        assertEquals(InputKind.JSON, InputKind.detect(" \n{\"a\"".getBytes(StandardCharsets.US_ASCII), 6));
        // a legacy stream (Arrow before 0.15) starts with its metadata length: not recognised, read as a stream
        assertEquals(InputKind.UNKNOWN, InputKind.detect(new byte[] {(byte) 0xf0, 0, 0, 0, 0x10, 0, 0, 0}, 8));
        assertEquals(InputKind.UNKNOWN, InputKind.detect(new byte[] {'A', 'R', 'R', 'O', 'W', '2', 0, 0}, 8));
        assertEquals(InputKind.TEXT, InputKind.detect("héllo wörld".getBytes(StandardCharsets.UTF_8), 8));
        assertEquals(InputKind.UNKNOWN, InputKind.detect(new byte[] {'a', 'b', (byte) 0xff, 'c'}, 4));
    }
}
