package dev.quiver.flight;

import com.google.protobuf.ByteString;
import dev.quiver.flight.proto.FlightProtos;
import dev.quiver.type.Schema;
import io.grpc.CallOptions;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.TlsChannelCredentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A Flight client, named as PyArrow's {@code pyarrow.flight.FlightClient}:
 *
 * <pre>{@code
 * try (FlightClient client = FlightClient.connect("grpc://localhost:8815")) {
 *     FlightInfo info = client.getFlightInfo(FlightDescriptor.path("taxi.arrow"));
 *     try (FlightStreamReader r = client.doGet(info.endpoints().get(0).ticket())) {
 *         Table t = r.readAll();
 *     }
 * }
 * }</pre>
 *
 * Every call takes optional {@link FlightCallOptions} (headers, timeout), added to those of the client's options.
 * Failures are {@link FlightException}s carrying the server's status; bad data received is a
 * {@link dev.quiver.QuiverException}. Thread-safe: calls may run concurrently on one client (one gRPC channel).
 */
public final class FlightClient implements AutoCloseable {
    /** Messages a DoGet or DoExchange lets in ahead of its reader. */
    private static final int DATA_WINDOW = 4;

    private final ManagedChannel channel;
    private final Location location;
    private final FlightClientOptions options;

    private FlightClient(ManagedChannel channel, Location location, FlightClientOptions options) {
        this.channel = channel;
        this.location = location;
        this.options = options;
    }

    /** Connects to {@code grpc://host:port} (also {@code grpc+tcp://}) or {@code grpc+tls://host:port}. */
    public static FlightClient connect(String uri) {
        return connect(new Location(uri), FlightClientOptions.DEFAULT);
    }

    public static FlightClient connect(String uri, FlightClientOptions options) {
        return connect(new Location(uri), options);
    }

    /**
     * Connects to a location. The connection itself is made lazily, on the first call (a server that is not
     * there makes that call fail with UNAVAILABLE).
     */
    public static FlightClient connect(Location location, FlightClientOptions options) {
        URI uri;
        try {
            uri = location.toUri();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URI: " + location.uri(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        boolean tls = switch (scheme) {
            case "grpc", "grpc+tcp" -> false;
            case "grpc+tls" -> true;
            default -> throw new IllegalArgumentException("unsupported Flight URI scheme '" + scheme + "' in "
                    + location.uri() + " (expected grpc://, grpc+tcp:// or grpc+tls://)");
        };
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("a Flight URI needs a host and a port: " + location.uri());
        }
        ChannelCredentials credentials;
        if (!tls) {
            if (options.clientCertificate() != null) {
                throw new IllegalArgumentException("a client certificate needs TLS (grpc+tls://)");
            }
            credentials = InsecureChannelCredentials.create();
        } else {
            try {
                TlsChannelCredentials.Builder t = TlsChannelCredentials.newBuilder();
                if (options.trustedCertificates() != null) t.trustManager(options.trustedCertificates().toFile());
                if (options.clientCertificate() != null) {
                    t.keyManager(options.clientCertificate().toFile(), options.clientKey().toFile());
                }
                credentials = t.build();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the TLS certificates: " + e.getMessage(), e);
            }
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(host, uri.getPort(), credentials)
                .directExecutor() // callbacks only queue messages; readers decode on the caller's thread
                .maxInboundMessageSize(options.maxInboundMessageSize())
                .build();
        return new FlightClient(channel, location, options);
    }

    /** Where this client connects. */
    public Location location() { return location; }

    // ---- authentication ----

    /**
     * Token authentication: a Handshake with {@code authorization: Basic base64(user:password)}; the server
     * answers with a bearer token. Returns call options carrying {@code authorization: Bearer <token>}, to pass to
     * later calls (or to {@link FlightClientOptions#withCallOptions} of a new client), as PyArrow's
     * {@code authenticate_basic_token} returns the header.
     *
     * @throws FlightException UNAUTHENTICATED when the server refuses the credentials
     */
    public FlightCallOptions authenticateBasicToken(String user, String password) {
        return authenticateBasicToken(user, password, FlightCallOptions.DEFAULT);
    }

    public FlightCallOptions authenticateBasicToken(String user, String password, FlightCallOptions callOptions) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        ClientStream<FlightProtos.HandshakeRequest, FlightProtos.HandshakeResponse> s =
                start(Methods.HANDSHAKE, callOptions.withHeader("authorization", "Basic " + basic), x -> {}, false, 4);
        s.halfClose();
        while (s.inbound.take() != null) {
            // the payloads are not part of token authentication
        }
        String bearer = s.headers().get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER));
        if (bearer == null || !bearer.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw FlightException.unauthenticated("the server answered the handshake without a bearer token");
        }
        return FlightCallOptions.DEFAULT.withHeader("authorization", bearer);
    }

    /** A Handshake sending {@code payloads} (none when empty); returns the server's payloads. */
    public List<byte[]> handshake(List<byte[]> payloads) {
        return handshake(payloads, FlightCallOptions.DEFAULT);
    }

    public List<byte[]> handshake(List<byte[]> payloads, FlightCallOptions callOptions) {
        ClientStream<FlightProtos.HandshakeRequest, FlightProtos.HandshakeResponse> s =
                start(Methods.HANDSHAKE, callOptions, x -> {}, false, 4);
        for (byte[] p : payloads) {
            s.send(FlightProtos.HandshakeRequest.newBuilder().setPayload(ByteString.copyFrom(p)).build());
        }
        s.halfClose();
        List<byte[]> out = new ArrayList<>();
        for (FlightProtos.HandshakeResponse r; (r = s.inbound.take()) != null; ) out.add(r.getPayload().toByteArray());
        return out;
    }

    // ---- metadata calls ----

    /** Every flight the server lists. */
    public List<FlightInfo> listFlights() {
        return listFlights(new byte[0], FlightCallOptions.DEFAULT);
    }

    /** The flights matching {@code criteria} (an expression the server defines; empty for all). */
    public List<FlightInfo> listFlights(byte[] criteria, FlightCallOptions callOptions) {
        List<FlightInfo> out = new ArrayList<>();
        for (FlightProtos.FlightInfo i : serverStreaming(Methods.LIST_FLIGHTS,
                FlightProtos.Criteria.newBuilder().setExpression(ByteString.copyFrom(criteria)).build(), callOptions)) {
            out.add(Protos.info(i));
        }
        return out;
    }

    public FlightInfo getFlightInfo(FlightDescriptor descriptor) {
        return getFlightInfo(descriptor, FlightCallOptions.DEFAULT);
    }

    public FlightInfo getFlightInfo(FlightDescriptor descriptor, FlightCallOptions callOptions) {
        return Protos.info(unary(Methods.GET_FLIGHT_INFO, Protos.descriptor(descriptor), callOptions));
    }

    public PollInfo pollFlightInfo(FlightDescriptor descriptor) {
        return pollFlightInfo(descriptor, FlightCallOptions.DEFAULT);
    }

    public PollInfo pollFlightInfo(FlightDescriptor descriptor, FlightCallOptions callOptions) {
        return Protos.poll(unary(Methods.POLL_FLIGHT_INFO, Protos.descriptor(descriptor), callOptions));
    }

    public Schema getSchema(FlightDescriptor descriptor) {
        return getSchema(descriptor, FlightCallOptions.DEFAULT);
    }

    public Schema getSchema(FlightDescriptor descriptor, FlightCallOptions callOptions) {
        return Protos.schema(unary(Methods.GET_SCHEMA, Protos.descriptor(descriptor), callOptions).getSchema()
                .toByteArray(), "SchemaResult.schema");
    }

    // ---- data calls ----

    /**
     * Downloads the stream of {@code ticket}. The reader decodes as it reads (validation per the client's read
     * options); closing it before the end cancels the call, so the server stops sending.
     */
    public FlightStreamReader doGet(Ticket ticket) {
        return doGet(ticket, FlightCallOptions.DEFAULT);
    }

    public FlightStreamReader doGet(Ticket ticket, FlightCallOptions callOptions) {
        ClientStream<FlightProtos.Ticket, FlightFrame> s = start(Methods.DO_GET, callOptions, Methods::discard, false,
                DATA_WINDOW);
        try {
            s.send(Protos.ticket(ticket));
            s.halfClose();
        } catch (RuntimeException e) {
            s.cancel("the request could not be sent");
            throw e;
        }
        return new FlightStreamReader(s.inbound, () -> s.cancel("DoGet cancelled by the client"), "DoGet",
                options.read());
    }

    /**
     * Uploads a stream of {@code schema} for {@code descriptor}: the schema is sent now, with the descriptor;
     * write batches, then {@link FlightPutWriter#close()} to finish.
     */
    public FlightPutWriter doPut(FlightDescriptor descriptor, Schema schema) {
        return doPut(descriptor, schema, FlightCallOptions.DEFAULT);
    }

    public FlightPutWriter doPut(FlightDescriptor descriptor, Schema schema, FlightCallOptions callOptions) {
        ClientStream<FlightFrame, FlightProtos.PutResult> s = start(Methods.DO_PUT, callOptions, x -> {}, true, 4);
        FlightPutWriter w = new FlightPutWriter(s, Protos.descriptor(descriptor).toByteArray(), options.write());
        try {
            w.begin(schema, options.write());
        } catch (RuntimeException e) {
            s.cancel("the upload could not start");
            throw e;
        }
        return w;
    }

    /** Opens a DoExchange for {@code descriptor} (sent at once, in a message of its own). */
    public FlightExchange doExchange(FlightDescriptor descriptor) {
        return doExchange(descriptor, FlightCallOptions.DEFAULT);
    }

    public FlightExchange doExchange(FlightDescriptor descriptor, FlightCallOptions callOptions) {
        ClientStream<FlightFrame, FlightFrame> s = start(Methods.DO_EXCHANGE, callOptions, Methods::discard, false,
                DATA_WINDOW);
        try {
            s.send(new FlightFrame.Outgoing(Protos.descriptor(descriptor).toByteArray(), null, null, List.of(), 0));
        } catch (RuntimeException e) {
            s.cancel("the exchange could not start");
            throw e;
        }
        FlightStreamWriter w = new FlightStreamWriter(s, null, options.write());
        FlightStreamReader r = new FlightStreamReader(s.inbound, () -> s.cancel("DoExchange cancelled by the client"),
                "DoExchange", options.read());
        return new FlightExchange(w, r);
    }

    // ---- actions ----

    /** Runs an action; returns its results. */
    public List<Result> doAction(Action action) {
        return doAction(action, FlightCallOptions.DEFAULT);
    }

    public List<Result> doAction(Action action, FlightCallOptions callOptions) {
        List<Result> out = new ArrayList<>();
        for (FlightProtos.Result r : serverStreaming(Methods.DO_ACTION, FlightProtos.Action.newBuilder()
                .setType(action.type()).setBody(ByteString.copyFrom(action.body())).build(), callOptions)) {
            out.add(new Result(r.getBody().toByteArray()));
        }
        return out;
    }

    public List<ActionType> listActions() {
        return listActions(FlightCallOptions.DEFAULT);
    }

    public List<ActionType> listActions(FlightCallOptions callOptions) {
        List<ActionType> out = new ArrayList<>();
        for (FlightProtos.ActionType t : serverStreaming(Methods.LIST_ACTIONS, FlightProtos.Empty.getDefaultInstance(),
                callOptions)) {
            out.add(new ActionType(t.getType(), t.getDescription()));
        }
        return out;
    }

    /** The CancelFlightInfo action: asks the server to cancel the query behind {@code info}. */
    public CancelStatus cancelFlightInfo(FlightInfo info) {
        return cancelFlightInfo(info, FlightCallOptions.DEFAULT);
    }

    public CancelStatus cancelFlightInfo(FlightInfo info, FlightCallOptions callOptions) {
        return StandardActions.cancelStatus(firstResult(StandardActions.cancelFlightInfo(info), callOptions));
    }

    /** The RenewFlightEndpoint action: returns the endpoint with its new expiration time. */
    public FlightEndpoint renewFlightEndpoint(FlightEndpoint endpoint) {
        return renewFlightEndpoint(endpoint, FlightCallOptions.DEFAULT);
    }

    public FlightEndpoint renewFlightEndpoint(FlightEndpoint endpoint, FlightCallOptions callOptions) {
        return StandardActions.endpoint(firstResult(StandardActions.renewFlightEndpoint(endpoint), callOptions));
    }

    private Result firstResult(Action action, FlightCallOptions callOptions) {
        List<Result> r = doAction(action, callOptions);
        if (r.isEmpty()) throw new FlightException(FlightStatusCode.INTERNAL, action.type() + " returned no result");
        return r.get(0);
    }

    // ---- plumbing ----

    private <Req, Resp> Resp unary(MethodDescriptor<Req, Resp> method, Req request, FlightCallOptions callOptions) {
        List<Resp> all = serverStreaming(method, request, callOptions);
        if (all.size() != 1) {
            throw new FlightException(FlightStatusCode.INTERNAL, method.getBareMethodName() + " answered "
                    + all.size() + " messages, expected one");
        }
        return all.get(0);
    }

    private <Req, Resp> List<Resp> serverStreaming(MethodDescriptor<Req, Resp> method, Req request,
                                                   FlightCallOptions callOptions) {
        ClientStream<Req, Resp> s = start(method, callOptions, x -> {}, false, 16);
        try {
            s.send(request);
            s.halfClose();
            List<Resp> out = new ArrayList<>();
            for (Resp r; (r = s.inbound.take()) != null; ) out.add(r);
            return out;
        } catch (RuntimeException e) {
            s.cancel("the call failed on the client: " + e.getMessage());
            throw e;
        }
    }

    /** Starts a call of any method (also raw ones, for tests of what peers may send). */
    <Req, Resp> ClientStream<Req, Resp> start(MethodDescriptor<Req, Resp> method, FlightCallOptions callOptions,
                                              Consumer<Resp> discard, boolean eager, int window) {
        FlightCallOptions o = options.callOptions().merge(callOptions);
        CallOptions grpc = CallOptions.DEFAULT.withOnReadyThreshold(Readiness.THRESHOLD);
        if (o.timeout() != null) grpc = grpc.withDeadlineAfter(o.timeout().toNanos(), TimeUnit.NANOSECONDS);
        Metadata headers = new Metadata();
        for (Map.Entry<String, String> h : o.headers()) FlightService.put(headers, h.getKey(), h.getValue());
        ClientStream<Req, Resp> s = new ClientStream<>(channel.newCall(method, grpc), discard, eager,
                method.getType().clientSendsOneMessage());
        return s.start(headers, window);
    }

    /** Closes the connection: calls in flight are given 5 seconds, then cancelled. */
    @Override
    public void close() {
        close(java.time.Duration.ofSeconds(5));
    }

    /** Closes the connection, giving calls in flight {@code grace} to finish before they are cancelled. */
    public void close(java.time.Duration grace) {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                channel.shutdownNow();
                channel.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
