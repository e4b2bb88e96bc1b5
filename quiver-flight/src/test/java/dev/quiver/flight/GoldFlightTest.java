package dev.quiver.flight;

import dev.quiver.array.ArrayEquality;
import dev.quiver.array.RecordBatch;
import dev.quiver.compress.CompressionType;
import dev.quiver.flight.directory.DirectoryFlightProducer;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchReader;
import dev.quiver.ipc.RecordBatchStreamReader;
import dev.quiver.testing.TestData;
import dev.quiver.type.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Every gold case of the Arrow test data through Flight, Quiver client against Quiver server: uploaded with DoPut
 * and downloaded with DoGet, echoed through DoExchange (each with no compression, LZ4 and ZSTD bodies), and served
 * straight from the mapped .arrow_file and .stream by the directory server. Every value read back equals what
 * Quiver reads from the gold file.
 */
class GoldFlightTest {
    static final CompressionType[] CODECS = {null, CompressionType.LZ4_FRAME, CompressionType.ZSTD};
    static final List<FlightServer> servers = new ArrayList<>();
    static final List<FlightClient> clients = new ArrayList<>();
    static final List<MemoryProducer> producers = new ArrayList<>();
    static FlightServer directoryServer;
    static FlightClient directoryClient;

    @BeforeAll
    static void start() throws Exception {
        for (CompressionType codec : CODECS) {
            IpcWriteOptions w = IpcWriteOptions.DEFAULT.withCompression(codec);
            MemoryProducer p = new MemoryProducer();
            FlightServer s = FlightServer.builder(p).writeOptions(w).start();
            producers.add(p);
            servers.add(s);
            clients.add(FlightClient.connect(s.location().uri(), FlightClientOptions.DEFAULT.withWrite(w)));
        }
        directoryServer = FlightServer.builder(new DirectoryFlightProducer(TestData.root().resolve("integration"),
                DirectoryFlightProducer.Options.DEFAULT.withBatchesPerEndpoint(2))).start();
        directoryClient = FlightClient.connect(directoryServer.location().uri());
    }

    @AfterAll
    static void stop() {
        clients.forEach(FlightClient::close);
        servers.forEach(FlightServer::close);
        if (directoryClient != null) directoryClient.close();
        if (directoryServer != null) directoryServer.close();
    }

    @TestFactory
    List<DynamicTest> everyGoldCase() {
        List<DynamicTest> tests = new ArrayList<>();
        for (TestData.GoldCase c : TestData.goldCases()) {
            tests.add(DynamicTest.dynamicTest(c + " DoPut/DoGet/DoExchange", () -> putGetExchange(c)));
            tests.add(DynamicTest.dynamicTest(c + " from the mapped file and stream", () -> servedFromFiles(c)));
        }
        return tests;
    }

    private static void putGetExchange(TestData.GoldCase c) throws Exception {
        try (RecordBatchStreamReader r = Ipc.openStream(c.stream())) {
            List<RecordBatch> original = r.readAll().batches();
            Schema schema = r.schema();
            for (int k = 0; k < CODECS.length; k++) {
                String what = c + " / " + (CODECS[k] == null ? "uncompressed" : CODECS[k]);
                FlightClient client = clients.get(k);
                try (FlightPutWriter w = client.doPut(FlightDescriptor.path(c.toString()), schema)) {
                    w.writeAll(original);
                    assertEquals(original.size(), w.finish().size(), what + ": one ack per batch");
                }
                try (FlightStreamReader got = client.doGet(Ticket.of(c.toString()))) {
                    assertSame(what + " DoGet", schema, original, got);
                }
                producers.get(k).flights.remove(c.toString());
                try (FlightExchange x = client.doExchange(FlightDescriptor.command("echo"))) {
                    x.writer().begin(schema);
                    for (RecordBatch b : original) {
                        x.writer().write(b);
                        // read each echo before writing on, so neither side waits for the other
                        assertNull(ArrayEquality.compare(b, x.reader().readNext()), what + " DoExchange");
                    }
                    x.writer().doneWriting();
                    assertNull(x.reader().readNext());
                    if (original.isEmpty()) assertEquals(schema, x.reader().schemaIfKnown());
                }
            }
        }
    }

    private static void servedFromFiles(TestData.GoldCase c) throws Exception {
        for (Path f : List.of(c.file(), c.stream())) {
            boolean isFile = f.equals(c.file());
            try (RecordBatchReader r = isFile ? Ipc.openFile(f) : Ipc.openStream(f)) {
                // what Quiver reads from the same file (the gold .stream and .arrow_file of a case may differ in names)
                List<RecordBatch> original = r.readAll().batches();
                Schema schema = r.schema();
                String name = c.folder() + "/" + f.getFileName();
                FlightInfo info = directoryClient.getFlightInfo(FlightDescriptor.path(name));
                assertEquals(schema, info.schema(), name + ": schema");
                long rows = 0;
                for (RecordBatch b : original) rows += b.numRows();
                assertEquals(rows, info.totalRecords(), name + ": rows");
                assertEquals(Math.max(1, (original.size() + 1) / 2), info.endpoints().size(), name + ": endpoints of 2 batches");
                List<RecordBatch> got = new ArrayList<>();
                List<FlightStreamReader> readers = new ArrayList<>();
                try {
                    for (FlightEndpoint e : info.endpoints()) {
                        FlightStreamReader rd = directoryClient.doGet(e.ticket());
                        readers.add(rd);
                        assertEquals(schema, rd.schema(), name);
                        for (RecordBatch b; (b = rd.readNext()) != null; ) got.add(b);
                    }
                    assertEquals(original.size(), got.size(), name + ": batches");
                    for (int i = 0; i < original.size(); i++) {
                        assertNull(ArrayEquality.compare(original.get(i), got.get(i)), name + ": batch " + i);
                        assertEquals(original.get(i).metadata(), got.get(i).metadata(), name + ": batch metadata");
                    }
                } finally {
                    for (FlightStreamReader rd : readers) rd.close();
                }
            }
        }
    }

    static void assertSame(String what, Schema schema, List<RecordBatch> expected, FlightStreamReader got) {
        assertEquals(schema, got.schema(), what + ": schema");
        List<RecordBatch> back = new ArrayList<>();
        for (RecordBatch b; (b = got.readNext()) != null; ) back.add(b);
        assertEquals(expected.size(), back.size(), what + ": batches");
        for (int i = 0; i < expected.size(); i++) {
            assertNull(ArrayEquality.compare(expected.get(i), back.get(i)), what + ": batch " + i);
            assertEquals(expected.get(i).metadata(), back.get(i).metadata(), what + ": batch metadata");
        }
    }
}
