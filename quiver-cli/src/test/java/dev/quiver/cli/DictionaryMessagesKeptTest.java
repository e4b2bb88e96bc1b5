package dev.quiver.cli;

import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.compress.CompressionType;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.MessageSummary;
import dev.quiver.ipc.RecordBatchStreamWriter;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.testing.TestData;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conversions write the input's messages as the input has them: dictionary deltas as deltas, replacements as
 * replacements, each message with its own body compression ({@code convert}'s default {@code --compression keep}),
 * checked message by message in the output; {@code convert}, {@code file-to-stream}, {@code stream-to-file} and
 * {@code cat} to a stream.
 */
class DictionaryMessagesKeptTest {
    @TempDir
    Path dir;

    private static final Field WORDS = Field.nullable("w", ArrowTypes.UTF8).withDictionary(DictionaryEncoding.of(0));
    private static final Schema SCHEMA = Schema.of(WORDS);

    private static RecordBatch batch(Integer[] indices, String... dictionary) {
        return RecordBatch.of(SCHEMA, List.of(Arrow.dictionary(Arrow.int32(indices), Arrow.utf8(dictionary))));
    }

    /**
     * Written message by message: a dictionary, a batch (uncompressed); a delta, a batch (ZSTD); then, for a
     * stream, a replacement by other values and a batch (LZ4), for a file a second delta and a batch (LZ4).
     */
    private Path source(String name, boolean file) throws IOException {
        Path p = dir.resolve(name);
        try (RecordBatchStreamWriter w = file ? Ipc.newFile(p, SCHEMA, IpcWriteOptions.DEFAULT)
                : Ipc.newStream(p, SCHEMA, IpcWriteOptions.DEFAULT)) {
            w.writeDictionary(0, Arrow.utf8("a", "b").data(), false);
            w.write(batch(new Integer[] {0, 1}, "a", "b"));
            w.compression(CompressionType.ZSTD);
            w.writeDictionary(0, Arrow.utf8("c").data(), true);
            w.write(batch(new Integer[] {2, null}, "a", "b", "c"));
            w.compression(CompressionType.LZ4_FRAME);
            if (file) {
                w.writeDictionary(0, Arrow.utf8("d").data(), true);
                w.write(batch(new Integer[] {3}, "a", "b", "c", "d"));
            } else {
                w.writeDictionary(0, Arrow.utf8("x", "y").data(), false);
                w.write(batch(new Integer[] {1}, "x", "y"));
            }
        }
        return p;
    }

    /** "d/full|delta/<length>/<codec>" and "b<rows>/<codec>" for each message of an IPC file or stream. */
    static List<String> messages(Path p) throws IOException {
        byte[] bytes = Files.readAllBytes(p);
        boolean file = Samples.format(p) == IpcFormat.FILE;
        long end = bytes.length;
        if (file) end -= 10 + java.nio.ByteBuffer.wrap(bytes, bytes.length - 10, 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        List<String> out = new ArrayList<>();
        for (MessageSummary m : Samples.messages(bytes, file ? 8 : 0, end)) {
            switch (m.message().header()) {
                case MessageHeader.SchemaHeader s -> { }
                case MessageHeader.DictionaryBatchHeader d -> out.add("d" + (d.isDelta() ? "/delta/" : "/full/")
                        + d.data().length() + "/" + d.data().compression());
                case MessageHeader.RecordBatchHeader r -> out.add("b" + r.length() + "/" + r.compression());
            }
        }
        return out;
    }

    private static final List<String> STREAM = List.of("d/full/2/null", "b2/null", "d/delta/1/ZSTD", "b2/ZSTD",
            "d/full/2/LZ4_FRAME", "b1/LZ4_FRAME");
    private static final List<String> FILE = List.of("d/full/2/null", "b2/null", "d/delta/1/ZSTD", "b2/ZSTD",
            "d/delta/1/LZ4_FRAME", "b1/LZ4_FRAME");

    private static List<String> uncompressed(List<String> messages) {
        return messages.stream().map(m -> m.substring(0, m.lastIndexOf('/')) + "/null").toList();
    }

    @Test
    void theSourcesHaveTheMessagesTheTestsExpect() throws IOException {
        assertEquals(STREAM, messages(source("s.arrows", false)));
        assertEquals(FILE, messages(source("f.arrow", true)));
    }

    @Test
    void convertKeepsDeltasReplacementsAndEachMessagesCompression() throws IOException {
        Path stream = source("s.arrows", false);
        Path out = dir.resolve("out.arrows");
        Cli r = Cli.run("convert", stream, out);
        assertEquals(0, r.exit(), r.toString());
        assertEquals(STREAM, messages(out));
        assertEquals(ConvertCommandTest.read(stream), ConvertCommandTest.read(out));

        Path file = source("f.arrow", true);
        Cli toStream = Cli.run("convert", file, out);
        assertEquals(0, toStream.exit(), toStream.toString());
        assertEquals(FILE, messages(out));
        Path fileOut = dir.resolve("out.arrow");
        Cli toFile = Cli.run("convert", file, fileOut);
        assertEquals(0, toFile.exit(), toFile.toString());
        assertEquals(FILE, messages(fileOut));
        assertEquals(ConvertCommandTest.read(file), ConvertCommandTest.read(fileOut));
    }

    @Test
    void convertWithACompressionGivesItToEveryMessageAndKeepsTheDictionaryKinds() throws IOException {
        Path stream = source("s.arrows", false);
        Path out = dir.resolve("none.arrows");
        assertEquals(0, Cli.run("convert", stream, out, "--compression", "none").exit());
        assertEquals(uncompressed(STREAM), messages(out));
        Path zstd = dir.resolve("zstd.arrows");
        assertEquals(0, Cli.run("convert", stream, zstd, "--compression", "zstd").exit());
        assertEquals(STREAM.stream().map(m -> m.substring(0, m.lastIndexOf('/')) + "/ZSTD").toList(), messages(zstd));
        assertEquals(ConvertCommandTest.read(stream), ConvertCommandTest.read(zstd));
    }

    @Test
    void aStreamWhoseReplacementOnlyExtendsItsDictionaryBecomesAFileWithADelta() throws IOException {
        Path p = dir.resolve("grow.arrows");
        try (RecordBatchStreamWriter w = Ipc.newStream(p, SCHEMA, IpcWriteOptions.DEFAULT)) {
            w.writeDictionary(0, Arrow.utf8("a").data(), false);
            w.write(batch(new Integer[] {0}, "a"));
            w.writeDictionary(0, Arrow.utf8("a", "b").data(), false);
            w.write(batch(new Integer[] {1}, "a", "b"));
        }
        assertEquals(List.of("d/full/1/null", "b1/null", "d/full/2/null", "b1/null"), messages(p));
        Path file = dir.resolve("grow.arrow");
        Cli r = Cli.run("stream-to-file", p, file);
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of("d/full/1/null", "b1/null", "d/delta/1/null", "b1/null"), messages(file));
        assertEquals(ConvertCommandTest.read(p).columns(), ConvertCommandTest.read(file).columns());
    }

    @Test
    void fileToStreamKeepsTheFilesDeltasWhereTheFileHasThem() throws IOException {
        Path file = source("f.arrow", true);
        Path out = dir.resolve("f.arrows");
        Cli r = Cli.run("file-to-stream", file, out);
        assertEquals(0, r.exit(), r.toString());
        // file-to-stream writes no compression of its own: the batches are written uncompressed
        assertEquals(uncompressed(FILE), messages(out));
        // each stream batch sees the dictionary as it was then; the file's batches all see the final one
        assertEquals(ConvertCommandTest.read(file).columns(), ConvertCommandTest.read(out).columns());
    }

    @Test
    void streamToFileKeepsTheStreamsDeltas() throws IOException {
        Path p = dir.resolve("deltas.arrows");
        try (RecordBatchStreamWriter w = Ipc.newStream(p, SCHEMA, IpcWriteOptions.DEFAULT)) {
            w.writeDictionary(0, Arrow.utf8("a").data(), false);
            w.writeDictionary(0, Arrow.utf8("b").data(), true); // two dictionary batches before one batch
            w.write(batch(new Integer[] {1}, "a", "b"));
            w.writeDictionary(0, Arrow.utf8("c").data(), true);
            w.write(batch(new Integer[] {2}, "a", "b", "c"));
            w.writeDictionary(0, Arrow.utf8("d").data(), true); // after the last batch
        }
        List<String> expected = List.of("d/full/1/null", "d/delta/1/null", "b1/null", "d/delta/1/null", "b1/null",
                "d/delta/1/null");
        assertEquals(expected, messages(p));
        Path file = dir.resolve("deltas.arrow");
        Cli r = Cli.run("stream-to-file", p, file);
        assertEquals(0, r.exit(), r.toString());
        assertEquals(expected, messages(file));
        Path back = dir.resolve("back.arrows");
        assertEquals(0, Cli.run("file-to-stream", file, back).exit());
        assertEquals(expected, messages(back));
        assertEquals(ConvertCommandTest.read(p).columns(), ConvertCommandTest.read(back).columns());
    }

    @Test
    void catToAStreamKeepsEachInputsDictionaryBatches() throws IOException {
        Path a = source("a.arrows", false);
        Path b = source("b.arrow", true);
        Path out = dir.resolve("cat.arrows");
        Cli r = Cli.run("cat", a, b, "-o", out);
        assertEquals(0, r.exit(), r.toString());
        List<String> expected = new ArrayList<>(uncompressed(STREAM));
        expected.addAll(uncompressed(FILE)); // the second input's first dictionary replaces the first's
        assertEquals(expected, messages(out));
        List<List<List<Object>>> values = new ArrayList<>(ConvertCommandTest.read(a).columns());
        values.addAll(ConvertCommandTest.read(b).columns());
        assertEquals(values, ConvertCommandTest.read(out).columns());
    }

    @Test
    void goldDictionaryCasesConvertMessageForMessage() throws IOException {
        for (String name : new String[] {"dictionary", "dictionary_unsigned", "nested_dictionary"}) {
            for (String suffix : new String[] {".stream", ".arrow_file"}) {
                Path gold = TestData.gold("cpp-21.0.0", name, suffix);
                Path out = dir.resolve(name + ".arrows");
                Cli r = Cli.run("convert", gold, out, "--to", "stream");
                assertEquals(0, r.exit(), r.toString());
                assertEquals(messages(gold), messages(out), name + suffix);
                assertTrue(messages(out).stream().anyMatch(m -> m.startsWith("d/")), name);
            }
        }
    }
}
