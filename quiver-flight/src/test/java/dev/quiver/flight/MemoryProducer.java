package dev.quiver.flight;

import dev.quiver.array.RecordBatch;
import dev.quiver.type.Schema;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A producer for tests that keeps uploaded streams in memory: DoPut stores the batches (detached) under the
 * descriptor's path, DoGet of the ticket "path" sends them back, DoExchange echoes every chunk, DoAction echoes
 * the body (action "echo") and Handshake echoes the payloads.
 */
public final class MemoryProducer implements FlightProducer {
    public record Stored(Schema schema, List<RecordBatch> batches, List<byte[]> appMetadata) {}

    public final Map<String, Stored> flights = new ConcurrentHashMap<>();

    static String key(FlightDescriptor d) {
        return d.isPath() ? String.join("/", d.path()) : new String(d.command(), StandardCharsets.UTF_8);
    }

    public void put(String key, Schema schema, List<RecordBatch> batches) {
        List<byte[]> none = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) none.add(null);
        flights.put(key, new Stored(schema, batches, none));
    }

    private FlightInfo info(String key, Stored s) {
        long rows = 0;
        for (RecordBatch b : s.batches) rows += b.numRows();
        return new FlightInfo(s.schema, FlightDescriptor.path(key.split("/")),
                List.of(new FlightEndpoint(Ticket.of(key))), rows, -1);
    }

    @Override
    public void handshake(CallContext context, HandshakeStream stream) {
        for (byte[] p; (p = stream.read()) != null; ) stream.send(p);
    }

    @Override
    public void listFlights(CallContext context, byte[] criteria, StreamSink<FlightInfo> out) {
        String prefix = new String(criteria, StandardCharsets.UTF_8);
        flights.forEach((k, s) -> {
            if (k.startsWith(prefix)) out.send(info(k, s));
        });
    }

    @Override
    public FlightInfo getFlightInfo(CallContext context, FlightDescriptor descriptor) {
        Stored s = flights.get(key(descriptor));
        if (s == null) throw FlightException.notFound("no flight " + descriptor);
        return info(key(descriptor), s);
    }

    @Override
    public PollInfo pollFlightInfo(CallContext context, FlightDescriptor descriptor) {
        return PollInfo.complete(getFlightInfo(context, descriptor));
    }

    @Override
    public void doGet(CallContext context, Ticket ticket, FlightStreamWriter out) {
        String key = new String(ticket.bytes(), StandardCharsets.UTF_8);
        Stored s = flights.get(key);
        if (s == null) throw FlightException.notFound("no flight " + key);
        out.begin(s.schema);
        for (int i = 0; i < s.batches.size(); i++) out.write(s.batches.get(i), s.appMetadata.get(i));
    }

    @Override
    public void doPut(CallContext context, FlightStreamReader in, StreamSink<PutResult> acks) {
        FlightDescriptor d = in.descriptor();
        if (d == null) throw FlightException.invalidArgument("no descriptor");
        Schema schema = in.schema();
        List<RecordBatch> batches = new ArrayList<>();
        List<byte[]> meta = new ArrayList<>();
        int n = 0;
        for (FlightChunk c; (c = in.readChunk()) != null; ) {
            if (c.batch() != null) {
                batches.add(c.batch().detach());
                meta.add(c.appMetadata());
            }
            acks.send(c.appMetadata() != null ? new PutResult(c.appMetadata()) : PutResult.of(Integer.toString(++n)));
        }
        flights.put(key(d), new Stored(schema, batches, meta));
    }

    @Override
    public void doExchange(CallContext context, FlightStreamReader in, FlightStreamWriter out) {
        boolean begun = false;
        for (FlightChunk c; (c = in.readChunk()) != null; ) {
            if (!begun && in.schemaIfKnown() != null) {
                out.begin(in.schemaIfKnown());
                begun = true;
            }
            if (c.batch() != null) out.write(c.batch(), c.appMetadata());
            else out.putMetadata(c.appMetadata());
        }
        if (!begun && in.schemaIfKnown() != null) out.begin(in.schemaIfKnown());
    }

    @Override
    public void doAction(CallContext context, Action action, StreamSink<Result> results) {
        switch (action.type()) {
            case "echo" -> results.send(new Result(action.body()));
            case "who" -> results.send(Result.of(context.peerIdentity()));
            case "header" -> results.send(new Result(String.valueOf(context.header(new String(action.body(),
                    StandardCharsets.UTF_8))).getBytes(StandardCharsets.ISO_8859_1)));
            case "sleep" -> {
                long until = System.nanoTime() + Long.parseLong(new String(action.body(), StandardCharsets.UTF_8)) * 1_000_000;
                while (System.nanoTime() < until && !context.isCancelled()) {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                results.send(Result.of(context.isCancelled() ? "cancelled" : "slept"));
            }
            default -> throw FlightException.invalidArgument("unknown action " + action.type());
        }
    }

    @Override
    public void listActions(CallContext context, StreamSink<ActionType> out) {
        out.send(new ActionType("echo", "echoes the body"));
        out.send(new ActionType("who", "the peer identity"));
    }
}
