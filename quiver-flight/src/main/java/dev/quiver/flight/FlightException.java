package dev.quiver.flight;

import io.grpc.Status;

/**
 * A Flight call failed: the {@link #code()} says why, the message what and where. Clients receive it for the
 * status a server ended a call with; producers throw it to end a call with that status (any other exception a
 * producer throws becomes INVALID_ARGUMENT, RESOURCE_EXHAUSTED or UNIMPLEMENTED for Quiver's input errors, else
 * INTERNAL). Bad data a client receives is a {@link dev.quiver.QuiverException} instead, as for files.
 */
public class FlightException extends RuntimeException {
    private final FlightStatusCode code;

    public FlightException(FlightStatusCode code, String message) {
        this(code, message, null);
    }

    public FlightException(FlightStatusCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = java.util.Objects.requireNonNull(code, "code");
    }

    public FlightStatusCode code() { return code; }

    public static FlightException invalidArgument(String message) {
        return new FlightException(FlightStatusCode.INVALID_ARGUMENT, message);
    }

    public static FlightException notFound(String message) {
        return new FlightException(FlightStatusCode.NOT_FOUND, message);
    }

    public static FlightException alreadyExists(String message) {
        return new FlightException(FlightStatusCode.ALREADY_EXISTS, message);
    }

    public static FlightException unimplemented(String message) {
        return new FlightException(FlightStatusCode.UNIMPLEMENTED, message);
    }

    public static FlightException unauthenticated(String message) {
        return new FlightException(FlightStatusCode.UNAUTHENTICATED, message);
    }

    public static FlightException cancelled(String message) {
        return new FlightException(FlightStatusCode.CANCELLED, message);
    }

    /** The gRPC status that carries this exception. */
    public Status toStatus() {
        return Status.fromCode(code.grpcCode()).withDescription(getMessage());
    }

    @Override
    public String toString() {
        return "FlightException(" + code + "): " + getMessage();
    }
}
