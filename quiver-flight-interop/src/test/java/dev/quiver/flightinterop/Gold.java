package dev.quiver.flightinterop;

import dev.quiver.array.ArrayEquality;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.RecordBatchReader;
import dev.quiver.testing.TestData;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What Quiver reads from the gold files, and comparisons with it. */
final class Gold {
    private Gold() {}

    record Read(Schema schema, List<RecordBatch> batches) {}

    static Read stream(TestData.GoldCase c) throws Exception {
        return read(c.stream(), false);
    }

    static Read read(Path p, boolean file) throws Exception {
        try (RecordBatchReader r = file ? Ipc.openFile(p) : Ipc.openStream(p)) {
            List<RecordBatch> batches = new ArrayList<>();
            for (RecordBatch b : r.readAll().batches()) batches.add(b.detach());
            return new Read(r.schema(), batches);
        }
    }

    /** The cases as "folder/name" lines. */
    static String lines(List<TestData.GoldCase> cases) {
        StringBuilder sb = new StringBuilder();
        for (TestData.GoldCase c : cases) sb.append(c).append('\n');
        return sb.toString();
    }

    /**
     * The schema with every dictionary id 0: ids are the writer's to choose (PyArrow numbers its dictionaries
     * itself, and gives the two columns of the shared-dictionary case a dictionary each), so schemas that crossed
     * a PyArrow or Arrow Java writer are compared without them; the values, dictionaries decoded, are compared
     * in full.
     */
    static Schema withoutDictionaryIds(Schema s) {
        return new Schema(s.fields().stream().map(Gold::withoutDictionaryIds).toList(), s.metadata(), s.endianness());
    }

    private static Field withoutDictionaryIds(Field f) {
        Field g = f.withChildren(f.children().stream().map(Gold::withoutDictionaryIds).toList());
        if (f.dictionary() == null) return g;
        DictionaryEncoding d = f.dictionary();
        return new Field(g.name(), g.type(), g.nullable(), g.children(),
                new DictionaryEncoding(0, d.indexType(), d.ordered()), g.metadata());
    }

    static void assertSame(String what, Read expected, Schema schema, List<RecordBatch> got) {
        assertEquals(withoutDictionaryIds(expected.schema()), withoutDictionaryIds(schema), what + ": schema");
        assertEquals(expected.batches().size(), got.size(), what + ": batches");
        for (int i = 0; i < got.size(); i++) assertNull(compare(expected.batches().get(i), got.get(i)), what + ": batch " + i);
    }

    /** Null when the batches hold the same values (schemas equal but for dictionary ids), else the difference. */
    static String compare(RecordBatch expected, RecordBatch got) {
        if (!withoutDictionaryIds(expected.schema()).equals(withoutDictionaryIds(got.schema()))) {
            return ArrayEquality.compare(withoutDictionaryIds(expected.schema()), withoutDictionaryIds(got.schema()));
        }
        if (expected.numRows() != got.numRows()) return "rows: expected " + expected.numRows() + ", got " + got.numRows();
        for (int c = 0; c < expected.numColumns(); c++) {
            String d = ArrayEquality.compare(expected.schema().field(c), expected.column(c).data(), got.column(c).data());
            if (d != null) return d;
        }
        return null;
    }
}
