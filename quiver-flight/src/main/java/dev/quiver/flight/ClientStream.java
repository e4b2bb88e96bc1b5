package dev.quiver.flight;

import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One client call of any shape: messages received wait in an {@link InboundQueue}, messages sent wait for the
 * transport's readiness; the call's end (status and trailers) fails both sides with the server's error.
 */
final class ClientStream<Req, Resp> extends ClientCall.Listener<Resp> implements Outbound<Req> {
    private final ClientCall<Req, Resp> call;
    final InboundQueue<Resp> inbound;
    private final Readiness readiness = new Readiness();
    private final CompletableFuture<Metadata> headers = new CompletableFuture<>();
    private final CompletableFuture<Status> closed = new CompletableFuture<>();
    private final Object sendLock = new Object();
    private final boolean flowControlled;

    /**
     * @param oneRequest the method sends a single request (unary, server streaming): gRPC reports no readiness
     *                   for those, and one message needs no flow control
     */
    ClientStream(ClientCall<Req, Resp> call, Consumer<Resp> discard, boolean eager, boolean oneRequest) {
        this.call = call;
        this.flowControlled = !oneRequest;
        this.inbound = new InboundQueue<>(discard, eager);
    }

    /** Starts the call with {@code metadata} as its headers, letting {@code window} messages in. */
    ClientStream<Req, Resp> start(Metadata metadata, int window) {
        call.start(this, metadata);
        inbound.start(call::request, window);
        return this;
    }

    @Override
    public void onHeaders(Metadata h) {
        headers.complete(h);
    }

    @Override
    public void onMessage(Resp message) {
        inbound.add(message);
    }

    @Override
    public void onReady() {
        readiness.signal();
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
        // a response without messages may be "trailers-only": what the server put in its headers (the bearer token
        // of a Handshake answered by Arrow Java, say) then comes in the trailers
        headers.complete(trailers == null ? new Metadata() : trailers);
        if (status.isOk()) {
            inbound.end(null);
            readiness.fail(FlightException.cancelled("the call is over"));
        } else {
            FlightException e = Errors.fromStatus(status);
            inbound.end(e);
            readiness.fail(e);
        }
        closed.complete(status);
    }

    @Override
    public void send(Req message) {
        synchronized (sendLock) {
            if (flowControlled) {
                readiness.await(call::isReady);
            } else {
                RuntimeException over = readiness.failure();
                if (over != null) throw Errors.again(over);
            }
            call.sendMessage(message);
        }
    }

    @Override
    public void halfClose() {
        synchronized (sendLock) {
            if (readiness.failure() != null) return;
            try {
                call.halfClose();
            } catch (IllegalStateException ignored) {
                // the call ended meanwhile; its status says why
            }
        }
    }

    @Override
    public void cancel(String why) {
        call.cancel(why, null);
    }

    /** The response headers (empty if the call ended without any), waiting for them. */
    Metadata headers() {
        return headers.join();
    }

    /** Waits for the end of the call; throws the server's error if it failed. */
    void awaitClose() {
        Status s = closed.join();
        if (!s.isOk()) throw Errors.fromStatus(s);
    }
}
