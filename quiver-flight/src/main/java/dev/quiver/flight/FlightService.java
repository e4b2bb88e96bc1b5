package dev.quiver.flight;

import com.google.protobuf.ByteString;
import dev.quiver.flight.proto.FlightProtos;
import dev.quiver.ipc.IpcReadOptions;
import dev.quiver.ipc.IpcWriteOptions;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Flight's gRPC service over a {@link FlightProducer}: each call is authenticated from its headers, then served by
 * the producer on a thread of the executor (blocking there as it likes), and ended with the status of what the
 * producer did. Requests are taken and responses sent through {@link ServerStream}s, with flow control both ways.
 */
final class FlightService {
    /** FlightData messages a DoPut or DoExchange lets in ahead of the producer. */
    private static final int DATA_WINDOW = 4;

    private final FlightProducer producer;
    private final ServerAuthenticator authenticator;
    private final Executor executor;
    private final IpcReadOptions readOptions;
    private final IpcWriteOptions writeOptions;
    private final long maxMessageSize;

    FlightService(FlightProducer producer, ServerAuthenticator authenticator, Executor executor,
                  IpcReadOptions readOptions, IpcWriteOptions writeOptions, long maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
        this.producer = producer;
        this.authenticator = authenticator;
        this.executor = executor;
        this.readOptions = readOptions;
        this.writeOptions = writeOptions;
    }

    /** What one RPC does once authenticated, on the executor. */
    private interface Body<Req, Resp> {
        void run(CallContext context, ServerStream<Req, Resp> call) throws Exception;
    }

    ServerServiceDefinition definition() {
        return ServerServiceDefinition.builder(Methods.HANDSHAKE.getServiceName())
                .addMethod(Methods.HANDSHAKE, handler("Handshake", 2, (ctx, s) -> producer.handshake(ctx,
                        new FlightProducer.HandshakeStream() {
                            @Override
                            public byte[] read() {
                                FlightProtos.HandshakeRequest r = s.inbound.take();
                                return r == null ? null : r.getPayload().toByteArray();
                            }

                            @Override
                            public void send(byte[] payload) {
                                s.send(FlightProtos.HandshakeResponse.newBuilder()
                                        .setPayload(ByteString.copyFrom(payload)).build());
                            }
                        })))
                .addMethod(Methods.LIST_FLIGHTS, handler("ListFlights", 1, (ctx, s) -> producer.listFlights(ctx,
                        request(s).getExpression().toByteArray(), info -> s.send(Protos.info(info)))))
                .addMethod(Methods.GET_FLIGHT_INFO, handler("GetFlightInfo", 1, (ctx, s) ->
                        s.send(Protos.info(nonNull(producer.getFlightInfo(ctx, Protos.descriptor(request(s))),
                                "GetFlightInfo")))))
                .addMethod(Methods.POLL_FLIGHT_INFO, handler("PollFlightInfo", 1, (ctx, s) ->
                        s.send(Protos.poll(nonNull(producer.pollFlightInfo(ctx, Protos.descriptor(request(s))),
                                "PollFlightInfo")))))
                .addMethod(Methods.GET_SCHEMA, handler("GetSchema", 1, (ctx, s) ->
                        s.send(FlightProtos.SchemaResult.newBuilder().setSchema(ByteString.copyFrom(Protos.schemaBytes(
                                nonNull(producer.getSchema(ctx, Protos.descriptor(request(s))), "GetSchema")))).build())))
                .addMethod(Methods.DO_GET, handler("DoGet", 1, (ctx, s) -> {
                    Ticket ticket = Protos.ticket(request(s));
                    FlightStreamWriter out = new FlightStreamWriter(s, null, writeOptions);
                    producer.doGet(ctx, ticket, out);
                }))
                .addMethod(Methods.DO_PUT, handler("DoPut", DATA_WINDOW, (ctx, s) -> {
                    try (FlightStreamReader in = new FlightStreamReader(s.inbound, () -> {}, "DoPut", readOptions,
                            maxMessageSize)) {
                        producer.doPut(ctx, in, ack -> s.send(FlightProtos.PutResult.newBuilder()
                                .setAppMetadata(ByteString.copyFrom(ack.appMetadata())).build()));
                    }
                }))
                .addMethod(Methods.DO_EXCHANGE, handler("DoExchange", DATA_WINDOW, (ctx, s) -> {
                    try (FlightStreamReader in = new FlightStreamReader(s.inbound, () -> {}, "DoExchange",
                            readOptions, maxMessageSize)) {
                        producer.doExchange(ctx, in, new FlightStreamWriter(s, null, writeOptions));
                    }
                }))
                .addMethod(Methods.DO_ACTION, handler("DoAction", 1, (ctx, s) -> {
                    FlightProtos.Action a = request(s);
                    producer.doAction(ctx, new Action(a.getType(), a.getBody().toByteArray()),
                            r -> s.send(FlightProtos.Result.newBuilder().setBody(ByteString.copyFrom(r.body())).build()));
                }))
                .addMethod(Methods.LIST_ACTIONS, handler("ListActions", 1, (ctx, s) -> {
                    request(s);
                    producer.listActions(ctx, t -> s.send(FlightProtos.ActionType.newBuilder().setType(t.type())
                            .setDescription(t.description()).build()));
                }))
                .build();
    }

    /** The one request message of a call that takes one. */
    private static <Req> Req request(ServerStream<Req, ?> s) {
        Req r = s.inbound.take();
        if (r == null) throw FlightException.invalidArgument("the client sent no request message");
        return r;
    }

    private static <T> T nonNull(T value, String method) {
        if (value == null) throw new FlightException(FlightStatusCode.INTERNAL, "the producer's " + method + " returned null");
        return value;
    }

    private <Req, Resp> ServerCallHandler<Req, Resp> handler(String name, int window, Body<Req, Resp> body) {
        return (call, headers) -> {
            Map<String, List<String>> h = headerMap(headers);
            ServerAuthenticator.Outcome auth;
            try {
                auth = authenticator == null ? new ServerAuthenticator.Outcome("", Map.of())
                        : authenticator.authenticate(name, h);
            } catch (RuntimeException e) {
                call.close(Errors.toStatus(e), new Metadata());
                return new ServerCall.Listener<>() {};
            }
            Metadata response = new Metadata();
            auth.responseHeaders().forEach((k, v) -> put(response, k, v));
            call.setOnReadyThreshold(Readiness.THRESHOLD);
            call.sendHeaders(response);
            ServerStream<Req, Resp> s = new ServerStream<>(call, Methods::discard);
            CallContext ctx = new CallContext(name, auth.peerIdentity(), h, s::isCancelled);
            s.inbound.start(call::request, window);
            try {
                executor.execute(() -> run(body, ctx, s));
            } catch (RejectedExecutionException e) {
                s.close(Status.UNAVAILABLE.withDescription("the server is shutting down"));
            }
            return s;
        };
    }

    private static <Req, Resp> void run(Body<Req, Resp> body, CallContext ctx, ServerStream<Req, Resp> s) {
        try {
            body.run(ctx, s);
            s.close(Status.OK);
        } catch (Throwable t) {
            s.close(Errors.toStatus(t));
            if (t instanceof Error e && !(t instanceof StackOverflowError)) throw e;
        } finally {
            s.inbound.abandon();
        }
    }

    /**
     * Headers by lower-case name; binary ones ({@code -bin}) as ISO-8859-1 strings, one character per byte (so
     * tokens such as {@code auth-token-bin} come through unchanged).
     */
    private static Map<String, List<String>> headerMap(Metadata headers) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String k : headers.keys()) {
            List<String> list = new java.util.ArrayList<>();
            if (k.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                Iterable<byte[]> values = headers.getAll(Metadata.Key.of(k, Metadata.BINARY_BYTE_MARSHALLER));
                if (values != null) values.forEach(v -> list.add(new String(v, StandardCharsets.ISO_8859_1)));
            } else {
                Iterable<String> values = headers.getAll(Metadata.Key.of(k, Metadata.ASCII_STRING_MARSHALLER));
                if (values != null) values.forEach(list::add);
            }
            m.put(k, List.copyOf(list));
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Puts a header, binary ({@code -bin}) ones from ISO-8859-1 strings. */
    static void put(Metadata metadata, String name, String value) {
        if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
            metadata.put(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER), value.getBytes(StandardCharsets.ISO_8859_1));
        } else {
            metadata.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value);
        }
    }
}
