package dev.quiver.interop;

import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.ipc.RecordBatchFileWriter;
import dev.quiver.ipc.RecordBatchReader;
import dev.quiver.ipc.RecordBatchStreamReader;
import dev.quiver.ipc.RecordBatchStreamWriter;
import dev.quiver.type.ArrowType;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Byte identity with Arrow C++: every gold case, read by Quiver and written again uncompressed with the default
 * options, gives exactly the bytes PyArrow writes when it reads the same gold file (or stream) and writes it with
 * its default {@code IpcWriteOptions} ({@code pyarrow_rewrite.py}) — as a file and as a stream. A difference fails
 * with the first differing byte and the message it lies in.
 *
 * <p>Arrow C++ does not read every schema faithfully, so for a few cases what PyArrow writes is not the gold data:
 * <ul>
 *   <li>Dictionary ids: C++ numbers the dictionary-encoded fields of a schema 0, 1, 2, ... in depth-first order
 *       (a field before the fields of its dictionary's values) whatever ids the input had, and gives fields that
 *       shared a dictionary an id each, so it writes that dictionary once per field.</li>
 *   <li>Map field names: C++ names a map's entries struct "entries" (non-nullable, no metadata) and its children
 *       "key" and "value" whatever the input called them.</li>
 * </ul>
 * Those cases are listed in {@link #PYARROW_CHANGES} (and nothing else may change): for them the test checks that
 * PyArrow's output has exactly the schema {@link #asArrowCppReadsIt} predicts, and that Quiver, given that schema,
 * writes PyArrow's bytes exactly.
 */
class PyArrowByteIdentityTest {

    /** The cases (and formats) whose schema Arrow C++ changes on reading, with why. */
    static final Map<String, String> PYARROW_CHANGES = Map.of(
            "4.0.0-shareddict/shared_dict file", "two fields share dictionary 0: C++ gives them ids 0 and 1",
            "4.0.0-shareddict/shared_dict stream", "two fields share dictionary 0: C++ gives them ids 0 and 1",
            "1.0.0-littleendian/nested_dictionary file", "dictionary ids not in C++'s depth-first order",
            "1.0.0-littleendian/nested_dictionary stream", "dictionary ids not in C++'s depth-first order",
            "cpp-21.0.0/map_non_canonical file", "map children named some_entries/some_key/some_value in the file "
                    + "(the gold stream has the canonical names)",
            "1.0.0-littleendian/map_non_canonical file", "map children named some_entries/some_key/some_value in "
                    + "the file (the gold stream has the canonical names)");

    @TestFactory
    List<DynamicTest> everyGoldCaseAsPyArrowWritesIt(@TempDir Path tmp) throws Exception {
        List<GoldCases.Case> cases = GoldCases.all();
        List<PyArrow.Job> jobs = new ArrayList<>();
        for (GoldCases.Case c : cases) {
            jobs.add(new PyArrow.Job("file", c.file(), target(tmp, c, true)));
            jobs.add(new PyArrow.Job("stream", c.stream(), target(tmp, c, false)));
        }
        Map<Path, String> pyarrow = PyArrow.rewrite(jobs);
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldCases.Case c : cases) {
            for (boolean file : new boolean[] {true, false}) {
                String name = c + (file ? " file" : " stream");
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    Path expected = target(tmp, c, file);
                    if (!pyarrow.containsKey(expected) || pyarrow.get(expected) != null) {
                        fail("PyArrow could not rewrite " + name + ": " + pyarrow.get(expected));
                    }
                    byte[] theirs = Files.readAllBytes(expected);
                    Path gold = file ? c.file() : c.stream();
                    Schema schema = schemaOf(gold, file);
                    Schema cpp = asArrowCppReadsIt(schema);
                    String change = PYARROW_CHANGES.get(name);
                    if (change == null) {
                        assertEquals(schema, cpp, name + ": Arrow C++ would read another schema than the gold one");
                    } else {
                        assertNotEquals(schema, cpp, name + " is listed as changed by Arrow C++ (" + change
                                + "), but C++ would read the gold schema unchanged");
                        assertEquals(cpp, schemaOf(expected, file), name + ": PyArrow's schema is not the one "
                                + "predicted from the gold schema (" + change + ")");
                    }
                    byte[] ours = rewrite(gold, file, s -> cpp);
                    String diff = IpcBytesDiff.describe(theirs, ours, file, "PyArrow", "Quiver");
                    if (diff != null) {
                        keep(expected, ours);
                        fail(name + (change == null ? "" : " (with the schema as C++ reads it)") + ": " + diff);
                    }
                }));
            }
        }
        return tests;
    }

    /**
     * The seed example of {@code quiver demo}, built from values by each library (Quiver as {@code DemoCommand}
     * does, PyArrow with {@code pa.array}): the same bytes, 904 as a stream (end-of-stream marker at 896) and 1,178 as
     * a file.
     */
    @Test
    void seedExampleAsPyArrowWritesIt(@TempDir Path tmp) throws Exception {
        Path stream = tmp.resolve("seed.pyarrow.stream");
        Path file = tmp.resolve("seed.pyarrow.arrow_file");
        PyArrow.run(PyArrow.SEED_SCRIPT, stream.toString(), file.toString());
        for (boolean isFile : new boolean[] {false, true}) {
            byte[] theirs = Files.readAllBytes(isFile ? file : stream);
            byte[] ours = DemoFilesTest.write(DemoFilesTest.seedBatches(), null, isFile);
            String diff = IpcBytesDiff.describe(theirs, ours, isFile, "PyArrow", "Quiver");
            if (diff != null) fail("seed " + (isFile ? "file" : "stream") + ": " + diff);
            assertEquals(isFile ? 1178 : 904, ours.length, "the sizes the seed tutorial prints");
        }
    }

    /**
     * The schema as Arrow C++ makes it of {@code s} when it reads it: dictionary ids renumbered depth first, one per
     * dictionary-encoded field, and map children named "entries", "key" and "value".
     */
    static Schema asArrowCppReadsIt(Schema s) {
        long[] nextId = {0};
        List<Field> fields = s.fields().stream().map(f -> asArrowCppReadsIt(f, nextId)).toList();
        return new Schema(fields, s.metadata(), s.endianness(), s.metadataPresent());
    }

    private static Field asArrowCppReadsIt(Field f, long[] nextId) {
        DictionaryEncoding d = f.dictionary();
        if (d != null) d = new DictionaryEncoding(nextId[0]++, d.indexType(), d.ordered());
        List<Field> children = f.children().stream().map(c -> asArrowCppReadsIt(c, nextId)).toList();
        if (f.type() instanceof ArrowType.Map && children.size() == 1 && children.get(0).children().size() == 2) {
            Field entries = children.get(0);
            children = List.of(new Field("entries", entries.type(), false,
                    List.of(entries.child(0).withName("key"), entries.child(1).withName("value")), null, null));
        }
        return new Field(f.name(), f.type(), f.nullable(), children, d, f.metadata());
    }

    private static Schema schemaOf(Path ipc, boolean file) throws IOException {
        try (RecordBatchReader r = file ? Ipc.openFile(ipc) : Ipc.openStream(ipc)) {
            return r.schema();
        }
    }

    /**
     * Quiver's side: reads the gold data and writes it again with the default options, under the schema
     * {@code schemaFor} makes of the gold one (batches keep their columns and message metadata; a file keeps its
     * footer metadata).
     */
    static byte[] rewrite(Path gold, boolean file, UnaryOperator<Schema> schemaFor) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (file) {
            try (RecordBatchFileReader r = Ipc.openFile(gold)) {
                Schema schema = schemaFor.apply(r.schema());
                try (RecordBatchFileWriter w = Ipc.newFile(out, schema, IpcWriteOptions.DEFAULT)) {
                    w.footerMetadata(r.footer().metadata(), r.footer().metadataPresent());
                    for (int i = 0; i < r.numRecordBatches(); i++) {
                        try (RecordBatch b = r.recordBatch(i)) {
                            w.write(withSchema(b, schema));
                        }
                    }
                }
            }
        } else {
            try (RecordBatchStreamReader r = Ipc.openStream(gold)) {
                Schema schema = schemaFor.apply(r.schema());
                try (RecordBatchStreamWriter w = Ipc.newStream(out, schema, IpcWriteOptions.DEFAULT)) {
                    for (RecordBatch next; (next = r.readNext()) != null; ) {
                        try (RecordBatch b = next) {
                            w.write(withSchema(b, schema));
                        }
                    }
                }
            }
        }
        return out.toByteArray();
    }

    /** The batch's columns and metadata under another schema of the same shape (borrowing, not owning, them). */
    private static RecordBatch withSchema(RecordBatch b, Schema schema) {
        if (schema.equals(b.schema())) return b;
        return new RecordBatch(schema, b.numRows(), b.columns(), b.metadata(), null, null);
    }

    /**
     * With {@code -Dquiver.identity.keep=DIR}, both outputs of a case that differs are copied to DIR, so the bytes
     * can be studied after the run.
     */
    private static void keep(Path pyarrow, byte[] quiver) throws IOException {
        String dir = System.getProperty("quiver.identity.keep");
        if (dir == null || dir.isBlank()) return;
        Path d = Files.createDirectories(Path.of(dir));
        Files.copy(pyarrow, d.resolve(pyarrow.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Files.write(d.resolve(pyarrow.getFileName().toString().replace(".pyarrow.", ".quiver.")), quiver);
    }

    private static Path target(Path tmp, GoldCases.Case c, boolean file) {
        return tmp.resolve(c.folder() + "-" + c.name() + ".pyarrow" + (file ? ".arrow_file" : ".stream"));
    }
}
