package dev.quiver.flight;

import dev.quiver.type.Schema;

import java.util.List;

/**
 * How to consume a flight (Flight's {@code FlightInfo}): its schema, the endpoints that together hold its data,
 * and its size.
 *
 * @param schema       the schema, or null when the server sent none
 * @param descriptor   the descriptor this describes, or null
 * @param endpoints    every endpoint must be read to read the whole flight
 * @param totalRecords rows, or -1 when unknown
 * @param totalBytes   bytes, or -1 when unknown
 * @param ordered      whether the endpoints are in the order of the data
 * @param appMetadata  application-defined bytes (empty when none)
 */
public record FlightInfo(Schema schema, FlightDescriptor descriptor, List<FlightEndpoint> endpoints, long totalRecords,
                         long totalBytes, boolean ordered, byte[] appMetadata) {
    public FlightInfo {
        endpoints = List.copyOf(endpoints == null ? List.of() : endpoints);
        appMetadata = appMetadata == null ? new byte[0] : appMetadata.clone();
    }

    public FlightInfo(Schema schema, FlightDescriptor descriptor, List<FlightEndpoint> endpoints, long totalRecords,
                      long totalBytes) {
        this(schema, descriptor, endpoints, totalRecords, totalBytes, false, null);
    }

    @Override
    public byte[] appMetadata() { return appMetadata.clone(); }

    public FlightInfo withOrdered(boolean o) {
        return new FlightInfo(schema, descriptor, endpoints, totalRecords, totalBytes, o, appMetadata);
    }

    public FlightInfo withAppMetadata(byte[] m) {
        return new FlightInfo(schema, descriptor, endpoints, totalRecords, totalBytes, ordered, m);
    }
}
