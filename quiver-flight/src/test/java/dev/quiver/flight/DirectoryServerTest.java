package dev.quiver.flight;

import dev.quiver.array.ArrayEquality;
import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.flight.directory.DirectoryFlightProducer;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.ipc.RecordBatchFileWriter;
import dev.quiver.ipc.RecordBatchReader;
import dev.quiver.ipc.RecordBatchStreamWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server over a directory of Arrow files and streams. */
class DirectoryServerTest {
    @TempDir
    static Path dir;
    static DirectoryFlightProducer producer;
    static FlightServer server;
    static FlightClient client;
    static List<RecordBatch> many = new ArrayList<>();
    static List<RecordBatch> dictionaryStream = new ArrayList<>();

    static RecordBatch numbers(int i) {
        return RecordBatch.builder().add("n", Arrow.int32(i, i + 1, i + 2)).add("s", Arrow.utf8("x" + i, null, "z")).build();
    }

    /** Batches whose dictionary grows (deltas), then is replaced, then grows again. */
    static RecordBatch words(String... dictionary) {
        Integer[] idx = new Integer[dictionary.length];
        for (int i = 0; i < idx.length; i++) idx[i] = dictionary.length - 1 - i;
        return RecordBatch.builder().add("w", Arrow.dictionary(Arrow.int32(idx), Arrow.utf8(dictionary))).build();
    }

    @BeforeAll
    static void start() throws Exception {
        for (int i = 0; i < 10; i++) many.add(numbers(i * 10));
        try (RecordBatchFileWriter w = Ipc.newFile(dir.resolve("many.arrow"), many.get(0).schema())) {
            w.writeAll(many);
        }
        Files.createDirectories(dir.resolve("sub"));
        try (RecordBatchFileWriter w = Ipc.newFile(dir.resolve("sub/nested.arrow"), many.get(0).schema())) {
            w.write(many.get(0));
        }
        dictionaryStream.add(words("a", "b"));
        dictionaryStream.add(words("a", "b", "c"));
        dictionaryStream.add(words("q"));
        dictionaryStream.add(words("q", "r", "s"));
        dictionaryStream.add(words("q", "r", "s", "t"));
        try (RecordBatchStreamWriter w = Ipc.newStream(dir.resolve("words.arrows"), dictionaryStream.get(0).schema(),
                IpcWriteOptions.DEFAULT.withEmitDictionaryDeltas(true))) {
            w.writeAll(dictionaryStream);
        }
        Files.writeString(dir.resolve("notes.txt"), "not arrow");
        Files.copy(dir.resolve("many.arrow"), dir.resolve(".hidden.arrow"));
        producer = new DirectoryFlightProducer(dir, DirectoryFlightProducer.Options.DEFAULT.withBatchesPerEndpoint(3));
        server = FlightServer.builder(producer).start();
        client = FlightClient.connect(server.location().uri());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    static List<RecordBatch> readAll(FlightInfo info) {
        List<RecordBatch> out = new ArrayList<>();
        for (FlightEndpoint e : info.endpoints()) {
            FlightStreamReader r = client.doGet(e.ticket());
            for (RecordBatch b; (b = r.readNext()) != null; ) out.add(b.detach());
            r.close();
        }
        return out;
    }

    static void assertBatches(List<RecordBatch> expected, List<RecordBatch> got) {
        assertEquals(expected.size(), got.size());
        for (int i = 0; i < expected.size(); i++) assertNull(ArrayEquality.compare(expected.get(i), got.get(i)), "batch " + i);
    }

    @Test
    void listFlightsListsArrowFilesAndStreamsByPath() {
        List<String> names = client.listFlights().stream().map(i -> String.join("/", i.descriptor().path())).toList();
        assertTrue(names.containsAll(List.of("many.arrow", "sub/nested.arrow", "words.arrows")), names.toString());
        assertFalse(names.contains("notes.txt"));
        assertFalse(names.contains(".hidden.arrow"));
        assertEquals(List.of("sub/nested.arrow"), client.listFlights("sub/".getBytes(), FlightCallOptions.DEFAULT)
                .stream().map(i -> String.join("/", i.descriptor().path())).toList());
    }

    @Test
    void flightInfoSplitsAFileIntoEndpointsOfBatchRanges() throws Exception {
        FlightInfo info = client.getFlightInfo(FlightDescriptor.path("many.arrow"));
        assertEquals(many.get(0).schema(), info.schema());
        assertEquals(30, info.totalRecords());
        assertEquals(Files.size(dir.resolve("many.arrow")), info.totalBytes());
        assertTrue(info.ordered());
        assertEquals(4, info.endpoints().size());
        assertEquals("quiver-dir/1 3 6 many.arrow", new String(info.endpoints().get(1).ticket().bytes(), StandardCharsets.UTF_8));
        assertBatches(many, readAll(info));
        assertEquals(info.schema(), client.getSchema(FlightDescriptor.path("many.arrow")));
        PollInfo poll = client.pollFlightInfo(FlightDescriptor.path("many.arrow"));
        assertTrue(poll.isComplete());
        assertEquals(4, poll.info().endpoints().size());
    }

    @Test
    void endpointsDownloadInParallel() throws Exception {
        FlightInfo info = client.getFlightInfo(FlightDescriptor.path("many.arrow"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<RecordBatch>>> parts = new ArrayList<>();
            for (FlightEndpoint e : info.endpoints()) {
                parts.add(pool.submit(() -> {
                    List<RecordBatch> out = new ArrayList<>();
                    try (FlightStreamReader r = client.doGet(e.ticket())) {
                        for (RecordBatch b; (b = r.readNext()) != null; ) out.add(b.detach());
                    }
                    return out;
                }));
            }
            List<RecordBatch> all = new ArrayList<>();
            for (Future<List<RecordBatch>> f : parts) all.addAll(f.get());
            assertBatches(many, all);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void rangesOfAStreamWithDeltasAndReplacedDictionariesReadAsTheWholeStreamDoes() throws Exception {
        FlightInfo info = client.getFlightInfo(FlightDescriptor.path("words.arrows"));
        assertEquals(2, info.endpoints().size());
        List<RecordBatch> expected = new ArrayList<>();
        try (RecordBatchReader r = Ipc.openStream(dir.resolve("words.arrows"))) {
            for (RecordBatch b : r) expected.add(b.detach());
        }
        assertBatches(expected, readAll(info));
        assertBatches(dictionaryStream, readAll(info));
    }

    @Test
    void doPutStoresAtomicallyAsAFileOrAStream() throws Exception {
        for (String name : List.of("up/new.arrow", "up/new.arrows")) {
            try (FlightPutWriter w = client.doPut(FlightDescriptor.path(name.split("/")), many.get(0).schema())) {
                w.write(many.get(0), "m0".getBytes());
                w.write(many.get(1));
                assertEquals("m0", w.readAck().appMetadataText());
                assertEquals("6", w.readAck().appMetadataText(), "the rows stored so far");
                assertFalse(Files.exists(dir.resolve(name)), "nothing is visible before the upload completes");
            }
            assertTrue(Files.exists(dir.resolve(name)));
            try (RecordBatchReader r = name.endsWith(".arrow") ? Ipc.openFile(dir.resolve(name)) : Ipc.openStream(dir.resolve(name))) {
                assertBatches(many.subList(0, 2), r.readAll().batches());
            }
            if (name.endsWith(".arrow")) {
                try (RecordBatchFileReader r = Ipc.openFile(dir.resolve(name))) {
                    assertEquals(2, r.numRecordBatches(), "stored in the file format");
                }
            }
        }
        assertEquals(List.of("new.arrow", "new.arrows"), listDir(dir.resolve("up")));
    }

    @Test
    void anAbortedUploadLeavesNothing() throws Exception {
        FlightPutWriter w = client.doPut(FlightDescriptor.path("aborted.arrow"), many.get(0).schema());
        w.write(many.get(0));
        assertEquals("3", w.readAck().appMetadataText());
        w.cancel();
        long until = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < until && listDir(dir).stream().anyMatch(n -> n.contains("aborted"))) Thread.sleep(20);
        assertFalse(listDir(dir).stream().anyMatch(n -> n.contains("aborted")), listDir(dir).toString());
    }

    @Test
    void anUploadInProgressIsAHiddenSafeOutputBesideItsTargetAndReservesItsName() throws Exception {
        try (FlightPutWriter w = client.doPut(FlightDescriptor.path("up2", "slow.arrow"), many.get(0).schema())) {
            w.write(many.get(0));
            assertEquals("3", w.readAck().appMetadataText());
            // the batch is written to dev.quiver.io.SafeOutput's temporary file, hidden beside the target
            List<String> beside = listDir(dir.resolve("up2"));
            assertEquals(1, beside.size(), beside.toString());
            assertTrue(beside.getFirst().startsWith(".slow.arrow.") && beside.getFirst().endsWith(dev.quiver.io.SafeOutput.TEMP_SUFFIX),
                    beside.toString());
            assertFalse(client.listFlights().stream().anyMatch(i -> String.join("/", i.descriptor().path()).startsWith("up2")),
                    "an upload in progress is not listed");
            // a second upload of the same name neither waits nor replaces the first one's file
            FlightException e = assertThrows(FlightException.class, () -> {
                try (FlightPutWriter w2 = client.doPut(FlightDescriptor.path("up2", "slow.arrow"), many.get(0).schema())) {
                    w2.write(many.get(1));
                }
            });
            assertEquals(FlightStatusCode.ALREADY_EXISTS, e.code());
            w.write(many.get(1));
        }
        assertEquals(List.of("slow.arrow"), listDir(dir.resolve("up2")));
        try (RecordBatchReader r = Ipc.openFile(dir.resolve("up2").resolve("slow.arrow"))) {
            assertBatches(many.subList(0, 2), r.readAll().batches());
        }
    }

    @Test
    void anUploadMustNotReplaceOrEscape() {
        FlightException e = assertThrows(FlightException.class, () -> {
            try (FlightPutWriter w = client.doPut(FlightDescriptor.path("many.arrow"), many.get(0).schema())) {
                w.write(many.get(0));
            }
        });
        assertEquals(FlightStatusCode.ALREADY_EXISTS, e.code());
        assertEquals("many.arrow exists already", e.getMessage());
        e = assertThrows(FlightException.class, () -> {
            try (FlightPutWriter w = client.doPut(FlightDescriptor.path("..", "escape.arrow"), many.get(0).schema())) {
                w.write(many.get(0));
            }
        });
        assertEquals(FlightStatusCode.INVALID_ARGUMENT, e.code());
        assertEquals("invalid path '../escape.arrow': every part must be a plain name", e.getMessage());
        assertFalse(Files.exists(dir.getParent().resolve("escape.arrow")));
        e = assertThrows(FlightException.class, () -> {
            try (FlightPutWriter w = client.doPut(FlightDescriptor.command("x"), many.get(0).schema())) {
                w.write(many.get(0));
            }
        });
        assertEquals(FlightStatusCode.INVALID_ARGUMENT, e.code());
    }

    @Test
    void aLinkOutOfTheDirectoryIsNotServed() throws Exception {
        Path outside = Files.createTempFile("quiver-outside", ".arrow");
        try {
            Files.copy(dir.resolve("many.arrow"), outside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.createSymbolicLink(dir.resolve("link.arrow"), outside);
            FlightException e = assertThrows(FlightException.class, () -> client.getFlightInfo(FlightDescriptor.path("link.arrow")));
            assertEquals(FlightStatusCode.UNAUTHORIZED, e.code());
        } finally {
            Files.deleteIfExists(dir.resolve("link.arrow"));
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void badTicketsAndUnknownPaths() {
        assertEquals(FlightStatusCode.NOT_FOUND, assertThrows(FlightException.class,
                () -> client.getFlightInfo(FlightDescriptor.path("missing.arrow"))).code());
        try (FlightStreamReader r = client.doGet(Ticket.of("quiver-dir/1 0 99 many.arrow"))) {
            FlightException e = assertThrows(FlightException.class, r::readNext);
            assertEquals(FlightStatusCode.INVALID_ARGUMENT, e.code());
            assertEquals("the ticket asks for batches [0, 99) of many.arrow, which has 10", e.getMessage());
        }
        try (FlightStreamReader r = client.doGet(Ticket.of("hello"))) {
            FlightException e = assertThrows(FlightException.class, r::readNext);
            assertEquals(FlightStatusCode.INVALID_ARGUMENT, e.code());
            assertTrue(e.getMessage().startsWith("not a ticket of this server"), e.getMessage());
        }
        FlightException e = assertThrows(FlightException.class, () -> client.getFlightInfo(FlightDescriptor.path("notes.txt")));
        assertEquals(FlightStatusCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().startsWith("not a readable Arrow IPC file or stream: metadata length 544501614 exceeds "
                + "the limit of"), e.getMessage());
    }

    @Test
    void actionsAndExchange() throws Exception {
        assertEquals(List.of(StandardActions.CANCEL_FLIGHT_INFO, StandardActions.RENEW_FLIGHT_ENDPOINT),
                client.listActions().stream().map(ActionType::type).toList());
        FlightInfo info = client.getFlightInfo(FlightDescriptor.path("many.arrow"));
        assertEquals(CancelStatus.NOT_CANCELLABLE, client.cancelFlightInfo(info));
        FlightEndpoint renewed = client.renewFlightEndpoint(info.endpoints().get(0));
        assertEquals(info.endpoints().get(0).ticket(), renewed.ticket());
        try (FlightExchange x = client.doExchange(FlightDescriptor.command("echo"))) {
            x.writer().begin(many.get(0).schema());
            x.writer().write(many.get(2));
            assertNull(ArrayEquality.compare(many.get(2), x.reader().readNext()));
        }
        try (FlightExchange x = client.doExchange(FlightDescriptor.command("other"))) {
            assertEquals(FlightStatusCode.UNIMPLEMENTED, assertThrows(FlightException.class, () -> x.reader().readNext()).code());
        }
    }

    /** A file too large to sit in the transport's buffers, so the server is still sending when the client stops. */
    static Path bigFile() throws Exception {
        Path big = dir.resolve("big.arrow");
        if (Files.exists(big)) return big;
        Long[] values = new Long[500_000];
        java.util.Arrays.fill(values, 7L);
        RecordBatch b = RecordBatch.builder().add("v", Arrow.int64(values)).build();
        try (RecordBatchFileWriter w = Ipc.newFile(big, b.schema())) {
            for (int i = 0; i < 8; i++) w.write(b);
        }
        return big;
    }

    static void awaitNoMappedFile() throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (producer.mappedFiles() > 0 && System.nanoTime() < until) Thread.sleep(10);
        assertEquals(0, producer.mappedFiles(), "the server stopped and released the file");
    }

    @Test
    void aClientThatCancelsMidDoGetMakesTheServerStopAndReleaseTheFile() throws Exception {
        bigFile();
        FlightStreamReader r = client.doGet(Ticket.of("quiver-dir/1 0 8 big.arrow"));
        assertEquals(500_000, r.readNext().numRows());
        assertEquals(1, producer.mappedFiles());
        r.close();
        awaitNoMappedFile();
    }

    @Test
    void aClientThatDisconnectsMidDoGetMakesTheServerStopAndReleaseTheFile() throws Exception {
        bigFile();
        FlightClient c = FlightClient.connect(server.location().uri());
        FlightStreamReader r = c.doGet(Ticket.of("quiver-dir/1 0 8 big.arrow"));
        assertEquals(500_000, r.readNext().numRows());
        c.close(Duration.ZERO);
        awaitNoMappedFile();
    }

    static List<String> listDir(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

}
