package dev.quiver.flight;

import dev.quiver.ipc.IpcReadOptions;
import dev.quiver.ipc.IpcWriteOptions;

import java.nio.file.Path;

/**
 * How a {@link FlightClient} connects and reads. Immutable: start from {@link #DEFAULT} and change one setting at a
 * time.
 *
 * @param read                  how received streams are decoded (validation FULL by default)
 * @param write                 how uploaded streams are encoded (compression...)
 * @param trustedCertificates   PEM file of the certificates that TLS servers are checked against, or null for the
 *                              JDK's default trust store
 * @param clientCertificate     PEM certificate chain this client presents to servers that ask (mutual TLS), or null
 * @param clientKey             PEM private key (PKCS#8) of {@code clientCertificate}, or null
 * @param maxInboundMessageSize the largest message accepted from the server, in bytes (larger ones fail the call
 *                              with RESOURCE_EXHAUSTED)
 * @param callOptions           options applied to every call (headers such as a bearer token, a timeout), before
 *                              those of each call
 */
public record FlightClientOptions(IpcReadOptions read, IpcWriteOptions write, Path trustedCertificates,
                                  Path clientCertificate, Path clientKey, int maxInboundMessageSize,
                                  FlightCallOptions callOptions) {
    public static final FlightClientOptions DEFAULT = new FlightClientOptions(IpcReadOptions.DEFAULT,
            IpcWriteOptions.DEFAULT, null, null, null, Integer.MAX_VALUE, FlightCallOptions.DEFAULT);

    public FlightClientOptions {
        java.util.Objects.requireNonNull(read, "read");
        java.util.Objects.requireNonNull(write, "write");
        if ((clientCertificate == null) != (clientKey == null)) {
            throw new IllegalArgumentException("a client certificate needs its key, and a key its certificate");
        }
        if (maxInboundMessageSize <= 0) throw new IllegalArgumentException("maxInboundMessageSize must be positive");
        if (callOptions == null) callOptions = FlightCallOptions.DEFAULT;
    }

    public FlightClientOptions withRead(IpcReadOptions r) {
        return new FlightClientOptions(r, write, trustedCertificates, clientCertificate, clientKey, maxInboundMessageSize, callOptions);
    }

    public FlightClientOptions withWrite(IpcWriteOptions w) {
        return new FlightClientOptions(read, w, trustedCertificates, clientCertificate, clientKey, maxInboundMessageSize, callOptions);
    }

    public FlightClientOptions withTrustedCertificates(Path pem) {
        return new FlightClientOptions(read, write, pem, clientCertificate, clientKey, maxInboundMessageSize, callOptions);
    }

    public FlightClientOptions withClientCertificate(Path certificatePem, Path keyPem) {
        return new FlightClientOptions(read, write, trustedCertificates, certificatePem, keyPem, maxInboundMessageSize, callOptions);
    }

    public FlightClientOptions withMaxInboundMessageSize(int bytes) {
        return new FlightClientOptions(read, write, trustedCertificates, clientCertificate, clientKey, bytes, callOptions);
    }

    public FlightClientOptions withCallOptions(FlightCallOptions o) {
        return new FlightClientOptions(read, write, trustedCertificates, clientCertificate, clientKey, maxInboundMessageSize, o);
    }

    /** These options with {@code authorization: Bearer token} on every call. */
    public FlightClientOptions withBearerToken(String token) {
        return withCallOptions(callOptions.withBearerToken(token));
    }
}
