package dev.quiver.cli;

import dev.quiver.array.Array;
import dev.quiver.array.RecordBatch;
import dev.quiver.compress.CompressionType;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.MessageSummary;
import dev.quiver.ipc.RecordBatchStreamReader;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.testing.TestData;
import dev.quiver.type.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConvertCommandTest {
    @TempDir
    Path dir;

    /** What a reader returns, as plain Java values. */
    record Content(Schema schema, List<Map<String, String>> batchMetadata, List<List<List<Object>>> columns) {}

    static Content read(Path p) throws IOException {
        List<Map<String, String>> meta = new ArrayList<>();
        List<List<List<Object>>> cols = new ArrayList<>();
        Schema schema;
        if (Samples.format(p) == IpcFormat.FILE) {
            try (RecordBatchFileReader r = Ipc.openFile(p)) {
                schema = r.schema();
                for (RecordBatch b : r) add(b, meta, cols);
            }
        } else {
            try (RecordBatchStreamReader r = Ipc.openStream(p)) {
                schema = r.schema();
                for (RecordBatch b : r) add(b, meta, cols);
            }
        }
        return new Content(schema, meta, cols);
    }

    private static void add(RecordBatch b, List<Map<String, String>> meta, List<List<List<Object>>> cols) {
        try (b) {
            meta.add(b.metadata());
            List<List<Object>> c = new ArrayList<>();
            for (Array a : b.columns()) c.add(a.toList());
            cols.add(c);
        }
    }

    static void assertSameContent(Content expected, Content actual) {
        assertEquals(expected.schema(), actual.schema());
        assertEquals(expected.batchMetadata(), actual.batchMetadata());
        assertEquals(expected.columns().size(), actual.columns().size(), "batch count");
        for (int b = 0; b < expected.columns().size(); b++) {
            for (int c = 0; c < expected.columns().get(b).size(); c++) {
                List<Object> e = expected.columns().get(b).get(c);
                List<Object> a = actual.columns().get(b).get(c);
                assertEquals(e.size(), a.size(), "batch " + b + " column " + c);
                for (int i = 0; i < e.size(); i++) {
                    String where = "batch " + b + " column " + c + " row " + i;
                    if (e.get(i) instanceof byte[] x && a.get(i) instanceof byte[] y) assertArrayEquals(x, y, where);
                    else assertEquals(e.get(i), a.get(i), where);
                }
            }
        }
    }

    // ---- failures first ----------------------------------------------------------------------------

    @Test
    void invalidInputFailsAndLeavesNoOutput() throws IOException {
        byte[] bytes = Files.readAllBytes(Samples.stream(dir, "s.arrows"));
        Path cut = Files.write(dir.resolve("cut.arrows"), java.util.Arrays.copyOf(bytes, bytes.length - 20));
        Path out = dir.resolve("out.arrow");
        Cli r = Cli.run("convert", cut, out);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("quiver: unexpected end of input"), r.toString());
        assertTrue(r.err().contains("at byte"), r.toString());
        assertFalse(Files.exists(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("cut.arrows", "s.arrows"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void usageErrors() throws IOException {
        Path in = Samples.file(dir, "f.arrow");
        assertEquals(2, Cli.run("convert", in, dir.resolve("o"), "--alignment", "16").exit());
        assertEquals(2, Cli.run("convert", in, dir.resolve("o"), "--level", "3", "--compression", "none").exit());
        assertEquals(2, Cli.run("convert", in, dir.resolve("o"), "--compression", "gzip").exit());
        assertEquals(2, Cli.run("convert", in, dir.resolve("o"), "--to", "parquet").exit());
        assertEquals(2, Cli.run("convert", in).exit());
        Cli same = Cli.run("convert", in, in);
        assertEquals(2, same.exit(), same.toString());
        assertTrue(same.err().startsWith("IN and OUT are the same file"), same.toString());
        assertFalse(Files.exists(dir.resolve("o")));
    }

    /** A stream whose second batch comes with a new dictionary for id 0 (a replacement, not a delta). */
    private Path streamReplacingItsDictionary() throws IOException {
        byte[] first = dictionaryStream("one.arrows", "a", "b");
        byte[] second = dictionaryStream("two.arrows", "x", "y");
        List<MessageSummary> a = Samples.messages(first, 0, first.length);
        List<MessageSummary> b = Samples.messages(second, 0, second.length);
        assertEquals(List.of("Schema", "DictionaryBatch", "RecordBatch"), a.stream().map(MessageSummary::type).toList());
        // schema, dictionary, batch of the first stream + dictionary, batch, end of stream of the second
        int keep = (int) (a.get(2).offset() + 8 + a.get(2).metadataLength() + a.get(2).bodyLength());
        int from = (int) b.get(1).offset();
        byte[] spliced = new byte[keep + second.length - from];
        System.arraycopy(first, 0, spliced, 0, keep);
        System.arraycopy(second, from, spliced, keep, second.length - from);
        return Files.write(dir.resolve("replaced.arrows"), spliced);
    }

    private byte[] dictionaryStream(String name, String... dictionary) throws IOException {
        RecordBatch batch = RecordBatch.builder()
                .add("d", dev.quiver.array.Arrow.dictionary(dev.quiver.array.Arrow.int8(0, 1, 0),
                        dev.quiver.array.Arrow.utf8(dictionary)))
                .build();
        Path p = dir.resolve(name);
        try (var w = Ipc.newStream(p, batch.schema(), dev.quiver.ipc.IpcWriteOptions.DEFAULT)) {
            w.write(batch);
        }
        return Files.readAllBytes(p);
    }

    @Test
    void dictionaryReplacementIsKeptInStreamsAndRefusedByFiles() throws IOException {
        Path in = streamReplacingItsDictionary();
        Cli print = Cli.run("print", in);
        assertEquals(0, print.exit(), print.toString());
        assertTrue(print.out().contains("-- batch 0: 3 rows --\nd\n---\n\"a\"\n\"b\"\n\"a\"\n"), print.toString());
        assertTrue(print.out().contains("-- batch 1: 3 rows --\nd\n---\n\"x\"\n\"y\"\n\"x\"\n"), print.toString());
        // stream to stream: the replacement is written again, so every batch keeps its values
        Path stream = dir.resolve("out.arrows");
        Cli r = Cli.run("convert", in, stream, "--compression", "zstd");
        assertEquals(0, r.exit(), r.toString());
        Cli again = Cli.run("print", stream);
        assertTrue(again.out().contains("-- batch 0: 3 rows --\nd\n---\n\"a\"\n\"b\"\n\"a\"\n"), again.toString());
        assertTrue(again.out().contains("-- batch 1: 3 rows --\nd\n---\n\"x\"\n\"y\"\n\"x\"\n"), again.toString());
        // a file cannot hold a replacement: refused with the batch, nothing written
        Path file = dir.resolve("out.arrow");
        Cli f = Cli.run("convert", in, file);
        assertEquals(1, f.exit(), f.toString());
        assertTrue(f.err().startsWith("quiver: batch 1: the dictionary with id 0 (field 'd') changed"), f.toString());
        assertTrue(f.err().contains("allows delta dictionaries but no replacement"), f.toString());
        assertFalse(Files.exists(file));
    }

    // ---- round trips -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"primitive", "primitive_zerolength", "primitive_no_batches", "nested", "dictionary",
            "dictionary_unsigned", "custom_metadata", "datetime", "decimal", "decimal256", "map", "duration",
            "interval", "binary", "large_binary", "nested_large_offsets", "recursive_nested", "extension",
            "duplicate_fieldnames", "null"})
    void streamToFileToStreamKeepsEveryValue(String name) throws IOException {
        Path gold = TestData.gold("cpp-21.0.0", name, ".stream");
        Path file = dir.resolve("x.arrow");
        Path stream = dir.resolve("x.arrows");

        Cli toFile = Cli.run("convert", gold, file, "--compression", "zstd");
        assertEquals(0, toFile.exit(), toFile.toString());
        assertEquals(IpcFormat.FILE, Samples.format(file));
        Cli toStream = Cli.run("convert", file, stream, "--compression", "none", "--alignment", "64");
        assertEquals(0, toStream.exit(), toStream.toString());
        assertEquals(IpcFormat.STREAM, Samples.format(stream));

        Content expected = read(gold);
        assertSameContent(expected, read(file));
        assertSameContent(expected, read(stream));
        long rows = expected.columns().stream().mapToLong(b -> b.isEmpty() ? 0 : b.get(0).size()).sum();
        assertTrue(toStream.out().startsWith("wrote " + stream + ": Arrow IPC stream, "
                + dev.quiver.cli.text.Words.batches(expected.columns().size()) + ", "
                + dev.quiver.cli.text.Words.rows(rows)), toStream.toString());
    }

    @Test
    void goldCompressedFilesKeepTheirCompressionByDefault() throws IOException {
        for (String name : new String[] {"lz4", "zstd"}) {
            Path gold = TestData.gold("2.0.0-compression", name, ".arrow_file");
            Path out = dir.resolve(name + ".arrows");
            Cli r = Cli.run("convert", gold, out);
            assertEquals(0, r.exit(), r.toString());
            assertSameContent(read(gold), read(out));
            CompressionType expected = name.equals("lz4") ? CompressionType.LZ4_FRAME : CompressionType.ZSTD;
            int batches = 0;
            for (MessageSummary m : messages(out, 0)) {
                if (m.message().header() instanceof MessageHeader.RecordBatchHeader h) {
                    assertEquals(expected, h.compression());
                    batches++;
                }
            }
            assertTrue(batches > 0);
            // about the input's size, not the decompressed size
            assertTrue(Files.size(out) < Files.size(gold) * 2, Files.size(out) + " vs " + Files.size(gold));
        }
    }

    @Test
    void goldCompressedFilesDecompressWithCompressionNone() throws IOException {
        for (String name : new String[] {"lz4", "zstd"}) {
            Path gold = TestData.gold("2.0.0-compression", name, ".arrow_file");
            Path out = dir.resolve(name + ".arrows");
            Cli r = Cli.run("convert", gold, out, "--compression", "none");
            assertEquals(0, r.exit(), r.toString());
            assertSameContent(read(gold), read(out));
            for (MessageSummary m : messages(out, 0)) {
                if (m.message().header() instanceof MessageHeader.RecordBatchHeader h) assertNull(h.compression());
            }
        }
    }

    @Test
    void compressionAndAlignmentReachTheOutput() throws IOException {
        Path in = Samples.file(dir, "f.arrow");
        Path file = dir.resolve("o.arrow");
        Cli r = Cli.run("convert", in, file, "--compression", "LZ4", "--level", "1", "--alignment", "64");
        assertEquals(0, r.exit(), r.toString());
        int batches = 0;
        for (MessageSummary m : messages(file, 8)) {
            assertEquals(0, m.offset() % 8, "messages start on 8 bytes");
            if (m.message().header() instanceof MessageHeader.RecordBatchHeader h) {
                batches++;
                assertEquals(CompressionType.LZ4_FRAME, h.compression());
                for (long off : h.bufferOffsets()) assertEquals(0, off % 64, "buffer on 64 bytes in the body");
            }
        }
        assertEquals(2, batches);
        assertSameContent(read(in), read(file));

        Path stream = dir.resolve("o.arrows");
        assertEquals(0, Cli.run("convert", in, stream, "--compression", "zstd", "--alignment", "64").exit());
        batches = 0;
        for (MessageSummary m : messages(stream, 0)) {
            if (m.message().header() instanceof MessageHeader.RecordBatchHeader h) {
                batches++;
                assertEquals(CompressionType.ZSTD, h.compression());
                assertEquals(0, (m.offset() + 8 + m.metadataLength()) % 64, "body on 64 bytes");
            }
        }
        assertEquals(2, batches);
        assertSameContent(read(in), read(stream));
    }

    @Test
    void formatFollowsToThenTheNameThenTheInput() throws IOException {
        Path file = Samples.file(dir, "f.arrow");
        Path stream = Samples.stream(dir, "s.arrows");
        assertEquals(0, Cli.run("convert", file, dir.resolve("a.arrows")).exit());
        assertEquals(IpcFormat.STREAM, Samples.format(dir.resolve("a.arrows")));
        assertEquals(0, Cli.run("convert", stream, dir.resolve("b.arrow")).exit());
        assertEquals(IpcFormat.FILE, Samples.format(dir.resolve("b.arrow")));
        assertEquals(0, Cli.run("convert", stream, dir.resolve("c.bin")).exit());
        assertEquals(IpcFormat.STREAM, Samples.format(dir.resolve("c.bin")));
        assertEquals(0, Cli.run("convert", stream, dir.resolve("d.arrows"), "--to", "file").exit());
        assertEquals(IpcFormat.FILE, Samples.format(dir.resolve("d.arrows")));
    }

    @Test
    void replacesAnExistingOutput() throws IOException {
        Path in = Samples.file(dir, "f.arrow");
        Path out = Files.writeString(dir.resolve("old.arrows"), "not arrow");
        assertEquals(0, Cli.run("convert", in, out).exit());
        assertSameContent(read(in), read(out));
    }

    @Test
    void footerMetadataIsKept() throws IOException {
        Path in = dir.resolve("meta.arrow");
        List<RecordBatch> batches = Samples.batches();
        try (var w = Ipc.newFile(in, batches.get(0).schema(), dev.quiver.ipc.IpcWriteOptions.DEFAULT)) {
            w.footerMetadata(Map.of("writer", "test"));
            for (RecordBatch b : batches) w.write(b);
        }
        Path out = dir.resolve("copy.arrow");
        assertEquals(0, Cli.run("convert", in, out).exit());
        try (RecordBatchFileReader r = Ipc.openFile(out)) {
            assertEquals(Map.of("writer", "test"), r.footer().metadata());
        }
    }

    private static List<MessageSummary> messages(Path p, long start) throws IOException {
        byte[] bytes = Files.readAllBytes(p);
        long end = bytes.length;
        if (start == 8) {
            int footer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(bytes.length - 10);
            end = bytes.length - 10 - footer;
        }
        return Samples.messages(bytes, start, end);
    }
}
