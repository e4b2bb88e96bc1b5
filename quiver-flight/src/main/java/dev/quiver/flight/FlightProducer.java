package dev.quiver.flight;

import dev.quiver.type.Schema;

/**
 * What a Flight server does: one method per RPC, each called on a thread of the server's executor, blocking as it
 * likes (sends wait for the client: flow control). A method that returns ends its call successfully; one that
 * throws ends it with the status of the exception ({@link FlightException}'s code; Quiver's
 * {@link dev.quiver.InvalidDataException} for bad client data becomes INVALID_ARGUMENT,
 * {@link dev.quiver.LimitExceededException} RESOURCE_EXHAUSTED, {@link dev.quiver.UnsupportedFeatureException}
 * UNIMPLEMENTED, anything else INTERNAL). Every method is UNIMPLEMENTED unless overridden, except
 * {@link #handshake} (which accepts) and {@link #getSchema} (which asks {@link #getFlightInfo}).
 */
public interface FlightProducer {

    /** Both directions of a Handshake call. */
    interface HandshakeStream {
        /** The next payload from the client, or null when it has sent all. */
        byte[] read();

        /** Sends a payload to the client. */
        void send(byte[] payload);
    }

    /**
     * A Handshake. Header-based authentication (the server's {@link ServerAuthenticator}) happens before this is
     * called, so the default reads what the client sends and answers nothing: the handshake succeeds.
     */
    default void handshake(CallContext context, HandshakeStream stream) {
        while (stream.read() != null) {
            // nothing to answer
        }
    }

    /** Sends the flights that match {@code criteria} (empty for all). */
    default void listFlights(CallContext context, byte[] criteria, StreamSink<FlightInfo> flights) {
        throw FlightException.unimplemented("ListFlights is not implemented by this server");
    }

    default FlightInfo getFlightInfo(CallContext context, FlightDescriptor descriptor) {
        throw FlightException.unimplemented("GetFlightInfo is not implemented by this server");
    }

    default PollInfo pollFlightInfo(CallContext context, FlightDescriptor descriptor) {
        throw FlightException.unimplemented("PollFlightInfo is not implemented by this server");
    }

    /** The schema of a flight; by default that of {@link #getFlightInfo}. */
    default Schema getSchema(CallContext context, FlightDescriptor descriptor) {
        Schema s = getFlightInfo(context, descriptor).schema();
        if (s == null) throw FlightException.notFound("no schema for " + descriptor);
        return s;
    }

    /** Sends the stream {@code ticket} names: {@code out.begin(schema)}, then batches. */
    default void doGet(CallContext context, Ticket ticket, FlightStreamWriter out) {
        throw FlightException.unimplemented("DoGet is not implemented by this server");
    }

    /**
     * Receives an uploaded stream ({@code in.descriptor()} says what it is) and may acknowledge it as it goes.
     * Returning before the end of the stream ends the call all the same.
     */
    default void doPut(CallContext context, FlightStreamReader in, StreamSink<PutResult> acks) {
        throw FlightException.unimplemented("DoPut is not implemented by this server");
    }

    /** Reads from and writes to the client in one call. */
    default void doExchange(CallContext context, FlightStreamReader in, FlightStreamWriter out) {
        throw FlightException.unimplemented("DoExchange is not implemented by this server");
    }

    /** Runs an action, sending its results (see {@link StandardActions} for the actions the specification defines). */
    default void doAction(CallContext context, Action action, StreamSink<Result> results) {
        throw FlightException.unimplemented("DoAction is not implemented by this server (action '" + action.type() + "')");
    }

    /** Sends the actions this server offers. */
    default void listActions(CallContext context, StreamSink<ActionType> actions) {
        throw FlightException.unimplemented("ListActions is not implemented by this server");
    }
}
