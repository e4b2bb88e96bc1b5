package dev.quiver.flight;

/** The sending side of a call, client or server. */
interface Outbound<T> {
    /** Sends one message once the transport is ready; throws a {@link FlightException} when the call is over. */
    void send(T message);

    /** No more messages from this side (a client half-closes; a server's call ends when its producer returns). */
    void halfClose();

    /** Ends the call now (the other side sees it cancelled). */
    void cancel(String why);
}
