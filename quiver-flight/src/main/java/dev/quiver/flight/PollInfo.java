package dev.quiver.flight;

import java.time.Instant;

/**
 * The state of a long-running query (Flight's {@code PollInfo}, the answer of PollFlightInfo).
 *
 * @param info           the results available so far (complete when {@code next} is null), or null
 * @param next           the descriptor to poll with next, or null once the query is complete
 * @param progress       progress in [0, 1], or null when unknown
 * @param expirationTime after this the server may refuse {@code next}, or null
 */
public record PollInfo(FlightInfo info, FlightDescriptor next, Double progress, Instant expirationTime) {
    public PollInfo {
        if (progress != null && !(progress >= 0 && progress <= 1)) {
            throw new IllegalArgumentException("progress must be in [0, 1]: " + progress);
        }
    }

    /** A complete query whose results are {@code info}. */
    public static PollInfo complete(FlightInfo info) {
        return new PollInfo(info, null, 1.0, null);
    }

    public boolean isComplete() { return next == null; }
}
