package dev.quiver.flight;

/**
 * Both sides of a client's DoExchange: the {@link #writer()} sends to the server (call {@link
 * FlightStreamWriter#begin} before writing batches) and the {@link #reader()} reads what it sends back. The two
 * flow independently; a client that writes much before it reads should read on another thread, since the server's
 * sends wait for this client to read (flow control). {@link #close()} ends the writing side and cancels the call
 * if the reader has not reached the end.
 */
public final class FlightExchange implements AutoCloseable {
    private final FlightStreamWriter writer;
    private final FlightStreamReader reader;

    FlightExchange(FlightStreamWriter writer, FlightStreamReader reader) {
        this.writer = writer;
        this.reader = reader;
    }

    public FlightStreamWriter writer() { return writer; }

    public FlightStreamReader reader() { return reader; }

    @Override
    public void close() {
        try {
            if (!writer.isDone()) writer.doneWriting();
        } catch (FlightException ignored) {
            // the call is already over; the reader says why
        } finally {
            reader.close();
        }
    }
}
