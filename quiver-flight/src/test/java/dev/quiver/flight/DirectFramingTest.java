package dev.quiver.flight;

import dev.quiver.array.ArrayEquality;
import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.flight.directory.DirectoryFlightProducer;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.ipc.RecordBatchFileWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Native bodies (a mapped file's slices, batches read from a mapped file) go straight into gRPC's transport buffers:
 * the route is there with this grpc-java, and bodies larger than gRPC's buffers (1 MiB) and than Flight's frames
 * arrive intact both ways.
 */
class DirectFramingTest {
    @TempDir
    Path dir;

    static RecordBatch big(int seed, int rows) {
        long[] a = new long[rows];
        double[] b = new double[rows];
        for (int i = 0; i < rows; i++) {
            a[i] = (long) i * 2_654_435_761L + seed;
            b[i] = i * 0.25 - seed;
        }
        return RecordBatch.builder().add("a", Arrow.int64(a)).add("b", Arrow.float64(b)).build();
    }

    @Test
    void theDirectRouteIsFoundInThisGrpcJava() {
        // if a grpc-java upgrade moves its internals, this fails rather than the bounce copy coming back unnoticed
        assertNotNull(DirectFraming.INSTANCE, "DirectFraming found no route into grpc-java's framer");
    }

    @Test
    void streamsOtherThanGrpcsFramerAreLeftToTheBounceCopy() throws Exception {
        assertFalse(DirectFraming.INSTANCE.accepts(new ByteArrayOutputStream()));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment body = arena.allocate(3 << 20);
            for (long i = 0; i < body.byteSize(); i += 8) body.set(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, i, i);
            FlightFrame.Outgoing out = new FlightFrame.Outgoing(null, MemorySegment.ofArray(new byte[] {1, 2, 3}),
                    null, List.of(body), body.byteSize());
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            int n = ((io.grpc.Drainable) FlightDataCodec.INSTANCE.stream(out)).drainTo(sink);
            assertEquals(sink.size(), n);
            FlightFrame.Incoming back = (FlightFrame.Incoming) FlightDataCodec.INSTANCE.parse(
                    new java.io.ByteArrayInputStream(sink.toByteArray()));
            assertNull(back.error());
            assertEquals(-1, back.body().mismatch(body));
            back.discard();
        }
    }

    @Test
    void mappedBodiesLargerThanGrpcsBuffersRoundTripBothWays() throws Exception {
        List<RecordBatch> batches = List.of(big(1, 300_000), big(2, 7), big(3, 200_001)); // 4.8 MB, 112 B, 3.2 MB
        Path file = dir.resolve("big.arrow");
        try (RecordBatchFileWriter w = Ipc.newFile(file, batches.get(0).schema())) {
            w.writeAll(batches);
        }
        MemoryProducer uploads = new MemoryProducer();
        try (FlightServer files = FlightServer.builder(new DirectoryFlightProducer(dir)).start();
             FlightServer memory = FlightServer.builder(uploads).start();
             FlightClient fromFiles = FlightClient.connect(files.location().uri());
             FlightClient toMemory = FlightClient.connect(memory.location().uri())) {
            // DoGet: the server sends slices of the mapped file
            Ticket t = fromFiles.getFlightInfo(FlightDescriptor.path("big.arrow")).endpoints().getFirst().ticket();
            try (FlightStreamReader r = fromFiles.doGet(t)) {
                for (RecordBatch expected : batches) {
                    RecordBatch got = r.readNext();
                    assertNotNull(got);
                    assertNull(ArrayEquality.compare(expected, got));
                }
                assertNull(r.readNext());
            }
            // DoPut: the client sends batches whose buffers are native (read from the mapped file)
            try (RecordBatchFileReader mapped = Ipc.openFile(file)) {
                List<RecordBatch> fromFile = new ArrayList<>();
                for (int i = 0; i < mapped.numRecordBatches(); i++) fromFile.add(mapped.recordBatch(i));
                try (FlightPutWriter w = toMemory.doPut(FlightDescriptor.path("up"), fromFile.getFirst().schema())) {
                    w.writeAll(fromFile);
                    w.finish();
                }
            }
            List<RecordBatch> stored = uploads.flights.get("up").batches();
            assertEquals(batches.size(), stored.size());
            for (int i = 0; i < batches.size(); i++) assertNull(ArrayEquality.compare(batches.get(i), stored.get(i)));
        }
    }
}
