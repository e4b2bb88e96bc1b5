package dev.quiver.flight;

import java.time.Instant;
import java.util.List;

/**
 * One part of a flight: the ticket to redeem with DoGet and where (Flight's {@code FlightEndpoint}).
 *
 * @param ticket         the ticket
 * @param locations      where to redeem it; empty means the service that issued it
 * @param expirationTime until when DoGet of the ticket may be retried, or null
 * @param appMetadata    application-defined bytes (empty when none)
 */
public record FlightEndpoint(Ticket ticket, List<Location> locations, Instant expirationTime, byte[] appMetadata) {
    public FlightEndpoint {
        java.util.Objects.requireNonNull(ticket, "ticket");
        locations = List.copyOf(locations == null ? List.of() : locations);
        appMetadata = appMetadata == null ? new byte[0] : appMetadata.clone();
    }

    public FlightEndpoint(Ticket ticket, Location... locations) {
        this(ticket, List.of(locations), null, null);
    }

    @Override
    public byte[] appMetadata() { return appMetadata.clone(); }

    public FlightEndpoint withExpirationTime(Instant t) {
        return new FlightEndpoint(ticket, locations, t, appMetadata);
    }
}
