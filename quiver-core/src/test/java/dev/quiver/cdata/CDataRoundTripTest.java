package dev.quiver.cdata;

import dev.quiver.array.ArrayData;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.ipc.RecordBatchStreamReader;
import dev.quiver.json.IntegrationEquality;
import dev.quiver.json.IntegrationJson;
import dev.quiver.json.JsonFile;
import dev.quiver.testing.TestData;
import dev.quiver.type.Schema;
import dev.quiver.validate.ValidationLevel;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every gold case exported through the C Data Interface and imported back: the schema and every value equal the
 * case's JSON, the imported buffers are the exported ones (same addresses: no copy), and once the imported batches
 * close every export is released and no import is left open.
 */
class CDataRoundTripTest {

    @TestFactory
    List<DynamicTest> batchesRoundTrip() {
        List<DynamicTest> tests = new ArrayList<>();
        for (TestData.GoldCase c : TestData.goldCases()) {
            tests.add(DynamicTest.dynamicTest(c + " (batches)", () -> batches(c)));
            tests.add(DynamicTest.dynamicTest(c + " (stream)", () -> stream(c)));
        }
        return tests;
    }

    static void batches(TestData.GoldCase c) throws Exception {
        JsonFile expected = IntegrationJson.read(c.json());
        int exportsBefore = CData.liveExports();
        int importsBefore = CData.liveImports();
        List<RecordBatch> imported = new ArrayList<>();
        Schema schema;
        try (RecordBatchFileReader r = Ipc.openFile(c.file()); Arena structs = Arena.ofConfined()) {
            MemorySegment s = CData.allocateSchema(structs);
            CData.exportSchema(r.schema(), s);
            schema = CData.importSchema(s);
            assertTrue(CData.isReleased(s, CData.StructKind.SCHEMA));
            for (RecordBatch b; (b = r.readNext()) != null; ) {
                MemorySegment a = CData.allocateArray(structs);
                CData.exportBatch(b, a);
                RecordBatch back = CData.importBatch(a, schema, ValidationLevel.FULL);
                assertTrue(CData.isReleased(a, CData.StructKind.ARRAY), "import moves the structure");
                for (int i = 0; i < b.numColumns(); i++) sameBuffers(b.column(i).data(), back.column(i).data());
                imported.add(back);
            }
            String diff = IntegrationEquality.compare(expected, schema, imported);
            if (diff != null) fail(diff);
            for (RecordBatch b : imported) b.close();
        }
        assertEquals(exportsBefore, CData.liveExports(), "every export released");
        assertEquals(importsBefore, CData.liveImports(), "every import released");
    }

    static void stream(TestData.GoldCase c) throws Exception {
        JsonFile expected = IntegrationJson.read(c.json());
        int streamsBefore = CData.liveExportedStreams();
        int exportsBefore = CData.liveExports();
        try (Arena structs = Arena.ofConfined()) {
            MemorySegment st = CData.allocateStream(structs);
            RecordBatchStreamReader source = Ipc.openStream(c.stream());
            CData.exportStream(source, st);
            List<RecordBatch> batches;
            Schema schema;
            try (CDataStreamReader in = CData.importStream(st, ValidationLevel.FULL)) {
                schema = in.schema();
                batches = new ArrayList<>(in.readAll().batches());
            }
            // the stream is released, but its batches stay valid until they close
            String diff = IntegrationEquality.compare(expected, schema, batches);
            if (diff != null) fail(diff);
            for (RecordBatch b : batches) b.close();
        }
        assertEquals(streamsBefore, CData.liveExportedStreams(), "stream released");
        assertEquals(exportsBefore, CData.liveExports(), "every batch released");
    }

    /** Native buffers are shared: the imported segment starts at the exported one's address. */
    static void sameBuffers(ArrayData exported, ArrayData imported) {
        for (int i = 0; i < exported.bufferCount(); i++) {
            MemorySegment e = exported.buffer(i);
            MemorySegment m = imported.buffer(i);
            if (e.isNative() && e.byteSize() > 0 && m.byteSize() > 0) {
                assertEquals(e.address(), m.address(), "buffer " + i + " of " + exported + " is shared, not copied");
            }
        }
        for (int i = 0; i < exported.childCount(); i++) sameBuffers(exported.child(i), imported.child(i));
        if (exported.dictionary() != null) sameBuffers(exported.dictionary(), imported.dictionary());
    }
}
