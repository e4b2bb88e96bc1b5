package dev.quiver.cli;

import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchReader;
import dev.quiver.ipc.RecordBatchStreamWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code quiver cat}, {@code head} and {@code slice}: rows, formats, dictionaries across inputs, refusals. */
class CatHeadSliceTest {
    @TempDir
    Path dir;

    /** Every value of column {@code c}, batch after batch, and the format read. */
    static List<Object> column(byte[] bytes, int c) throws IOException {
        List<Object> out = new ArrayList<>();
        try (RecordBatchReader r = Ipc.open(bytes)) {
            for (RecordBatch b; (b = r.readNext()) != null; ) {
                out.addAll(b.column(c).toList());
                b.close();
            }
        }
        return out;
    }

    static List<Object> column(Path p, int c) throws IOException {
        return column(Files.readAllBytes(p), c);
    }

    private Path dictionaryFile(String name, int[] indices, String... values) throws IOException {
        Integer[] boxed = new Integer[indices.length];
        for (int i = 0; i < indices.length; i++) boxed[i] = indices[i];
        RecordBatch b = RecordBatch.builder()
                .add("d", Arrow.dictionary(Arrow.int8(toBytes(indices)), Arrow.utf8(values)))
                .add("n", Arrow.int32(boxed)).build();
        Path p = dir.resolve(name);
        try (var w = name.endsWith(".arrow") ? Ipc.newFile(p, b.schema(), IpcWriteOptions.DEFAULT)
                : Ipc.newStream(p, b.schema(), IpcWriteOptions.DEFAULT)) {
            w.write(b);
        }
        return p;
    }

    private static Byte[] toBytes(int[] v) {
        Byte[] b = new Byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }

    @Test
    void catJoinsFilesAndStreamsInOrder() throws IOException {
        Path f = Samples.file(dir, "f.arrow");
        Path s = Samples.stream(dir, "s.arrows");
        Path out = dir.resolve("both.arrow");
        Cli r = Cli.run("cat", f, s, "-o", out);
        assertEquals(0, r.exit(), r.toString());
        assertEquals("wrote " + out + ": Arrow IPC file, 4 batches, 10 rows, " + String.format("%,d", Files.size(out))
                + " bytes\n", r.out());
        assertEquals(List.of(1, 2, 3, 40, 50, 1, 2, 3, 40, 50), column(out, 0));
        // to standard output: only the bytes, in the first input's format (a stream here)
        Cli.Binary piped = Cli.runBinary(new byte[0], "cat", s, f);
        assertEquals(0, piped.exit(), piped.toString());
        assertEquals(IpcFormat.STREAM, Samples.format(Files.write(dir.resolve("piped"), piped.out())));
        assertEquals(column(out, 1), column(piped.out(), 1));
        // and from standard input
        Cli.Binary stdin = Cli.runBinary(Files.readAllBytes(s), "cat", f, "-", "--to", "file");
        assertEquals(IpcFormat.FILE, Samples.format(Files.write(dir.resolve("stdin"), stdin.out())));
        assertEquals(List.of(1, 2, 3, 40, 50, 1, 2, 3, 40, 50), column(stdin.out(), 0));
    }

    @Test
    void catNamesTheFirstDifferenceOfTheSchemas() throws IOException {
        Path f = Samples.file(dir, "f.arrow");
        Path other = dictionaryFile("d.arrow", new int[] {0}, "a");
        Path out = dir.resolve("out.arrow");
        Cli r = Cli.run("cat", f, other, "-o", out);
        assertEquals(1, r.exit(), r.toString());
        assertEquals("quiver: the schema differs from the first input's (" + f + "): field 0 is named 'd' here, 'x' "
                + "there (" + other + ")\n", r.err());
        assertTrue(!Files.exists(out), "nothing written");
        RecordBatch wider = RecordBatch.builder().add("x", Arrow.int64(1L)).add("y", Arrow.utf8("a")).build();
        Path p = dir.resolve("wide.arrows");
        try (RecordBatchStreamWriter w = Ipc.newStream(p, wider.schema(), IpcWriteOptions.DEFAULT)) {
            w.write(wider);
        }
        Cli types = Cli.run("cat", f, p);
        assertTrue(types.err().contains("field 0 'x' is int64 here, int32 there"), types.toString());
    }

    @Test
    void catCarriesDifferentDictionariesIntoOneFileAsDeltas() throws IOException {
        Path a = dictionaryFile("a.arrow", new int[] {0, 1, 0}, "red", "green");
        Path b = dictionaryFile("b.arrows", new int[] {2, 0, 1}, "blue", "red", "cyan");
        Path c = dictionaryFile("c.arrow", new int[] {1}, "red", "green"); // a prefix of what is written: kept as is
        List<Object> expected = List.of("red", "green", "red", "cyan", "blue", "red", "green");
        Path file = dir.resolve("out.arrow");
        assertEquals(0, Cli.run("cat", a, b, c, "-o", file).exit());
        assertEquals(expected, column(file, 0));
        assertEquals(0, Cli.run("validate", file).exit());
        Cli inspect = Cli.run("inspect", file);
        assertEquals(2, InspectCommandTest.count(inspect.out(), " DictionaryBatch "), inspect.toString());
        assertTrue(inspect.out().contains("dictionary id 0, delta"), inspect.toString());
        // a stream may replace dictionaries: each input's is sent again
        Path stream = dir.resolve("out.arrows");
        assertEquals(0, Cli.run("cat", a, b, c, "-o", stream).exit());
        assertEquals(expected, column(stream, 0));
    }

    @Test
    void aFileRefusesDictionariesItsIndicesCannotAddress() throws IOException {
        String[] first = new String[100];
        String[] second = new String[100];
        for (int i = 0; i < 100; i++) {
            first[i] = "a" + i;
            second[i] = "b" + i;
        }
        Path a = dictionaryFile("a.arrows", new int[] {99}, first);
        Path b = dictionaryFile("b.arrows", new int[] {99}, second);
        Cli r = Cli.run("cat", a, b, "-o", dir.resolve("out.arrow"));
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("quiver: batch 0: in one file, dictionary 0 (field 'd') would hold 200 values, more "
                + "than its int8 indices address: write a stream (--to stream)"), r.toString());
        Path stream = dir.resolve("out.arrows");
        assertEquals(0, Cli.run("cat", a, b, "-o", stream).exit());
        assertEquals(List.of("a99", "b99"), column(stream, 0));
    }

    @Test
    void headAndSliceCutAcrossBatches() throws IOException {
        Path f = Samples.file(dir, "f.arrow");
        Path s = Samples.stream(dir, "s.arrows");
        assertEquals(List.of(1, 2, 3, 40), column(Cli.runBinary(new byte[0], "head", "-n", "4", f).out(), 0));
        assertEquals(List.of(1, 2, 3, 40, 50, 1, 2, 3, 40, 50).subList(0, 5),
                column(Cli.runBinary(new byte[0], "head", s).out(), 0)); // default 10: every row
        assertEquals(List.of(), column(Cli.runBinary(new byte[0], "head", "-n", "0", s).out(), 0));
        assertEquals(List.of(3, 40, 50), column(Cli.runBinary(new byte[0], "slice", "--rows", "2:5", s).out(), 0));
        assertEquals(List.of(50), column(Cli.runBinary(new byte[0], "slice", "--rows", "4:", f).out(), 0));
        assertEquals(List.of(1), column(Cli.runBinary(new byte[0], "slice", "--rows", ":1", f).out(), 0));
        Path out = dir.resolve("cut.arrows");
        Cli wrote = Cli.run("slice", f, "--rows", "1:4", "-o", out);
        assertEquals("wrote " + out + ": Arrow IPC stream, 2 batches, 3 rows, " + String.format("%,d", Files.size(out))
                + " bytes\n", wrote.out());
        assertEquals(List.of("ccc", "dd"), column(out, 1).subList(1, 3));
        try (RecordBatchReader r = Ipc.open(out)) {
            RecordBatch b = r.readNext();
            assertEquals(java.util.Map.of("part", "one"), b.metadata(), "a cut batch keeps its metadata");
            b.close();
        }
        for (String bad : List.of("5:2", "x:3", "3", "-1:2")) {
            Cli r = Cli.run("slice", f, "--rows", bad);
            assertEquals(2, r.exit(), bad + ": " + r);
            assertTrue(r.err().startsWith("--rows " + bad + ": "), r.toString());
        }
        Cli same = Cli.run("head", f, "-o", f);
        assertEquals(2, same.exit(), same.toString());
        assertTrue(same.err().startsWith("the input is the output file: " + f), same.toString());
    }
}
