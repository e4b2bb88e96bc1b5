package dev.quiver.flight;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.quiver.flight.proto.FlightProtos;

/**
 * The actions the Flight specification defines, with their request and result bodies: CancelFlightInfo (body a
 * {@code CancelFlightInfoRequest}, result a {@code CancelFlightInfoResult}) and RenewFlightEndpoint (body a
 * {@code RenewFlightEndpointRequest}, result the renewed {@code FlightEndpoint}). The session actions
 * (SetSessionOptions, GetSessionOptions, CloseSession, experimental in the specification) are not implemented.
 */
public final class StandardActions {
    private StandardActions() {}

    public static final String CANCEL_FLIGHT_INFO = "CancelFlightInfo";
    public static final String RENEW_FLIGHT_ENDPOINT = "RenewFlightEndpoint";

    public static final ActionType CANCEL_FLIGHT_INFO_TYPE = new ActionType(CANCEL_FLIGHT_INFO,
            "Cancel the query of a FlightInfo; body: CancelFlightInfoRequest, result: CancelFlightInfoResult");
    public static final ActionType RENEW_FLIGHT_ENDPOINT_TYPE = new ActionType(RENEW_FLIGHT_ENDPOINT,
            "Extend the expiration time of a FlightEndpoint; body: RenewFlightEndpointRequest, result: FlightEndpoint");

    public static Action cancelFlightInfo(FlightInfo info) {
        return new Action(CANCEL_FLIGHT_INFO,
                FlightProtos.CancelFlightInfoRequest.newBuilder().setInfo(Protos.info(info)).build().toByteArray());
    }

    /** The FlightInfo a CancelFlightInfo action is about. */
    public static FlightInfo cancelFlightInfoRequest(Action action) {
        try {
            return Protos.info(FlightProtos.CancelFlightInfoRequest.parseFrom(action.body()).getInfo());
        } catch (InvalidProtocolBufferException e) {
            throw FlightException.invalidArgument("malformed CancelFlightInfoRequest: " + e.getMessage());
        }
    }

    public static Result cancelFlightInfoResult(CancelStatus status) {
        return new Result(FlightProtos.CancelFlightInfoResult.newBuilder()
                .setStatusValue(status.ordinal()).build().toByteArray());
    }

    public static CancelStatus cancelStatus(Result result) {
        try {
            int v = FlightProtos.CancelFlightInfoResult.parseFrom(result.body()).getStatusValue();
            return v >= 0 && v < CancelStatus.values().length ? CancelStatus.values()[v] : CancelStatus.UNSPECIFIED;
        } catch (InvalidProtocolBufferException e) {
            throw FlightException.invalidArgument("malformed CancelFlightInfoResult: " + e.getMessage());
        }
    }

    public static Action renewFlightEndpoint(FlightEndpoint endpoint) {
        return new Action(RENEW_FLIGHT_ENDPOINT, FlightProtos.RenewFlightEndpointRequest.newBuilder()
                .setEndpoint(Protos.endpoint(endpoint)).build().toByteArray());
    }

    /** The endpoint a RenewFlightEndpoint action asks to renew. */
    public static FlightEndpoint renewFlightEndpointRequest(Action action) {
        try {
            return Protos.endpoint(FlightProtos.RenewFlightEndpointRequest.parseFrom(action.body()).getEndpoint());
        } catch (InvalidProtocolBufferException e) {
            throw FlightException.invalidArgument("malformed RenewFlightEndpointRequest: " + e.getMessage());
        }
    }

    public static Result endpointResult(FlightEndpoint endpoint) {
        return new Result(Protos.endpoint(endpoint).toByteArray());
    }

    public static FlightEndpoint endpoint(Result result) {
        try {
            return Protos.endpoint(FlightProtos.FlightEndpoint.parseFrom(result.body()));
        } catch (InvalidProtocolBufferException e) {
            throw FlightException.invalidArgument("malformed FlightEndpoint: " + e.getMessage());
        }
    }
}
