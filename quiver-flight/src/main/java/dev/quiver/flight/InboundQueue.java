package dev.quiver.flight;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The messages a call receives, handed from gRPC's thread (which adds them) to the thread that reads them, with
 * flow control: gRPC is asked for one more message each time one is taken, so no more than the window waits here
 * however fast the peer sends.
 */
final class InboundQueue<T> {
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final Consumer<T> discard;
    private final boolean eager;
    private IntConsumer request = n -> {};
    private boolean ended;
    private RuntimeException failure;
    private boolean abandoned;

    /** @param discard releases a message that is dropped without being read (frames' memory) */
    InboundQueue(Consumer<T> discard) {
        this(discard, false);
    }

    /**
     * @param eager ask for the next message as soon as one arrives rather than when one is taken: for small
     *              messages that must never hold the peer back (DoPut's acknowledgements)
     */
    InboundQueue(Consumer<T> discard, boolean eager) {
        this.discard = discard;
        this.eager = eager;
    }

    /** Starts the flow: {@code request} asks gRPC for more messages; {@code window} are asked for now. */
    void start(IntConsumer request, int window) {
        synchronized (this) {
            this.request = request;
        }
        request.accept(window);
    }

    void add(T item) {
        IntConsumer r = null;
        boolean keep;
        synchronized (this) {
            keep = !abandoned;
            if (keep) {
                items.add(item);
                notifyAll();
            }
            if (eager) r = request;
        }
        if (!keep) discard.accept(item);
        if (r != null) r.accept(1);
    }

    /** No more messages: the call ended, normally ({@code failure} null) or not. */
    synchronized void end(RuntimeException failure) {
        if (ended) return;
        ended = true;
        this.failure = failure;
        notifyAll();
    }

    /**
     * The next message, waiting for it; null once the call ended normally and every message was taken.
     *
     * @throws RuntimeException the failure the call ended with, once the messages before it were taken
     */
    T take() {
        T item;
        IntConsumer r;
        synchronized (this) {
            while (items.isEmpty() && !ended) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw FlightException.cancelled("interrupted while waiting for a message");
                }
            }
            item = items.poll();
            if (item == null) {
                if (failure != null) throw Errors.again(failure);
                return null;
            }
            r = eager ? null : request;
        }
        if (r != null) r.accept(1);
        return item;
    }

    /** Whether the call ended and every message was taken. */
    synchronized boolean isDone() {
        return ended && items.isEmpty();
    }

    /** Drops what waits and everything that still arrives (the reader is gone). */
    void abandon() {
        ArrayDeque<T> dropped;
        synchronized (this) {
            abandoned = true;
            dropped = new ArrayDeque<>(items);
            items.clear();
        }
        for (T t : dropped) discard.accept(t);
    }
}
