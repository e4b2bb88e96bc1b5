package dev.quiver.cli;

import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.compress.CompressionType;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchFileWriter;
import dev.quiver.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code quiver schema} and {@code quiver info} as text; their JSON is {@link JsonOutputTest}'s. */
class SchemaInfoCommandTest {
    @TempDir
    Path dir;

    @Test
    void schemaPrintsFieldsAndMetadata() throws IOException {
        Path f = Samples.file(dir, "f.arrow");
        Cli r = Cli.run("schema", f);
        assertEquals(0, r.exit(), r.toString());
        assertEquals(f + """
                : Arrow IPC file
                x: int32 not null
                  -- field metadata --
                  unit: 'm'
                y: utf8
                -- schema metadata --
                origin: 'quiver test'
                """, r.out());
        // a stream's schema through standard input; damage after the schema does not matter here
        byte[] stream = Files.readAllBytes(Samples.stream(dir, "s.arrows"));
        int afterSchema = (int) Samples.messages(stream, 0, stream.length).get(1).offset() + 10;
        Cli cut = Cli.runBinaryText(Arrays.copyOf(stream, afterSchema), "schema");
        assertEquals(0, cut.exit(), cut.toString());
        assertTrue(cut.out().startsWith("standard input: Arrow IPC stream\nx: int32 not null\n"), cut.toString());
        Cli none = Cli.runBinaryText(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0}, "schema");
        assertEquals(1, none.exit(), none.toString());
        assertEquals("quiver: no schema: the input holds no message (standard input, at byte 0)\n", none.err());
    }

    @Test
    void infoSummarizesFromTheMetadata() throws IOException {
        RecordBatch b = RecordBatch.builder().add("v", Arrow.utf8("a", "bb", null))
                .add("d", Arrow.dictionary(Arrow.int8((byte) 0, (byte) 1, (byte) 0), Arrow.utf8("x", "y"))).build();
        Path p = dir.resolve("z.arrow");
        try (RecordBatchFileWriter w = Ipc.newFile(p, b.schema(), IpcWriteOptions.DEFAULT.withCompression(CompressionType.ZSTD))) {
            w.write(b);
            w.write(b);
        }
        Cli r = Cli.run("info", p);
        assertEquals(0, r.exit(), r.toString());
        String out = r.out();
        assertTrue(out.startsWith(p + ": Arrow IPC file, " + String.format("%,d", Files.size(p)) + " bytes\n"
                + "  metadata version  V5\n  endianness        little\n"
                + "  schema            2 fields (1 dictionary-encoded field)\n"
                + "  record batches    2, 6 rows\n  dictionaries      1 id, 1 dictionary batch\n"
                + "  compression       zstd: 3 messages\n"), out);
        assertTrue(out.contains("\nmessages (offset, then what each is; lengths in bytes):\n"), out);
        assertTrue(out.contains("message 1: DictionaryBatch id 0, 2 values, zstd; metadata "), out);
        assertTrue(out.contains("message 2: RecordBatch, 3 rows, zstd; metadata "), out);
        Cli gold = Cli.run("info", TestData.gold("cpp-21.0.0", "primitive", ".stream"));
        assertTrue(gold.out().contains("  record batches    2, 37 rows\n"), gold.toString());
        assertTrue(gold.out().contains("  compression       none: 2 messages\n"), gold.toString());

        byte[] bytes = Files.readAllBytes(p);
        Path cut = Files.write(dir.resolve("cut.arrow"), Arrays.copyOf(bytes, bytes.length - 20));
        Cli bad = Cli.run("info", cut);
        assertEquals(1, bad.exit(), bad.toString());
        assertTrue(bad.out().contains("  record batches    2, 6 rows\n"), "what the footer's loss leaves: " + bad);
        assertTrue(bad.err().startsWith("quiver: "), bad.toString());
    }

    @Test
    void bigEndianDataIsSaidSo() throws IOException {
        Path big = dir.resolve("big.arrows");
        assertEquals(0, Cli.run("convert", Samples.file(dir, "f.arrow"), big, "--endianness", "big").exit());
        assertTrue(Cli.run("info", big).out().contains("\n  endianness        big\n"));
        assertTrue(Cli.run("schema", big).out().endsWith("-- the data is big-endian --\n"));
        assertTrue(Cli.run("schema", big, "--json").out().contains("\"endianness\": \"big\""));
    }

    @Test
    void validateCountsInWordsThatAgree() throws IOException {
        RecordBatch one = RecordBatch.builder().add("x", Arrow.int32(7)).build();
        Path p = dir.resolve("one.arrow");
        try (RecordBatchFileWriter w = Ipc.newFile(p, one.schema(), IpcWriteOptions.DEFAULT)) {
            w.write(one);
        }
        assertEquals("valid: 1 batch, 1 row\n", Cli.run("validate", p).out());
    }
}
