package dev.quiver.flightinterop;

import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.flight.Action;
import dev.quiver.flight.CallContext;
import dev.quiver.flight.CancelStatus;
import dev.quiver.flight.FlightChunk;
import dev.quiver.flight.FlightDescriptor;
import dev.quiver.flight.FlightEndpoint;
import dev.quiver.flight.FlightException;
import dev.quiver.flight.FlightInfo;
import dev.quiver.flight.FlightProducer;
import dev.quiver.flight.FlightStreamReader;
import dev.quiver.flight.FlightStreamWriter;
import dev.quiver.flight.PollInfo;
import dev.quiver.flight.Result;
import dev.quiver.flight.StandardActions;
import dev.quiver.flight.StreamSink;
import dev.quiver.flight.Ticket;
import dev.quiver.type.Schema;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server side of the Flight integration scenarios (archery's {@code flight} tests, as the Arrow
 * implementations run them), for Quiver's server:
 * <ul>
 *   <li><b>ordered</b>: GetFlightInfo of the command "ordered" is ordered, with three endpoints (tickets "1", "2",
 *       "3") whose DoGet sends {@code number} = 1,2,3 / 10,20,30 / 100,200,300;</li>
 *   <li><b>expiration_time</b>: GetFlightInfo of "expiration_time" has three endpoints, the first without an
 *       expiration time, the others expiring in 5 and 6 seconds; DoGet of each sends {@code number} = its index
 *       (an expirable one may be fetched again); CancelFlightInfo of that info answers CANCELLED;
 *       RenewFlightEndpoint of an expirable endpoint answers it with an expiration 10 seconds later;</li>
 *   <li><b>poll_flight_info</b>: PollFlightInfo of "heavy query" answers progress 0.1 and the next descriptor
 *       "poll"; polling that answers the info complete (progress 1.0, no next descriptor);</li>
 *   <li><b>app_metadata_flight_info_endpoint</b>: GetFlightInfo of any other command answers a FlightInfo and an
 *       endpoint whose app_metadata is the command;</li>
 *   <li><b>do_exchange:echo</b>: DoExchange of "echo" sends back every batch and metadata;</li>
 *   <li><b>middleware</b>: see {@link #lastMiddlewareHeader} (the server sees the client's header).</li>
 * </ul>
 */
final class ScenarioProducer implements FlightProducer {
    static final Schema NUMBER = RecordBatch.builder().add("number", Arrow.int64(1L)).build().schema();

    /** Endpoints handed out, by ticket, with the expiration times given. */
    final Map<String, Instant> expirations = new ConcurrentHashMap<>();
    volatile String lastMiddlewareHeader;

    static RecordBatch numbers(long... n) {
        Long[] boxed = new Long[n.length];
        for (int i = 0; i < n.length; i++) boxed[i] = n[i];
        return RecordBatch.builder().add("number", Arrow.int64(boxed)).build();
    }

    private static String command(FlightDescriptor d) {
        if (d.isPath()) throw FlightException.invalidArgument("the scenarios use command descriptors, got " + d);
        return new String(d.command(), StandardCharsets.UTF_8);
    }

    @Override
    public FlightInfo getFlightInfo(CallContext context, FlightDescriptor descriptor) {
        String cmd = command(descriptor);
        lastMiddlewareHeader = context.header("x-middleware");
        switch (cmd) {
            case "ordered" -> {
                List<FlightEndpoint> e = List.of(new FlightEndpoint(Ticket.of("1")), new FlightEndpoint(Ticket.of("2")),
                        new FlightEndpoint(Ticket.of("3")));
                return new FlightInfo(NUMBER, descriptor, e, 9, -1).withOrdered(true);
            }
            case "expiration_time" -> {
                Instant now = Instant.now();
                List<FlightEndpoint> e = new ArrayList<>();
                e.add(new FlightEndpoint(Ticket.of("expiration_time:0")));
                for (int i = 1; i <= 2; i++) {
                    Instant at = now.plus(Duration.ofSeconds(4 + i));
                    expirations.put("expiration_time:" + i, at);
                    e.add(new FlightEndpoint(Ticket.of("expiration_time:" + i)).withExpirationTime(at));
                }
                return new FlightInfo(NUMBER, descriptor, e, 3, -1);
            }
            default -> {
                byte[] meta = cmd.getBytes(StandardCharsets.UTF_8);
                return new FlightInfo(NUMBER, descriptor,
                        List.of(new FlightEndpoint(Ticket.of(cmd), List.of(), null, meta)), -1, -1).withAppMetadata(meta);
            }
        }
    }

    @Override
    public PollInfo pollFlightInfo(CallContext context, FlightDescriptor descriptor) {
        String cmd = command(descriptor);
        FlightInfo info = new FlightInfo(NUMBER, FlightDescriptor.command("heavy query"),
                List.of(new FlightEndpoint(Ticket.of("long-running query"))), -1, -1);
        return switch (cmd) {
            case "heavy query" -> new PollInfo(info, FlightDescriptor.command("poll"), 0.1, Instant.now().plusSeconds(10));
            case "poll" -> new PollInfo(info, null, 1.0, null);
            default -> throw FlightException.invalidArgument("unknown poll command " + cmd);
        };
    }

    @Override
    public void doGet(CallContext context, Ticket ticket, FlightStreamWriter out) {
        String t = new String(ticket.bytes(), StandardCharsets.UTF_8);
        out.begin(NUMBER);
        switch (t) {
            case "1" -> out.write(numbers(1, 2, 3));
            case "2" -> out.write(numbers(10, 20, 30));
            case "3" -> out.write(numbers(100, 200, 300));
            default -> {
                if (!t.startsWith("expiration_time:")) throw FlightException.notFound("unknown ticket " + t);
                int i = Integer.parseInt(t.substring("expiration_time:".length()));
                Instant at = expirations.get(t);
                if (i > 0 && (at == null || Instant.now().isAfter(at))) {
                    throw FlightException.invalidArgument("ticket " + t + " has expired");
                }
                out.write(numbers(i));
            }
        }
    }

    @Override
    public void doExchange(CallContext context, FlightStreamReader in, FlightStreamWriter out) {
        for (FlightChunk c; (c = in.readChunk()) != null; ) {
            if (out.schema() == null && in.schemaIfKnown() != null) out.begin(in.schemaIfKnown());
            if (c.batch() != null) out.write(c.batch(), c.appMetadata());
            else out.putMetadata(c.appMetadata());
        }
        if (out.schema() == null && in.schemaIfKnown() != null) out.begin(in.schemaIfKnown());
    }

    @Override
    public void doAction(CallContext context, Action action, StreamSink<Result> results) {
        switch (action.type()) {
            case StandardActions.CANCEL_FLIGHT_INFO -> {
                FlightInfo info = StandardActions.cancelFlightInfoRequest(action);
                if (info.endpoints().size() != 3) throw FlightException.invalidArgument("expected the expiration_time info");
                results.send(StandardActions.cancelFlightInfoResult(CancelStatus.CANCELLED));
            }
            case StandardActions.RENEW_FLIGHT_ENDPOINT -> {
                FlightEndpoint e = StandardActions.renewFlightEndpointRequest(action);
                String t = new String(e.ticket().bytes(), StandardCharsets.UTF_8);
                if (e.expirationTime() == null) throw FlightException.invalidArgument("ticket " + t + " does not expire");
                Instant later = e.expirationTime().plusSeconds(10);
                expirations.put(t, later);
                results.send(StandardActions.endpointResult(e.withExpirationTime(later)));
            }
            default -> throw FlightException.invalidArgument("unknown action " + action.type());
        }
    }
}
