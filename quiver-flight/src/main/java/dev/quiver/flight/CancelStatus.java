package dev.quiver.flight;

/** The answer to the CancelFlightInfo action (Flight's {@code CancelStatus}). */
public enum CancelStatus {
    /** Unknown; servers should not send it. */
    UNSPECIFIED,
    /** Cancelled. */
    CANCELLED,
    /** Cancellation is in progress; the client may ask again. */
    CANCELLING,
    /** The query cannot be cancelled. */
    NOT_CANCELLABLE
}
