/**
 * Quiver Flight: Arrow Flight RPC (client, server and a directory server) on grpc-java, carrying Quiver's IPC
 * messages.
 *
 * <p>Public API (exported): {@link dev.quiver.flight} and {@link dev.quiver.flight.directory}. The classes
 * generated from {@code Flight.proto} ({@code dev.quiver.flight.proto}) are internal; they are opened to
 * protobuf-java, which reads generated messages reflectively.
 */
// grpc-java and protobuf-java are automatic modules (their manifests' Automatic-Module-Name).
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.quiver.flight {
    requires transitive dev.quiver.core;
    requires transitive io.grpc; // FlightException.toStatus, FlightStatusCode: io.grpc.Status
    requires io.grpc.stub;
    requires io.grpc.protobuf;
    requires io.grpc.netty.shaded;
    requires com.google.protobuf;
    requires com.google.common; // ListenableFuture in the generated future stub
    // Guava's failureaccess (an explicit module that guava-android, an automatic module, cannot require): without
    // this it is not resolved on the module path, and gRPC's futures fail with NoClassDefFoundError.
    requires com.google.common.util.concurrent.internal;

    exports dev.quiver.flight;
    exports dev.quiver.flight.directory;

    opens dev.quiver.flight.proto to com.google.protobuf;
}
