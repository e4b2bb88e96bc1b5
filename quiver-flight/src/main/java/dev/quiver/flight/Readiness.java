package dev.quiver.flight;

import java.util.function.BooleanSupplier;

/**
 * Outbound flow control for a call: a sender waits until gRPC's transport is ready for more (so memory held for
 * sending stays bounded) or until the call is over (then it learns why).
 */
final class Readiness {
    /**
     * A call counts as ready while less than this is queued for the transport (gRPC's default, 32 KiB, lets no
     * second message of a stream of large batches be prepared while the first goes out).
     */
    static final int THRESHOLD = 4 << 20;

    private RuntimeException over;

    /** gRPC said the call is ready (or its state changed). */
    synchronized void signal() {
        notifyAll();
    }

    /** The call is over: senders waiting or to come throw {@code why}. */
    synchronized void fail(RuntimeException why) {
        if (over == null) over = why;
        notifyAll();
    }

    synchronized RuntimeException failure() {
        return over;
    }

    /** Waits until {@code ready} holds, or throws what ended the call. */
    synchronized void await(BooleanSupplier ready) {
        while (over == null && !ready.getAsBoolean()) {
            try {
                // onReady is the signal; the short timeout bounds the cost of one that comes late (seen on a loaded
                // machine: the call ready again well before its onReady arrived)
                wait(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw FlightException.cancelled("interrupted while waiting to send");
            }
        }
        if (over != null) throw Errors.again(over);
    }
}
