package dev.quiver.flight;

/**
 * Where a producer sends the results of a streaming call (flights listed, action results, DoPut
 * acknowledgements). {@link #send} waits while the transport is not ready (flow control) and throws a
 * {@link FlightException} (CANCELLED) once the client has gone, so a producer that sends in a loop stops when
 * nobody listens.
 */
@FunctionalInterface
public interface StreamSink<T> {
    void send(T item);
}
