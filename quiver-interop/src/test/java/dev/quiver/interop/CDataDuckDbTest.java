package dev.quiver.interop;

import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.cdata.CData;
import dev.quiver.cdata.CDataStreamReader;
import dev.quiver.ipc.RecordBatchReader;
import dev.quiver.type.ArrowTimeUnit;
import dev.quiver.type.ArrowType;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DuckDB ({@code org.duckdb:duckdb_jdbc}, in-process) and Quiver through {@code ArrowArrayStream}: a Quiver stream
 * registered with DuckDB and queried with SQL, and a DuckDB query result read into Quiver batches.
 */
class CDataDuckDbTest {
    static final Schema SCHEMA = Schema.of(Field.nullable("id", ArrowTypes.INT64), Field.nullable("name", ArrowTypes.UTF8),
            Field.nullable("score", ArrowTypes.FLOAT64),
            Field.nullable("ts", new ArrowType.Timestamp(ArrowTimeUnit.MICROSECOND, "UTC")));

    /** A reader over batches built in memory, recording whether it was closed. */
    static final class ListReader implements RecordBatchReader {
        final Iterator<RecordBatch> batches;
        volatile boolean closed;

        ListReader(List<RecordBatch> batches) {
            this.batches = batches.iterator();
        }

        @Override public Schema schema() { return SCHEMA; }
        @Override public RecordBatch readNext() { return batches.hasNext() ? batches.next() : null; }
        @Override public void close() { closed = true; }
    }

    static RecordBatch batch(long from) {
        return RecordBatch.of(SCHEMA, List.of(
                Arrow.int64(from, from + 1, from + 2, null),
                Arrow.utf8("a" + from, null, "c" + from, "d" + from),
                Arrow.float64(0.5, 1.5, null, 3.5),
                Arrow.of(SCHEMA.field(3).type(), Arrays.asList(Instant.ofEpochSecond(from), null,
                        Instant.ofEpochSecond(from + 2), Instant.ofEpochSecond(from + 3)))));
    }

    @Test
    void duckDbQueriesAQuiverStream() throws Exception {
        int streams = CData.liveExportedStreams();
        int exports = CData.liveExports();
        ListReader reader = new ListReader(List.of(batch(0), batch(100), batch(200)));
        try (BufferAllocator allocator = new RootAllocator();
             Connection conn = DriverManager.getConnection("jdbc:duckdb:")) {
            try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
                CData.exportStream(reader, stream.memoryAddress());
                conn.unwrap(DuckDBConnection.class).registerArrowStream("quiver", stream);
                try (Statement st = conn.createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(*), count(id), sum(id), count(name), "
                             + "sum(score), max(name), min(epoch(ts)), count(ts) FROM quiver")) {
                    assertTrue(rs.next());
                    assertEquals(12, rs.getLong(1));
                    assertEquals(9, rs.getLong(2));
                    assertEquals(3 * (0 + 1 + 2) + 3 * 300, rs.getLong(3));
                    assertEquals(9, rs.getLong(4));
                    assertEquals(3 * 5.5, rs.getDouble(5), 0.0);
                    assertEquals("d200", rs.getString(6));
                    assertEquals(0.0, rs.getDouble(7), 0.0);
                    assertEquals(9, rs.getLong(8));
                }
            }
        }
        assertEquals(streams, CData.liveExportedStreams(), "DuckDB released the stream");
        assertEquals(exports, CData.liveExports(), "DuckDB released every batch");
        assertTrue(reader.closed, "the reader closes once DuckDB released the stream and its batches");
    }

    @Test
    void aDuckDbResultBecomesQuiverBatches() throws Exception {
        int imports = CData.liveImports();
        try (BufferAllocator allocator = new RootAllocator()) {
            try (Connection conn = DriverManager.getConnection("jdbc:duckdb:");
                 Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT i AS id, i * 0.5 AS half, 'v' || i AS label, "
                         + "CASE WHEN i % 3 = 0 THEN NULL ELSE i END AS sparse FROM range(0, 5000) t(i) ORDER BY i")) {
                List<RecordBatch> batches = new ArrayList<>();
                // DuckDB's result stream, as Arrow Java's reader, handed on as an ArrowArrayStream to Quiver
                // (the exported stream owns Arrow Java's reader: releasing the stream closes it)
                ArrowReader duck = (ArrowReader) rs.unwrap(DuckDBResultSet.class).arrowExportStream(allocator, 1024);
                try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
                    Data.exportArrayStream(allocator, duck, stream);
                    try (CDataStreamReader quiver = CData.importStream(stream.memoryAddress())) {
                        assertEquals(List.of("id", "half", "label", "sparse"),
                                quiver.schema().fields().stream().map(Field::name).toList());
                        for (RecordBatch b; (b = quiver.readNext()) != null; ) batches.add(b);
                    }
                }
                long rows = 0;
                long i = 0;
                for (RecordBatch b : batches) {
                    rows += b.numRows();
                    for (int r = 0; r < b.numRows(); r++, i++) {
                        assertEquals(i, b.column("id").getObject(r));
                        assertEquals(0, new java.math.BigDecimal(i).multiply(new java.math.BigDecimal("0.5"))
                                .compareTo(new java.math.BigDecimal(b.column("half").getObject(r).toString())));
                        assertEquals("v" + i, b.column("label").getObject(r));
                        if (i % 3 == 0) assertNull(b.column("sparse").getObject(r));
                        else assertEquals(i, ((Number) b.column("sparse").getObject(r)).longValue());
                    }
                    b.close();
                }
                assertEquals(5000, rows);
                assertTrue(batches.size() > 1, "several batches");
            }
            assertEquals(imports, CData.liveImports(), "every batch released to DuckDB");
            assertEquals(0, allocator.getAllocatedMemory());
        }
    }
}
