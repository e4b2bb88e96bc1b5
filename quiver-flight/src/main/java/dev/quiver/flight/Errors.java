package dev.quiver.flight;

import dev.quiver.LimitExceededException;
import dev.quiver.QuiverException;
import dev.quiver.UnsupportedFeatureException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Exceptions to gRPC statuses (servers) and back (clients). */
final class Errors {
    private Errors() {}

    /** The status a server ends a call with when its producer threw {@code t}. */
    static Status toStatus(Throwable t) {
        return switch (t) {
            case FlightException f -> f.toStatus().withCause(f);
            case LimitExceededException l -> Status.RESOURCE_EXHAUSTED.withDescription(l.getMessage());
            case UnsupportedFeatureException u -> Status.UNIMPLEMENTED.withDescription(u.getMessage());
            case QuiverException q -> Status.INVALID_ARGUMENT.withDescription(q.getMessage());
            case StatusRuntimeException s -> s.getStatus();
            case StatusException s -> s.getStatus();
            case UncheckedIOException u -> Status.INTERNAL.withDescription("I/O error: " + u.getCause().getMessage());
            case IOException io -> Status.INTERNAL.withDescription("I/O error: " + io.getMessage());
            case IllegalArgumentException i -> Status.INVALID_ARGUMENT.withDescription(i.getMessage());
            default -> Status.INTERNAL.withDescription(t.toString()).withCause(t);
        };
    }

    /** The exception a client raises for the status a call ended with. */
    static FlightException fromStatus(Status status) {
        String description = status.getDescription();
        if (description == null) description = status.getCode().toString();
        return new FlightException(FlightStatusCode.of(status.getCode()), description, status.getCause());
    }

    /**
     * A failure stored for every later caller (a call's end), thrown afresh each time: the same instance thrown
     * twice would break try-with-resources (an exception cannot suppress itself) and carry the first thrower's stack.
     */
    static RuntimeException again(RuntimeException stored) {
        if (stored instanceof FlightException f && f.getClass() == FlightException.class) {
            return new FlightException(f.code(), f.getMessage(), f.getCause());
        }
        return stored;
    }

    /** The client exception for anything a gRPC call threw. */
    static RuntimeException fromThrowable(Throwable t) {
        return switch (t) {
            case FlightException f -> f;
            case QuiverException q -> q;
            case StatusRuntimeException s -> fromStatus(s.getStatus());
            case StatusException s -> fromStatus(s.getStatus());
            case RuntimeException r -> r;
            default -> new FlightException(FlightStatusCode.INTERNAL, t.toString(), t);
        };
    }
}
