package dev.quiver.cli;

import dev.quiver.array.ArrayEquality;
import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.flight.FlightServer;
import dev.quiver.flight.directory.DirectoryFlightProducer;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.RecordBatchFileWriter;
import dev.quiver.ipc.RecordBatchReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code quiver flight serve|list|info|get|put}. */
class FlightCommandTest {
    @TempDir
    static Path dir;
    static Path served;
    static FlightServer server;
    static String uri;
    static final List<RecordBatch> batches = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        served = Files.createDirectories(dir.resolve("served"));
        for (int i = 0; i < 5; i++) {
            batches.add(RecordBatch.builder().add("n", Arrow.int32(i, i + 1)).add("s", Arrow.utf8("a" + i, null)).build());
        }
        try (RecordBatchFileWriter w = Ipc.newFile(served.resolve("five.arrow"), batches.get(0).schema())) {
            w.writeAll(batches);
        }
        server = FlightServer.builder(new DirectoryFlightProducer(served,
                DirectoryFlightProducer.Options.DEFAULT.withBatchesPerEndpoint(2))).start();
        uri = server.location().uri();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void assertSameBatches(Path file) throws Exception {
        try (RecordBatchReader r = file.toString().endsWith(".arrow") ? Ipc.openFile(file) : Ipc.openStream(file)) {
            List<RecordBatch> got = r.readAll().batches();
            assertEquals(batches.size(), got.size());
            for (int i = 0; i < got.size(); i++) assertNull(ArrayEquality.compare(batches.get(i), got.get(i)));
        }
    }

    @Test
    void listAndInfo() {
        Cli list = Cli.run("flight", "list", uri);
        assertEquals(0, list.exit(), list.toString());
        assertTrue(list.out().startsWith("path five.arrow  10 rows  " + fileSize() + " bytes  3 endpoints\n"), list.out());
        Cli info = Cli.run("flight", "info", uri, "five.arrow");
        assertEquals(0, info.exit(), info.toString());
        assertTrue(info.out().startsWith("descriptor: path five.arrow\nrows: 10\nbytes: " + fileSize() + "\nordered: true\nschema:\n"),
                info.out());
        assertTrue(info.out().contains("endpoints: 3\n  ticket quiver-dir/1 0 2 five.arrow\n"), info.out());
    }

    static long fileSize() {
        try {
            return Files.size(served.resolve("five.arrow"));
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    @Test
    void getDownloadsEveryEndpointInOrder() throws Exception {
        for (String name : List.of("got.arrow", "got.arrows")) {
            Path out = dir.resolve(name);
            Cli get = Cli.run("flight", "get", uri, "five.arrow", out, "--parallel", "3");
            assertEquals(0, get.exit(), get.toString());
            assertEquals("wrote 5 batches, 10 rows to " + out + "\n", get.out());
            assertEquals("", get.err(), "no progress when standard error is no terminal");
            assertSameBatches(out);
        }
    }

    @Test
    void putUploadsAFileOrAStream() throws Exception {
        Path stream = dir.resolve("up.arrows");
        try (var w = Ipc.newStream(stream, batches.get(0).schema(), dev.quiver.ipc.IpcWriteOptions.DEFAULT)) {
            w.writeAll(batches);
        }
        Cli put = Cli.run("flight", "put", uri, stream, "uploads/up.arrow");
        assertEquals(0, put.exit(), put.toString());
        assertEquals("stored 5 batches, 10 rows as uploads/up.arrow\n", put.out());
        assertSameBatches(served.resolve("uploads/up.arrow"));
        Cli again = Cli.run("flight", "put", uri, served.resolve("five.arrow"));
        assertEquals(1, again.exit(), again.toString());
        assertEquals("quiver: ALREADY_EXISTS: five.arrow exists already\n", again.err());
    }

    @Test
    void failedCallsSayWhy() {
        Cli info = Cli.run("flight", "info", uri, "missing.arrow");
        assertEquals(1, info.exit());
        assertEquals("quiver: NOT_FOUND: no flight missing.arrow\n", info.err());
    }

    @Test
    void serveStartsADirectoryServer() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Thread t = new Thread(() -> Main.run(java.io.InputStream.nullInputStream(), out,
                java.io.OutputStream.nullOutputStream(), "flight", "serve", served.toString(), "--port", "0",
                "--token", "tok"));
        t.setDaemon(true); // serves until the test JVM ends
        t.start();
        long until = System.nanoTime() + 30_000_000_000L;
        while (!out.toString().contains("\n") && System.nanoTime() < until) Thread.sleep(20);
        String line = out.toString().trim();
        assertTrue(line.startsWith("serving " + served + " on grpc://127.0.0.1:"), line);
        String served = line.substring(line.indexOf("grpc://"));
        Cli denied = Cli.run("flight", "list", served);
        assertEquals(1, denied.exit());
        assertTrue(denied.err().startsWith("quiver: UNAUTHENTICATED: "), denied.err());
        Cli list = Cli.run("flight", "list", served, "--token", "tok");
        assertEquals(0, list.exit(), list.toString());
        assertTrue(list.out().contains("path five.arrow  10 rows"), list.out());
    }
}
