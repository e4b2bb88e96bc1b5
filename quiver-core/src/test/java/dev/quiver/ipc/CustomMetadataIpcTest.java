package dev.quiver.ipc;

import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.type.ArrowType;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import dev.quiver.type.ArrowTypes;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Custom metadata of record batch messages (a batch's own key/values), of the file footer, of the schema and of
 * fields, written and read back; duplicate field names survive the round trip.
 */
class CustomMetadataIpcTest {
    private static final Schema SCHEMA = Schema.of(Field.nullable("x", ArrowTypes.INT32).withMetadata(Map.of("unit", "m")))
            .withMetadata(Map.of("origin", "test"));

    private static RecordBatch batch(Map<String, String> metadata) {
        return RecordBatch.builder().add(SCHEMA.field(0), Arrow.int32(1, null, 3))
                .schemaMetadata(SCHEMA.metadata()).metadata(metadata).build();
    }

    @Test
    void recordBatchMetadataRoundTripsInStreamsAndFiles() throws IOException {
        Map<String, String> first = new LinkedHashMap<>();
        first.put("batch", "0");
        first.put("é", "ünïcode ✓");
        first.put("empty", "");
        for (boolean file : new boolean[] {false, true}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (RecordBatchStreamWriter w = file ? Ipc.newFile(out, SCHEMA, IpcWriteOptions.DEFAULT)
                    : Ipc.newStream(out, SCHEMA, IpcWriteOptions.DEFAULT)) {
                w.write(batch(first));
                w.write(batch(Map.of()));
                w.write(batch(first), Map.of("override", "yes"));
                w.write(batch(first).slice(1, 2));
            }
            List<RecordBatch> read = IpcNestedRoundTripTest.read(out.toByteArray(), file);
            assertEquals(List.of(first, Map.of(), Map.of("override", "yes"), first),
                    read.stream().map(RecordBatch::metadata).toList());
            assertEquals(List.of("batch", "é", "empty"), List.copyOf(read.get(0).metadata().keySet()), "order kept");
            assertEquals(SCHEMA, read.get(0).schema());
            // the metadata is in the message itself
            var layout = Inspector.stream(java.lang.foreign.MemorySegment.ofArray(out.toByteArray()), file ? 8 : 0,
                    IpcLimits.DEFAULT);
            assertEquals(Map.of("override", "yes"), layout.messages().get(3).message().metadata());
        }
    }

    @Test
    void footerMetadataRoundTrips() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> footer = new LinkedHashMap<>();
        footer.put("writer", "quiver");
        footer.put("rows", "3");
        try (RecordBatchFileWriter w = Ipc.newFile(out, SCHEMA, IpcWriteOptions.DEFAULT).footerMetadata(footer)) {
            w.write(batch(Map.of()));
        }
        try (RecordBatchFileReader r = Ipc.openFile(out.toByteArray())) {
            assertEquals(footer, r.footerMetadata());
            assertEquals(List.of("writer", "rows"), List.copyOf(r.footerMetadata().keySet()));
            assertEquals(Map.of(), r.recordBatch(0).metadata());
        }
        out.reset();
        try (RecordBatchFileWriter w = Ipc.newFile(out, SCHEMA, IpcWriteOptions.DEFAULT)) {
            w.write(batch(Map.of()));
        }
        try (RecordBatchFileReader r = Ipc.openFile(out.toByteArray())) {
            assertEquals(Map.of(), r.footerMetadata());
        }
    }

    @Test
    void duplicateFieldNamesRoundTrip() throws IOException {
        Field struct = new Field("s", new ArrowType.Struct(), true,
                List.of(Field.nullable("a", ArrowTypes.INT32), Field.nullable("a", ArrowTypes.UTF8)), null, null);
        Schema schema = Schema.of(Field.nullable("dup", ArrowTypes.INT32), Field.nullable("dup", ArrowTypes.UTF8), struct);
        RecordBatch b = RecordBatch.of(schema, List.of(Arrow.int32(1, 2), Arrow.utf8("p", null),
                Arrow.of(struct, java.util.Arrays.asList(List.of(7, "seven"), null))));
        for (boolean file : new boolean[] {false, true}) {
            List<RecordBatch> read = IpcNestedRoundTripTest.read(
                    IpcNestedRoundTripTest.write(schema, List.of(b), file, IpcWriteOptions.DEFAULT), file);
            IpcNestedRoundTripTest.compareAll(List.of(b), read);
            assertEquals(List.of("dup", "dup", "s"), read.get(0).schema().fields().stream().map(Field::name).toList());
            assertEquals(List.of("a", "a"), read.get(0).schema().field(2).children().stream().map(Field::name).toList());
            assertEquals(2, read.get(0).column(0).getObject(1));
            assertEquals("p", read.get(0).column(1).getObject(0));
            assertEquals(List.of(7, "seven"), read.get(0).column(2).getObject(0));
        }
    }
}
