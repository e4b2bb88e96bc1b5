package dev.quiver.flight;

import dev.quiver.flight.proto.FlightProtos;
import dev.quiver.flight.proto.FlightServiceGrpc;
import io.grpc.MethodDescriptor;

/**
 * The methods of Flight's service, as generated from Flight.proto; the three that carry {@code FlightData} use
 * {@link FlightDataCodec} instead of the generated protobuf marshaller, so record batches are never copied into
 * protobuf objects.
 */
final class Methods {
    private Methods() {}

    static final MethodDescriptor<FlightProtos.HandshakeRequest, FlightProtos.HandshakeResponse> HANDSHAKE =
            FlightServiceGrpc.getHandshakeMethod();
    static final MethodDescriptor<FlightProtos.Criteria, FlightProtos.FlightInfo> LIST_FLIGHTS =
            FlightServiceGrpc.getListFlightsMethod();
    static final MethodDescriptor<FlightProtos.FlightDescriptor, FlightProtos.FlightInfo> GET_FLIGHT_INFO =
            FlightServiceGrpc.getGetFlightInfoMethod();
    static final MethodDescriptor<FlightProtos.FlightDescriptor, FlightProtos.PollInfo> POLL_FLIGHT_INFO =
            FlightServiceGrpc.getPollFlightInfoMethod();
    static final MethodDescriptor<FlightProtos.FlightDescriptor, FlightProtos.SchemaResult> GET_SCHEMA =
            FlightServiceGrpc.getGetSchemaMethod();
    static final MethodDescriptor<FlightProtos.Ticket, FlightFrame> DO_GET =
            FlightServiceGrpc.getDoGetMethod().toBuilder(FlightServiceGrpc.getDoGetMethod().getRequestMarshaller(),
                    FlightDataCodec.INSTANCE).build();
    static final MethodDescriptor<FlightFrame, FlightProtos.PutResult> DO_PUT =
            FlightServiceGrpc.getDoPutMethod().toBuilder(FlightDataCodec.INSTANCE,
                    FlightServiceGrpc.getDoPutMethod().getResponseMarshaller()).build();
    static final MethodDescriptor<FlightFrame, FlightFrame> DO_EXCHANGE =
            FlightServiceGrpc.getDoExchangeMethod().toBuilder(FlightDataCodec.INSTANCE, FlightDataCodec.INSTANCE).build();
    static final MethodDescriptor<FlightProtos.Action, FlightProtos.Result> DO_ACTION =
            FlightServiceGrpc.getDoActionMethod();
    static final MethodDescriptor<FlightProtos.Empty, FlightProtos.ActionType> LIST_ACTIONS =
            FlightServiceGrpc.getListActionsMethod();

    /** Releases the memory of a received frame that nobody will read. */
    static void discard(Object message) {
        if (message instanceof FlightFrame.Incoming in) in.discard();
    }
}
