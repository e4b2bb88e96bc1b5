package dev.quiver.flight;

import io.grpc.Status;

/**
 * Why a Flight call failed, as the Flight specification lists the codes (and PyArrow's {@code FlightError}
 * subclasses name them); each is carried as a gRPC status code.
 */
public enum FlightStatusCode {
    UNKNOWN(Status.Code.UNKNOWN),
    INTERNAL(Status.Code.INTERNAL),
    INVALID_ARGUMENT(Status.Code.INVALID_ARGUMENT),
    TIMED_OUT(Status.Code.DEADLINE_EXCEEDED),
    NOT_FOUND(Status.Code.NOT_FOUND),
    ALREADY_EXISTS(Status.Code.ALREADY_EXISTS),
    CANCELLED(Status.Code.CANCELLED),
    UNAUTHENTICATED(Status.Code.UNAUTHENTICATED),
    UNAUTHORIZED(Status.Code.PERMISSION_DENIED),
    UNIMPLEMENTED(Status.Code.UNIMPLEMENTED),
    UNAVAILABLE(Status.Code.UNAVAILABLE),
    RESOURCE_EXHAUSTED(Status.Code.RESOURCE_EXHAUSTED),
    FAILED_PRECONDITION(Status.Code.FAILED_PRECONDITION);

    private final Status.Code grpc;

    FlightStatusCode(Status.Code grpc) {
        this.grpc = grpc;
    }

    /** The gRPC status code that carries this code. */
    public Status.Code grpcCode() { return grpc; }

    /** The Flight code of a gRPC status code (codes Flight does not name become UNKNOWN or their nearest). */
    public static FlightStatusCode of(Status.Code code) {
        return switch (code) {
            case OK, UNKNOWN -> UNKNOWN;
            case CANCELLED -> CANCELLED;
            case INVALID_ARGUMENT, OUT_OF_RANGE -> INVALID_ARGUMENT;
            case DEADLINE_EXCEEDED -> TIMED_OUT;
            case NOT_FOUND -> NOT_FOUND;
            case ALREADY_EXISTS -> ALREADY_EXISTS;
            case PERMISSION_DENIED -> UNAUTHORIZED;
            case RESOURCE_EXHAUSTED -> RESOURCE_EXHAUSTED;
            case FAILED_PRECONDITION, ABORTED -> FAILED_PRECONDITION;
            case UNIMPLEMENTED -> UNIMPLEMENTED;
            case INTERNAL, DATA_LOSS -> INTERNAL;
            case UNAVAILABLE -> UNAVAILABLE;
            case UNAUTHENTICATED -> UNAUTHENTICATED;
        };
    }
}
