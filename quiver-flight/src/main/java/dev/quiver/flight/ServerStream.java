package dev.quiver.flight;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;

import java.util.function.Consumer;

/**
 * One server call of any shape, the mirror of {@link ClientStream}: messages received wait in an
 * {@link InboundQueue}, messages sent wait for the transport's readiness, and a cancelled call (client gone,
 * deadline, server shutting down now) fails both sides with CANCELLED.
 */
final class ServerStream<Req, Resp> extends ServerCall.Listener<Req> implements Outbound<Resp> {
    private final ServerCall<Req, Resp> call;
    final InboundQueue<Req> inbound;
    private final Readiness readiness = new Readiness();
    private final Object sendLock = new Object();
    private volatile boolean cancelled;
    private boolean closed;

    ServerStream(ServerCall<Req, Resp> call, Consumer<Req> discard) {
        this.call = call;
        this.inbound = new InboundQueue<>(discard);
    }

    boolean isCancelled() { return cancelled; }

    @Override
    public void onMessage(Req message) {
        inbound.add(message);
    }

    @Override
    public void onHalfClose() {
        inbound.end(null);
    }

    @Override
    public void onCancel() {
        cancelled = true;
        FlightException e = FlightException.cancelled("the call was cancelled (the client went away, its deadline "
                + "passed, or the server is shutting down)");
        inbound.end(e);
        readiness.fail(e);
    }

    @Override
    public void onComplete() {
        readiness.fail(FlightException.cancelled("the call is over"));
    }

    @Override
    public void onReady() {
        readiness.signal();
    }

    @Override
    public void send(Resp message) {
        synchronized (sendLock) {
            if (closed) throw new IllegalStateException("the call is over");
            readiness.await(call::isReady);
            call.sendMessage(message);
        }
    }

    @Override
    public void halfClose() {
        // a server's side ends when its producer returns
    }

    @Override
    public void cancel(String why) {
        close(Status.CANCELLED.withDescription(why));
    }

    /** Ends the call with {@code status} (once; later calls do nothing). */
    void close(Status status) {
        synchronized (sendLock) {
            if (closed) return;
            closed = true;
            try {
                call.close(status, new Metadata());
            } catch (IllegalStateException ignored) {
                // already closed by gRPC (cancelled)
            }
        }
    }
}
