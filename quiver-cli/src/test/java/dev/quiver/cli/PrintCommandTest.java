package dev.quiver.cli;

import dev.quiver.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrintCommandTest {
    @TempDir
    Path dir;

    @Test
    void schemaWithMetadataThenEveryBatchAsATable() throws IOException {
        Path f = Samples.file(dir, "f.arrow");
        Cli r = Cli.run("print", f);
        assertEquals(0, r.exit(), r.toString());
        assertEquals(f + """
                : Arrow IPC file
                x: int32 not null
                  -- field metadata --
                  unit: 'm'
                y: utf8
                -- schema metadata --
                origin: 'quiver test'

                -- batch 0: 3 rows, metadata {part=one} --
                x | y
                --+------
                1 | "a"
                2 | null
                3 | "ccc"

                -- batch 1: 2 rows --
                x  | y
                ---+------------
                40 | "dd"
                50 | "tab\\there"

                2 batches, 5 rows
                """, r.out());
        assertEquals("", r.err());
    }

    @Test
    void streamsPrintTheSame() throws IOException {
        Cli file = Cli.run("print", Samples.file(dir, "same"));
        Cli stream = Cli.run("print", Samples.stream(dir, "same.arrows"));
        assertEquals(0, stream.exit(), stream.toString());
        assertTrue(stream.out().startsWith(dir.resolve("same.arrows") + ": Arrow IPC stream\n"), stream.toString());
        assertEquals(file.out().substring(file.out().indexOf('\n')), stream.out().substring(stream.out().indexOf('\n')));
    }

    @Test
    void limitCountsRowsAcrossBatches() throws IOException {
        Cli r = Cli.run("print", Samples.file(dir, "f.arrow"), "--limit", "1");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().endsWith("1 | \"a\"\n... 2 more rows\n\nstopped after 1 row (--limit 1); 1 more batch "
                + "in the file\n"), r.toString());
        assertFalse(r.out().contains("-- batch 1"), r.toString());
        Cli four = Cli.run("print", Samples.stream(dir, "s.arrows"), "--limit", "4");
        assertTrue(four.out().endsWith("-- batch 1: 2 rows --\nx  | y\n---+-----\n40 | \"dd\"\n... 1 more row\n\n"
                + "stopped after 4 rows (--limit 4); the stream was not read further\n"), four.toString());
        Cli all = Cli.run("print", Samples.stream(dir, "t.arrows"), "--limit", "5");
        assertTrue(all.out().endsWith("\n2 batches, 5 rows\n"), all.toString());
    }

    @Test
    void oneBatchOnly() throws IOException {
        for (Path p : new Path[] {Samples.file(dir, "f.arrow"), Samples.stream(dir, "s.arrows")}) {
            Cli r = Cli.run("print", p, "--batch", "1");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.out().contains("-- batch 1: 2 rows --"), r.toString());
            assertFalse(r.out().contains("-- batch 0"), r.toString());
        }
    }

    @Test
    void missingBatchIsAUsageError() throws IOException {
        Cli r = Cli.run("print", Samples.file(dir, "f.arrow"), "--batch", "2");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("--batch 2: the file has fewer batches (2)"), r.toString());
        Cli neg = Cli.run("print", Samples.file(dir, "g.arrow"), "--limit", "-1");
        assertEquals(2, neg.exit(), neg.toString());
    }

    @Test
    void goldPrimitiveShowsFieldNamesAndKnownValues() {
        // Values from generated_primitive.json.gz, batch 0, rows 0 and 1.
        Cli r = Cli.run("print", TestData.gold("cpp-21.0.0", "primitive", ".stream"), "-n", "2", "--width", "0");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("int8_nonnullable: int8 not null\n"), r.toString());
        assertTrue(r.out().contains("float64_nonnullable: float64 not null\n"), r.toString());
        assertTrue(r.out().contains("-- batch 0: 17 rows --"), r.toString());
        assertTrue(r.out().endsWith("stopped after 2 rows (--limit 2); the stream was not read further\n"), r.toString());
        String[] lines = r.out().split("\n");
        int header = indexOf(lines, "bool_nullable | bool_nonnullable | int8_nullable | int8_nonnullable");
        String[] names = cells(lines[header]);
        String[] row0 = cells(lines[header + 2]);
        String[] row1 = cells(lines[header + 3]);
        int int8 = java.util.Arrays.asList(names).indexOf("int8_nonnullable");
        int float64 = java.util.Arrays.asList(names).indexOf("float64_nonnullable");
        int bool = java.util.Arrays.asList(names).indexOf("bool_nonnullable");
        assertEquals("-128", row0[int8]);
        assertEquals("127", row1[int8]);
        assertEquals("471.617", row0[float64]);
        assertEquals("-1174.894", row1[float64]);
        assertEquals("false", row0[bool]);
        assertEquals("true", row1[bool]);
        assertEquals("... 15 more rows", lines[header + 4]);
    }

    @Test
    void goldDictionaryAndNestedValuesAreDecoded() {
        Cli dict = Cli.run("print", TestData.gold("cpp-21.0.0", "dictionary", ".arrow_file"), "-n", "1");
        assertEquals(0, dict.exit(), dict.toString());
        assertTrue(dict.out().contains("dict0: dictionary<values=utf8, indices=int8>"), dict.toString());
        Cli nested = Cli.run("print", TestData.gold("cpp-21.0.0", "nested", ".stream"), "-n", "3", "--width", "0");
        assertEquals(0, nested.exit(), nested.toString());
        assertTrue(nested.out().contains("[-2147483648, 2147483647]"), nested.toString());
    }

    @Test
    void invalidDataExitsOne() {
        Cli r = Cli.run("print", TestData.root().resolve("integration/cpp-21.0.0/generated_primitive.json.gz"));
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("quiver: "), r.toString());
    }

    private static int indexOf(String[] lines, String prefix) {
        for (int i = 0; i < lines.length; i++) if (lines[i].startsWith(prefix)) return i;
        throw new AssertionError("no line starts with " + prefix);
    }

    private static String[] cells(String line) {
        String[] c = line.split("\\|");
        for (int i = 0; i < c.length; i++) c[i] = c[i].strip();
        return c;
    }
}
