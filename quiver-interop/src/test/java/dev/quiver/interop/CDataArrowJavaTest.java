package dev.quiver.interop;

import dev.quiver.array.ArrayData;
import dev.quiver.array.RecordBatch;
import dev.quiver.cdata.CData;
import dev.quiver.cdata.CDataStreamReader;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.ipc.RecordBatchStreamReader;
import dev.quiver.json.IntegrationEquality;
import dev.quiver.type.Schema;
import org.apache.arrow.c.ArrowArray;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.ArrowSchema;
import org.apache.arrow.c.CDataDictionaryProvider;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Quiver and Apache Arrow Java 19 ({@code arrow-c-data}) exchange every gold case both can handle through the C Data
 * Interface, with no IPC in between:
 * <ul>
 *   <li>Quiver reads the gold stream and exports it as an {@code ArrowArrayStream}; Arrow Java imports the stream and
 *   its batches equal Arrow Java's own reading of the case's JSON (schema, values, dictionaries);</li>
 *   <li>Arrow Java reads the gold stream itself and exports it; Quiver imports it, and its batches equal the JSON as
 *   Quiver reads it;</li>
 *   <li>zero copy both ways: a batch exported by one side is seen by the other at the same buffer addresses.</li>
 * </ul>
 * No leak: Arrow Java's allocator ends with 0 bytes outstanding (closing it would fail otherwise), every Quiver
 * export is released and every Quiver import released to Arrow Java.
 */
class CDataArrowJavaTest {
    @TempDir
    Path tmp;

    @TestFactory
    List<DynamicTest> quiverToArrowJava() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldCases.Case c : GoldCases.supported(GoldCases.Direction.QUIVER_WRITES)) {
            tests.add(DynamicTest.dynamicTest(c.toString(), () -> quiverToArrowJava(c)));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> arrowJavaToQuiver() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldCases.Case c : GoldCases.supported(GoldCases.Direction.ARROW_JAVA_WRITES)) {
            tests.add(DynamicTest.dynamicTest(c.toString(), () -> arrowJavaToQuiver(c)));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> zeroCopy() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldCases.Case c : GoldCases.supported(GoldCases.Direction.QUIVER_WRITES)) {
            tests.add(DynamicTest.dynamicTest(c + " (Quiver to Arrow Java)", () -> zeroCopyToArrowJava(c)));
        }
        for (GoldCases.Case c : GoldCases.supported(GoldCases.Direction.ARROW_JAVA_WRITES)) {
            tests.add(DynamicTest.dynamicTest(c + " (Arrow Java to Quiver)", () -> zeroCopyToQuiver(c)));
        }
        return tests;
    }

    void quiverToArrowJava(GoldCases.Case c) throws Exception {
        int exports = CData.liveExports();
        int streams = CData.liveExportedStreams();
        try (BufferAllocator allocator = new RootAllocator();
             ArrowJava.Json expected = ArrowJava.readGoldJson(allocator, c, tmp)) {
            RecordBatchStreamReader quiver = Ipc.openStream(c.stream());
            try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
                CData.exportStream(quiver, stream.memoryAddress());
                try (ArrowReader reader = Data.importArrayStream(allocator, stream)) {
                    if (comparableByArrowJava(expected, c)) ArrowJava.assertSameAs(expected, reader);
                    else bounceBack(allocator, reader, c);
                }
            }
            expected.close();
            assertEquals(0, allocator.getAllocatedMemory(), "Arrow Java's allocator: bytes outstanding");
        }
        assertEquals(streams, CData.liveExportedStreams(), "the exported stream was released");
        assertEquals(exports, CData.liveExports(), "every exported batch was released");
    }

    /**
     * Whether Arrow Java's own comparison applies: not with dictionaries (the C Data Interface carries no dictionary
     * ids, so Arrow Java numbers them itself, and names the dictionary fields differently from its JSON reader), nor
     * with map entries not named entries/key/value (its JSON reader renames them, the C Data Interface keeps them).
     */
    static boolean comparableByArrowJava(ArrowJava.Json expected, GoldCases.Case c) {
        return ArrowJava.encodings(expected.schema().getFields()).isEmpty() && !c.name().equals("map_non_canonical");
    }

    /**
     * The values Arrow Java imported, checked where its own comparison cannot: after Arrow Java's validation of each
     * batch, it exports the batch (and its dictionaries) back to Quiver, and Quiver compares them with the JSON, ids
     * and entry names aside (as Arrow's integration tests compare).
     */
    static void bounceBack(BufferAllocator allocator, ArrowReader reader, GoldCases.Case c) throws Exception {
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        Schema schema;
        try (ArrowSchema s = ArrowSchema.allocateNew(allocator)) {
            Data.exportSchema(allocator, root.getSchema(), reader, s);
            schema = CData.importSchema(s.memoryAddress());
        }
        List<RecordBatch> batches = new ArrayList<>();
        try {
            while (reader.loadNextBatch()) {
                ArrowJava.validate(root);
                try (ArrowArray a = ArrowArray.allocateNew(allocator)) {
                    Data.exportVectorSchemaRoot(allocator, root, reader, a);
                    batches.add(CData.importBatch(java.lang.foreign.MemorySegment.ofAddress(a.memoryAddress()), schema));
                }
            }
            if (GoldCases.excluded(c, GoldCases.Direction.ARROW_JAVA_WRITES)) {
                // Arrow Java cannot give this case back as it is (see GoldCases: nested_dictionary, ARROW-7779): its
                // batches passed its own validation above; their row counts are checked here
                var expected = GoldCases.quiverJson(c).batches();
                assertEquals(expected.size(), batches.size(), "batches");
                for (int i = 0; i < batches.size(); i++) {
                    assertEquals(expected.get(i).length(), batches.get(i).numRows(), "rows of batch " + i);
                }
            } else {
                String diff = IntegrationEquality.compare(GoldCases.quiverJson(c), schema, batches);
                if (diff != null) fail(diff);
            }
        } finally {
            for (RecordBatch b : batches) b.close();
        }
    }

    void arrowJavaToQuiver(GoldCases.Case c) throws Exception {
        int imports = CData.liveImports();
        try (BufferAllocator allocator = new RootAllocator()) {
            List<RecordBatch> batches;
            Schema schema;
            try (InputStream in = Files.newInputStream(c.stream());
                 ArrowStreamReader reader = new ArrowStreamReader(in, allocator, ArrowJava.CODECS);
                 ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
                Data.exportArrayStream(allocator, reader, stream);
                try (CDataStreamReader quiver = CData.importStream(stream.memoryAddress())) {
                    schema = quiver.schema();
                    batches = new ArrayList<>(quiver.readAll().batches());
                }
                String diff = IntegrationEquality.compare(GoldCases.quiverJson(c), schema, batches);
                if (diff != null) fail(diff);
                for (RecordBatch b : batches) b.close();
            }
            assertEquals(imports, CData.liveImports(), "every import released to Arrow Java");
            assertEquals(0, allocator.getAllocatedMemory(), "Arrow Java's allocator: bytes outstanding");
        }
    }

    /** Quiver exports each batch of the gold file; Arrow Java's vectors point at Quiver's buffers. */
    void zeroCopyToArrowJava(GoldCases.Case c) throws Exception {
        int exports = CData.liveExports();
        try (BufferAllocator allocator = new RootAllocator();
             RecordBatchFileReader quiver = Ipc.openFile(c.file());
             CDataDictionaryProvider dictionaries = new CDataDictionaryProvider()) {
            org.apache.arrow.vector.types.pojo.Schema javaSchema;
            try (ArrowSchema s = ArrowSchema.allocateNew(allocator)) {
                CData.exportSchema(quiver.schema(), s.memoryAddress());
                javaSchema = Data.importSchema(allocator, s, dictionaries);
            }
            long rows = 0;
            int compared = 0;
            try (VectorSchemaRoot root = VectorSchemaRoot.create(javaSchema, allocator)) {
                for (RecordBatch b; (b = quiver.readNext()) != null; ) {
                    rows += b.numRows();
                    try (ArrowArray a = ArrowArray.allocateNew(allocator)) {
                        CData.exportBatch(b, a.memoryAddress());
                        Data.importIntoVectorSchemaRoot(allocator, a, root, dictionaries);
                    }
                    for (int i = 0; i < b.numColumns(); i++) {
                        compared += sameAddresses(b.column(i).data(), root.getVector(i),
                                c + "/" + b.schema().field(i).name());
                    }
                }
            }
            assertCompared(c, rows, compared);
        }
        assertEquals(exports, CData.liveExports(), "every export released by Arrow Java");
    }

    /** Arrow Java exports each batch it read from the gold file; Quiver's segments point at Arrow Java's buffers. */
    void zeroCopyToQuiver(GoldCases.Case c) throws Exception {
        int imports = CData.liveImports();
        try (BufferAllocator allocator = new RootAllocator()) {
            try (FileChannel ch = FileChannel.open(c.file(), StandardOpenOption.READ);
                 ArrowFileReader reader = new ArrowFileReader(ch, allocator, ArrowJava.CODECS)) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                Schema schema;
                try (ArrowSchema s = ArrowSchema.allocateNew(allocator)) {
                    Data.exportSchema(allocator, root.getSchema(), reader, s);
                    schema = CData.importSchema(s.memoryAddress());
                }
                long rows = 0;
                int compared = 0;
                while (reader.loadNextBatch()) {
                    rows += root.getRowCount();
                    try (ArrowArray a = ArrowArray.allocateNew(allocator)) {
                        Data.exportVectorSchemaRoot(allocator, root, reader, a);
                        try (RecordBatch b = CData.importBatch(
                                java.lang.foreign.MemorySegment.ofAddress(a.memoryAddress()), schema)) {
                            for (int i = 0; i < b.numColumns(); i++) {
                                compared += sameAddresses(b.column(i).data(), root.getVector(i),
                                        c + "/" + schema.field(i).name());
                            }
                        }
                    }
                }
                assertCompared(c, rows, compared);
            }
            assertEquals(imports, CData.liveImports());
            assertEquals(0, allocator.getAllocatedMemory(), "Arrow Java's allocator: bytes outstanding");
        }
    }

    /**
     * Every non-empty buffer Quiver sees starts where Arrow Java's vector's buffer starts (children recursively; the
     * views' variadic sizes buffer, which Arrow Java makes for the export, aside).
     */
    static int sameAddresses(ArrayData q, FieldVector v, String where) {
        List<ArrowBuf> bufs = v.getFieldBuffers();
        int n = Math.min(q.bufferCount(), bufs.size());
        int checked = 0;
        for (int i = 0; i < n; i++) {
            if (q.buffer(i).byteSize() == 0 || bufs.get(i).capacity() == 0) continue;
            assertEquals(bufs.get(i).memoryAddress(), q.buffer(i).address(), where + ": buffer " + i + " is shared");
            checked++;
        }
        List<FieldVector> children = v.getChildrenFromFields();
        if (q.dictionary() == null && children.size() == q.childCount()) {
            for (int i = 0; i < children.size(); i++) {
                checked += sameAddresses(q.child(i), children.get(i), where + "." + i);
            }
        }
        return checked;
    }

    /** Cases with rows of data must have had buffers compared. */
    static void assertCompared(GoldCases.Case c, long rows, int compared) {
        if (rows > 0 && !c.name().startsWith("null")) {
            assertTrue(compared > 0, c + ": no buffer address was compared");
        }
    }
}
