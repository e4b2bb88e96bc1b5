package dev.quiver.cdata;

import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.testing.ChildJvm;
import dev.quiver.testing.TestData;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** An exported batch keeps its memory (and its reader's) until the consumer releases it, whoever closes what. */
class CDataRetainTest {

    @Test
    void closingTheBatchAndReaderWaitsForTheRelease() {
        for (String name : List.of("primitive", "nested", "dictionary", "binary_view")) {
            TestData.GoldCase c = new TestData.GoldCase("cpp-21.0.0", name);
            ChildJvm.run(ChildJvm.main(ExportAfterCloseMain.class, c.file().toString(), c.json().toString()))
                    .assertSucceeded();
        }
    }

    @Test
    void aClosedBatchIsUnreadableFromJavaButItsExportStaysReadable() throws Exception {
        TestData.GoldCase c = new TestData.GoldCase("cpp-21.0.0", "primitive");
        try (Arena structs = Arena.ofConfined()) {
            MemorySegment a = CData.allocateArray(structs);
            RecordBatch b;
            try (RecordBatchFileReader r = Ipc.openFile(c.file())) {
                b = r.readNext();
                CData.exportBatch(b, a);
                b.close();
            }
            assertThrows(IllegalStateException.class, () -> b.column(1), "closed for Java");
            assertThrows(IllegalStateException.class, () -> CData.exportBatch(b, CData.allocateArray(structs)),
                    "a closed batch cannot be exported");
            // reading the export after the closes happens in the child JVM above; here it is released unread
            int live = CData.liveExports();
            CStructs.callRelease(a, CStructs.A_RELEASE);
            assertEquals(live - 1, CData.liveExports());
        }
    }
}
