package dev.quiver.flightinterop;

import dev.quiver.testing.TestData;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.ActionType;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.Criteria;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightProducer;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Arrow Java 19's Flight as a peer: a producer serving the gold streams as Arrow Java reads them, and the helpers
 * that turn what Arrow Java received into IPC stream bytes (written by Arrow Java's own IPC writer) for Quiver to
 * compare with the gold files.
 */
final class ArrowJavaPeer {
    private ArrowJavaPeer() {}

    /** Arrow Java's reader of a gold stream (the compressed gold folders too). */
    static ArrowStreamReader open(TestData.GoldCase c, BufferAllocator allocator) throws IOException {
        InputStream in = Files.newInputStream(c.stream());
        return new ArrowStreamReader(in, allocator, CommonsCompressionFactory.INSTANCE);
    }

    /** Everything a FlightStream brings, written again by Arrow Java's stream writer. */
    static byte[] drain(FlightStream stream) throws IOException {
        return drain(stream, () -> {});
    }

    /** As {@link #drain(FlightStream)}, running {@code perBatch} after each batch. */
    static byte[] drain(FlightStream stream, Runnable perBatch) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArrowStreamWriter writer = null;
        try {
            VectorSchemaRoot root = stream.getRoot();
            while (stream.next()) {
                if (writer == null) {
                    writer = new ArrowStreamWriter(root, stream.getDictionaryProvider(), out);
                    writer.start();
                }
                writer.writeBatch();
                perBatch.run();
            }
            if (writer == null) {
                writer = new ArrowStreamWriter(root, stream.getDictionaryProvider(), out);
                writer.start();
            }
            writer.end();
        } finally {
            if (writer != null) writer.close();
        }
        return out.toByteArray();
    }

    /**
     * Sends a gold stream on {@code listener}. Arrow Java's Flight sends the dictionaries when the stream starts,
     * so the first batch (and with it the dictionaries) is loaded before {@code start}.
     */
    static void send(ArrowStreamReader reader, FlightProducer.ServerStreamListener listener) throws IOException {
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        boolean more = reader.loadNextBatch();
        listener.start(root, reader);
        while (more) {
            listener.putNext();
            more = reader.loadNextBatch();
        }
        listener.completed();
    }

    /**
     * Serves the gold cases: ListFlights and GetFlightInfo (schema, rows, one endpoint whose ticket is the case),
     * DoGet, DoPut (kept as IPC bytes in {@link #uploads}, one PutResult per batch), DoExchange (echo), DoAction
     * "echo", ListActions.
     */
    static final class Producer implements FlightProducer {
        final BufferAllocator allocator;
        final Map<String, TestData.GoldCase> cases = new java.util.LinkedHashMap<>();
        final Map<String, byte[]> uploads = new ConcurrentHashMap<>();

        Producer(BufferAllocator allocator, List<TestData.GoldCase> gold) {
            this.allocator = allocator;
            for (TestData.GoldCase c : gold) cases.put(c.toString(), c);
        }

        private TestData.GoldCase find(String key) {
            TestData.GoldCase c = cases.get(key);
            if (c == null) throw CallStatus.NOT_FOUND.withDescription("no flight " + key).toRuntimeException();
            return c;
        }

        private FlightInfo info(TestData.GoldCase c) {
            try (ArrowStreamReader r = open(c, allocator)) {
                long rows = 0;
                while (r.loadNextBatch()) rows += r.getVectorSchemaRoot().getRowCount();
                // the schema as messages carry it (dictionary-encoded fields with their value types), not the
                // in-memory one of the root (index types)
                java.util.Set<Long> ids = new java.util.HashSet<>();
                org.apache.arrow.vector.types.pojo.Schema inMemory = r.getVectorSchemaRoot().getSchema();
                org.apache.arrow.vector.types.pojo.Schema schema = new org.apache.arrow.vector.types.pojo.Schema(
                        inMemory.getFields().stream().map(f -> org.apache.arrow.vector.util.DictionaryUtility
                                .toMessageFormat(f, r, ids)).toList(), inMemory.getCustomMetadata());
                return new FlightInfo(schema, FlightDescriptor.path(c.folder(), c.name()),
                        List.of(new FlightEndpoint(new Ticket(c.toString().getBytes()))), -1, rows);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void getStream(CallContext context, Ticket ticket, ServerStreamListener listener) {
            try (ArrowStreamReader r = open(find(new String(ticket.getBytes())), allocator)) {
                send(r, listener);
            } catch (IOException e) {
                listener.error(e);
            }
        }

        @Override
        public void listFlights(CallContext context, Criteria criteria, StreamListener<FlightInfo> listener) {
            for (TestData.GoldCase c : cases.values()) listener.onNext(info(c));
            listener.onCompleted();
        }

        @Override
        public FlightInfo getFlightInfo(CallContext context, FlightDescriptor descriptor) {
            return info(find(String.join("/", descriptor.getPath())));
        }

        @Override
        public Runnable acceptPut(CallContext context, FlightStream stream, StreamListener<PutResult> ack) {
            return () -> {
                try {
                    String key = String.join("/", stream.getDescriptor().getPath());
                    uploads.put(key, drain(stream, () -> ack.onNext(PutResult.empty())));
                    ack.onCompleted();
                } catch (Exception e) {
                    ack.onError(e);
                }
            };
        }

        @Override
        public void doExchange(CallContext context, FlightStream reader, ServerStreamListener writer) {
            VectorSchemaRoot root = reader.getRoot();
            boolean started = false;
            while (reader.next()) {
                if (!started) {
                    writer.start(root, reader.getDictionaryProvider());
                    started = true;
                }
                writer.putNext();
            }
            if (!started) writer.start(root, new DictionaryProvider.MapDictionaryProvider());
            writer.completed();
        }

        @Override
        public void doAction(CallContext context, Action action, StreamListener<Result> listener) {
            if (!action.getType().equals("echo")) {
                listener.onError(CallStatus.INVALID_ARGUMENT.withDescription("unknown action " + action.getType())
                        .toRuntimeException());
                return;
            }
            listener.onNext(new Result(action.getBody()));
            listener.onCompleted();
        }

        @Override
        public void listActions(CallContext context, StreamListener<ActionType> listener) {
            listener.onNext(new ActionType("echo", "echoes the body"));
            listener.onCompleted();
        }
    }
}
