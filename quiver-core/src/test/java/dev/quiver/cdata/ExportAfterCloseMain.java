package dev.quiver.cdata;

import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.json.IntegrationEquality;
import dev.quiver.json.IntegrationJson;
import dev.quiver.type.Schema;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Child JVM of {@link CDataRetainTest}: exports every batch of a gold file (mapped), closes the batches and the reader,
 * runs the collector, and only then imports the exports and compares them with the JSON. Were the mapping unmapped
 * at close, reading would crash this JVM. Exits 0 when everything matches and is released.
 */
public final class ExportAfterCloseMain {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Path json = Path.of(args[1]);
        List<MemorySegment> exported = new ArrayList<>();
        Schema schema;
        Arena structs = Arena.ofShared();
        try (RecordBatchFileReader r = Ipc.openFile(file)) {
            schema = r.schema();
            for (RecordBatch b; (b = r.readNext()) != null; ) {
                MemorySegment a = CData.allocateArray(structs);
                CData.exportBatch(b, a);
                b.close();
                exported.add(a);
            }
        }
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        List<RecordBatch> back = new ArrayList<>();
        for (MemorySegment a : exported) back.add(CData.importBatch(a, schema));
        String diff = IntegrationEquality.compare(IntegrationJson.read(json), schema, back);
        if (diff != null) throw new AssertionError(diff);
        for (RecordBatch b : back) b.close();
        if (CData.liveExports() != 0) throw new AssertionError(CData.liveExports() + " exports left");
        System.out.println("ok " + back.size() + " batches");
    }
}
