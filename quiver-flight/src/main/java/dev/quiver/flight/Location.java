package dev.quiver.flight;

import java.net.URI;
import java.util.Objects;

/**
 * Where a ticket can be redeemed (Flight's {@code Location}): {@code grpc://host:port} (plaintext, also
 * {@code grpc+tcp://}), {@code grpc+tls://host:port}, or {@link #REUSE_CONNECTION} for the service that issued the
 * ticket.
 */
public record Location(String uri) {
    /** "The service this came from": clients redeem the ticket on the connection they already have. */
    public static final Location REUSE_CONNECTION = new Location("arrow-flight-reuse-connection://?");

    public Location {
        Objects.requireNonNull(uri, "uri");
    }

    public static Location forGrpcInsecure(String host, int port) {
        return new Location("grpc://" + hostPart(host) + ":" + port);
    }

    public static Location forGrpcTls(String host, int port) {
        return new Location("grpc+tls://" + hostPart(host) + ":" + port);
    }

    private static String hostPart(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Whether this names the issuing service (an empty URI or {@link #REUSE_CONNECTION}). */
    public boolean isReuseConnection() {
        return uri.isEmpty() || uri.equals(REUSE_CONNECTION.uri);
    }

    /** The parsed URI. */
    public URI toUri() {
        return URI.create(uri);
    }

    @Override
    public String toString() { return uri; }
}
