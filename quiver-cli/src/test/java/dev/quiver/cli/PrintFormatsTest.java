package dev.quiver.cli;

import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchFileWriter;
import dev.quiver.testing.ChildProcess;
import dev.quiver.type.ArrowTimeUnit;
import dev.quiver.type.ArrowType;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code quiver print --format table|csv|tsv|json|jsonl}, {@code --columns}, {@code --offset}, {@code --limit},
 * {@code --batch}; tables with struct field names, quoted strings, cut to the width, CJK text aligned.
 */
class PrintFormatsTest {
    @TempDir
    Path dir;

    private Path write(String name, RecordBatch... batches) throws IOException {
        Path p = dir.resolve(name);
        try (RecordBatchFileWriter w = Ipc.newFile(p, batches[0].schema(), IpcWriteOptions.DEFAULT)) {
            for (RecordBatch b : batches) w.write(b);
        }
        return p;
    }

    /** Strings that CSV must quote, the empty string, a null and the string "null". */
    private Path awkwardStrings() throws IOException {
        return write("s.arrow", RecordBatch.builder()
                .add("s", Arrow.utf8("a,b", "say \"hi\"", "line\nbreak", "", null, "null", "tab\tback\\slash"))
                .add("n", Arrow.int32(1, 2, 3, 4, 5, 6, 7)).build());
    }

    /** A struct, a map, a list, binary, a date, a timestamp, a decimal, a NaN and a uint64 beyond int64. */
    private Path nested() throws IOException {
        Field point = Field.nullable("point", ArrowTypes.STRUCT, Field.nullable("x", ArrowTypes.INT32),
                Field.nullable("label", ArrowTypes.UTF8));
        Field tags = Field.nullable("tags", new ArrowType.Map(false), Field.notNull("entries", ArrowTypes.STRUCT,
                Field.notNull("key", ArrowTypes.UTF8), Field.nullable("value", ArrowTypes.INT64)));
        Field list = Field.nullable("l", ArrowTypes.LIST, Field.nullable("item", ArrowTypes.INT16));
        Map<String, Object> p0 = new LinkedHashMap<>();
        p0.put("x", 1);
        p0.put("label", "one");
        Map<String, Object> p1 = new LinkedHashMap<>();
        p1.put("x", null);
        p1.put("label", null);
        Map<String, Long> t0 = new LinkedHashMap<>();
        t0.put("a", 1L);
        t0.put("b", null);
        return write("nested.arrow", RecordBatch.builder()
                .add(point, Arrow.of(point, Arrays.asList(p0, p1)))
                .add(tags, Arrow.of(tags, Arrays.asList(t0, null)))
                .add(list, Arrow.of(list, Arrays.asList(Arrays.asList((short) 1, null), List.of())))
                .add("bin", Arrow.of(ArrowTypes.BINARY, Arrays.asList(new byte[] {1, (byte) 0xab}, null)))
                .add("day", Arrow.of(ArrowTypes.DATE32, Arrays.asList(LocalDate.of(2024, 2, 29), null)))
                .add("ts", Arrow.of(ArrowTypes.timestamp(ArrowTimeUnit.MILLISECOND, "UTC"),
                        Arrays.asList(Instant.parse("2024-01-02T03:04:05.006Z"), null)))
                .add("dec", Arrow.of(ArrowTypes.decimal128(10, 3), Arrays.asList(new BigDecimal("-12.500"), null)))
                .add("f", Arrow.of(ArrowTypes.FLOAT64, Arrays.asList(Double.NaN, 0.25)))
                .add("u", Arrow.of(ArrowTypes.UINT64, Arrays.asList(new BigInteger("18446744073709551615"), null)))
                .build());
    }

    @Test
    void everyGoldCasePrintsInEveryFormatWithTheReadersValues() throws IOException {
        for (dev.quiver.testing.TestData.GoldCase c : dev.quiver.testing.TestData.goldCases()) {
            for (String format : List.of("table")) {
                Cli r = Cli.run("print", c.stream(), "-f", format);
                assertEquals(0, r.exit(), c + " " + format + ": " + r);
            }
            Cli r = Cli.run("print", c.stream(), "-f", "jsonl");
            assertEquals(0, r.exit(), c + ": " + r);
            List<String> lines = r.out().lines().toList();
            int row = 0;
            try (dev.quiver.ipc.RecordBatchReader reader = Ipc.open(c.stream())) {
                for (RecordBatch b; (b = reader.readNext()) != null; b.close()) {
                    boolean distinct = b.schema().fields().stream().map(Field::name).distinct().count() == b.numColumns();
                    for (int i = 0; i < b.numRows(); i++, row++) {
                        if (!distinct) continue; // duplicate_fieldnames: keys repeat, which JsonParser refuses
                        dev.quiver.json.JsonValue.Obj o = (dev.quiver.json.JsonValue.Obj)
                                dev.quiver.json.JsonParser.parse(lines.get(row), "row");
                        List<dev.quiver.json.JsonValue> values = List.copyOf(o.members().values());
                        for (int col = 0; col < b.numColumns() && values.size() == b.numColumns(); col++) {
                            // plain values (numbers, booleans, strings, also behind unions, dictionaries, run ends)
                            Object v = b.column(col).getDisplayObject(i);
                            dev.quiver.json.JsonValue j = values.get(col);
                            String where = c + " row " + row + " column " + col;
                            switch (v) {
                                case null -> assertEquals(dev.quiver.json.JsonValue.Null.class, j.getClass(), where);
                                case String str -> assertEquals(str, ((dev.quiver.json.JsonValue.Str) j).value(), where);
                                case Boolean x -> assertEquals(x, ((dev.quiver.json.JsonValue.Bool) j).value(), where);
                                case Integer x -> assertEquals(x.toString(), ((dev.quiver.json.JsonValue.Num) j).text(), where);
                                case Long x -> assertEquals(x.toString(), ((dev.quiver.json.JsonValue.Num) j).text(), where);
                                case BigInteger x -> assertEquals(x.toString(), ((dev.quiver.json.JsonValue.Num) j).text(), where);
                                default -> { }
                            }
                        }
                    }
                }
            }
            assertEquals(row, lines.size(), c + ": one line per row");
        }
    }

    @Test
    void csvQuotesAsRfc4180AndTellsTheEmptyStringFromNull() throws IOException {
        Cli r = Cli.run("print", awkwardStrings(), "--format", "csv");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("s,n\n\"a,b\",1\n\"say \"\"hi\"\"\",2\n\"line\nbreak\",3\n\"\",4\n,5\nnull,6\ntab\tback\\slash,7\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void tsvEscapesTabsAndLineBreaksAndWritesNullAsBackslashN() throws IOException {
        Cli r = Cli.run("print", awkwardStrings(), "--format", "tsv");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("s\tn\na,b\t1\nsay \"hi\"\t2\nline\\nbreak\t3\n\t4\n\\N\t5\nnull\t6\ntab\\tback\\\\slash\t7\n", r.out());
    }

    @Test
    void jsonAndJsonLinesArePlainJsonValues() throws IOException {
        Path p = nested();
        String row0 = "{\"point\":{\"x\":1,\"label\":\"one\"},\"tags\":[{\"key\":\"a\",\"value\":1},{\"key\":\"b\",\"value\":null}],"
                + "\"l\":[1,null],\"bin\":\"01ab\",\"day\":\"2024-02-29\",\"ts\":\"2024-01-02T03:04:05.006Z\",\"dec\":-12.500,"
                + "\"f\":\"NaN\",\"u\":18446744073709551615}";
        String row1 = "{\"point\":{\"x\":null,\"label\":null},\"tags\":null,\"l\":[],\"bin\":null,\"day\":null,\"ts\":null,"
                + "\"dec\":null,\"f\":0.25,\"u\":null}";
        Cli lines = Cli.run("print", p, "-f", "jsonl");
        assertEquals(0, lines.exit(), lines.toString());
        assertEquals(row0 + "\n" + row1 + "\n", lines.out());
        Cli json = Cli.run("print", p, "-f", "json");
        assertEquals("[\n" + row0 + ",\n" + row1 + "\n]\n", json.out());
        // and it parses
        dev.quiver.json.JsonParser.parse(json.out(), "print");
        Cli none = Cli.run("print", p, "-f", "json", "--limit", "0");
        assertEquals("[]\n", none.out());
    }

    @Test
    void nestedValuesInCsvAreJson() throws IOException {
        Cli r = Cli.run("print", nested(), "-f", "csv", "--columns", "point,tags,bin", "--limit", "1");
        assertEquals("point,tags,bin\n\"{\"\"x\"\":1,\"\"label\"\":\"\"one\"\"}\",\"[{\"\"key\"\":\"\"a\"\",\"\"value\"\":1},"
                + "{\"\"key\"\":\"\"b\"\",\"\"value\"\":null}]\",01ab\n", r.out());
    }

    @Test
    void tableShowsStructFieldNamesAndQuotesStrings() throws IOException {
        Cli r = Cli.run("print", nested(), "--columns", "point,tags,l,bin,day", "--width", "0");
        assertEquals(0, r.exit(), r.toString());
        String table = r.out().substring(r.out().indexOf("-- batch 0"));
        assertEquals("""
                -- batch 0: 2 rows --
                point                  | tags                | l         | bin    | day
                -----------------------+---------------------+-----------+--------+-----------
                {x: 1, label: "one"}   | {"a": 1, "b": null} | [1, null] | 0x01ab | 2024-02-29
                {x: null, label: null} | null                | []        | null   | null

                1 batch, 2 rows
                """, table);
        Cli strings = Cli.run("print", awkwardStrings(), "--columns", "s", "--offset", "3", "--limit", "3");
        assertTrue(strings.out().contains("\ns\n------\n\"\"\nnull\n\"null\"\n... 1 more row\n"), strings.toString());
    }

    @Test
    void columnsOffsetLimitAndBatchChooseTheRows() throws IOException {
        Path f = Samples.file(dir, "f.arrow");
        assertEquals("y,x\nccc,3\ndd,40\n", Cli.run("print", f, "-f", "csv", "--columns", "y,x", "--offset", "2",
                "--limit", "2").out());
        assertEquals("x\n50\n", Cli.run("print", f, "-f", "csv", "--columns", "x", "--batch", "1", "--offset", "1").out());
        assertEquals("x\n", Cli.run("print", f, "-f", "csv", "--columns", "x", "--offset", "99").out());
        Cli table = Cli.run("print", f, "--offset", "4");
        assertTrue(table.out().contains("-- batch 1: 2 rows --\n... 1 row before (--offset)\nx  | y\n---+------------\n"
                + "50 | \"tab\\there\"\n"), table.toString());
        assertTrue(!table.out().contains("-- batch 0"), table.toString());
        Cli unknown = Cli.run("print", f, "--columns", "x,zz");
        assertEquals(2, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().startsWith("--columns: no column named 'zz' (the columns: x, y)"), unknown.toString());
        assertEquals(2, Cli.run("print", f, "--offset", "-1").exit());
    }

    @Test
    void wideTablesAreCutToTheWidthWithAnEllipsis() throws IOException {
        String wide = "0123456789".repeat(8);
        Path p = write("w.arrow", RecordBatch.builder().add("id", Arrow.int32(7)).add("text", Arrow.utf8(wide)).build());
        Cli r = Cli.run("print", p, "--width", "40");
        String table = r.out().substring(r.out().indexOf("-- batch 0"));
        assertEquals("""
                -- batch 0: 1 row --
                id | text
                ---+------------------------------------
                7  | "012345678901234567890123456789012…

                1 batch, 1 row
                """, table);
        for (String line : table.split("\n")) assertTrue(line.length() <= 40, line);
        // too many columns even cut to the narrowest: the last ones are left out, and the table says so
        RecordBatch.Builder many = RecordBatch.builder();
        for (int c = 0; c < 12; c++) many.add("column" + c, Arrow.int64(1234567890123L));
        Cli cut = Cli.run("print", write("m.arrow", many.build()), "--width", "40");
        assertTrue(cut.out().contains("\ncolum… | colum… | colum… | colum… | …\n"), cut.toString());
        assertTrue(cut.out().contains("(8 columns not shown: choose them with --columns, or widen with --width)"),
                cut.toString());
    }

    @Test
    void doubleWidthTextIsAligned() throws IOException {
        Path p = write("cjk.arrow", RecordBatch.builder().add("name", Arrow.utf8("東京", "ab", "한국어"))
                .add("n", Arrow.int32(1, 2, 3)).build());
        Cli r = Cli.run("print", p);
        String table = r.out().substring(r.out().indexOf("-- batch 0"));
        assertEquals("""
                -- batch 0: 3 rows --
                name     | n
                ---------+--
                "東京"   | 1
                "ab"     | 2
                "한국어" | 3

                1 batch, 3 rows
                """, table);
    }

    @Test
    void theWidthComesFromColumnsInTheEnvironment() throws IOException {
        String wide = "x".repeat(200);
        Path p = write("e.arrow", RecordBatch.builder().add("text", Arrow.utf8(wide)).build());
        ProcessBuilder pb = new ProcessBuilder(ChildProcess.command(Main.class.getName(), "print", p.toString()));
        pb.environment().put("COLUMNS", "50");
        ChildProcess.Result r = ChildProcess.run(pb, new byte[0]);
        assertEquals(0, r.exit(), r.toString());
        String line = r.outText().lines().filter(l -> l.startsWith("\"x")).findFirst().orElseThrow();
        assertEquals(50, line.length(), line);
        pb.environment().remove("COLUMNS");
        ChildProcess.Result fallback = ChildProcess.run(pb, new byte[0]);
        String cut = fallback.outText().lines().filter(l -> l.startsWith("\"x")).findFirst().orElseThrow();
        assertEquals(Terminal.DEFAULT_WIDTH, cut.length(), "not a terminal, no COLUMNS: the default width");
    }
}
