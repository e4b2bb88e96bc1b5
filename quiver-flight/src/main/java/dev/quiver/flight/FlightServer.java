package dev.quiver.flight;

import dev.quiver.ipc.IpcReadOptions;
import dev.quiver.ipc.IpcWriteOptions;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A Flight server: a {@link FlightProducer} served over gRPC.
 *
 * <pre>{@code
 * try (FlightServer server = FlightServer.builder(producer).port(0).start()) {
 *     System.out.println("listening on " + server.location());   // grpc://127.0.0.1:PORT
 *     server.awaitTermination();
 * }
 * }</pre>
 *
 * Options: the address (127.0.0.1 and an ephemeral port unless set), TLS with a certificate chain and key (PEM),
 * client certificates required and checked against trusted ones (mutual TLS), an {@link ServerAuthenticator}
 * (token authentication), the largest message accepted (a larger one fails its call with RESOURCE_EXHAUSTED), the
 * executor producers run on (virtual threads unless set), and the IPC options of streams read and written.
 * {@link #shutdown(Duration)} is graceful: no new calls, calls in flight finish or are cancelled at the deadline.
 */
public final class FlightServer implements AutoCloseable {
    /** How long {@link #close()} lets calls in flight finish. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    private final Server server;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final String host;
    private final boolean tls;

    private FlightServer(Builder b) {
        this.host = b.host;
        this.tls = b.certificateChain != null;
        this.ownsExecutor = b.executor == null;
        this.executor = b.executor != null ? b.executor : Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("quiver-flight-", 0).factory());
        ServerCredentials credentials;
        if (b.certificateChain == null) {
            credentials = InsecureServerCredentials.create();
        } else {
            try {
                TlsServerCredentials.Builder t = TlsServerCredentials.newBuilder()
                        .keyManager(b.certificateChain.toFile(), b.privateKey.toFile());
                if (b.clientCertificates != null) {
                    t.trustManager(b.clientCertificates.toFile()).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
                }
                credentials = t.build();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the TLS certificate or key: " + e.getMessage(), e);
            }
        }
        FlightService service = new FlightService(b.producer, b.authenticator, executor, b.readOptions, b.writeOptions,
                b.maxInboundMessageSize);
        // gRPC resets a stream whose message exceeds its limit without telling the client why (it sees CANCELLED):
        // the limit proper is checked on each received message (RESOURCE_EXHAUSTED naming it), gRPC's own only cuts
        // off, before buffering them, messages far beyond it
        int transportLimit = (int) Math.min(Integer.MAX_VALUE, 2L * b.maxInboundMessageSize + (16 << 20));
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress(b.host, b.port), credentials)
                .directExecutor() // gRPC's callbacks only queue messages; producers run on the executor
                .maxInboundMessageSize(transportLimit)
                .addService(service.definition())
                .build();
    }

    public static Builder builder(FlightProducer producer) {
        return new Builder(producer);
    }

    /** Configures a {@link FlightServer}. */
    public static final class Builder {
        private final FlightProducer producer;
        private String host = "127.0.0.1";
        private int port;
        private Path certificateChain;
        private Path privateKey;
        private Path clientCertificates;
        private ServerAuthenticator authenticator;
        private int maxInboundMessageSize = Integer.MAX_VALUE;
        private ExecutorService executor;
        private IpcReadOptions readOptions = IpcReadOptions.DEFAULT;
        private IpcWriteOptions writeOptions = IpcWriteOptions.DEFAULT;

        private Builder(FlightProducer producer) {
            this.producer = Objects.requireNonNull(producer, "producer");
        }

        /** The address to listen on: 127.0.0.1 by default, 0.0.0.0 (or ::) for every interface. */
        public Builder host(String h) {
            this.host = Objects.requireNonNull(h, "host");
            return this;
        }

        /** The port; 0 (the default) picks a free one ({@link FlightServer#port()} tells which). */
        public Builder port(int p) {
            if (p < 0 || p > 65535) throw new IllegalArgumentException("port out of range: " + p);
            this.port = p;
            return this;
        }

        /** Serves TLS only (grpc+tls://), with this certificate chain and PKCS#8 private key, both PEM files. */
        public Builder tls(Path certificateChainPem, Path privateKeyPem) {
            this.certificateChain = Objects.requireNonNull(certificateChainPem, "certificateChainPem");
            this.privateKey = Objects.requireNonNull(privateKeyPem, "privateKeyPem");
            return this;
        }

        /** Requires a client certificate issued by (or equal to) one of these PEM certificates: mutual TLS. */
        public Builder requireClientCertificates(Path trustedPem) {
            this.clientCertificates = Objects.requireNonNull(trustedPem, "trustedPem");
            return this;
        }

        /** Authenticates every call (see {@link ServerAuthenticator#basicToken} and {@link ServerAuthenticator#bearerToken}). */
        public Builder authenticator(ServerAuthenticator a) {
            this.authenticator = a;
            return this;
        }

        /**
         * The largest FlightData message accepted, in bytes (default: gRPC's maximum, 2 GiB - 1): a larger one ends
         * its call with RESOURCE_EXHAUSTED naming the limit. Messages of more than twice the limit (plus 16 MiB) are
         * cut off by the transport before they are buffered; their client sees its call CANCELLED. Other messages
         * (requests of the metadata calls) are held to the transport's bound only.
         */
        public Builder maxInboundMessageSize(int bytes) {
            if (bytes <= 0) throw new IllegalArgumentException("maxInboundMessageSize must be positive");
            this.maxInboundMessageSize = bytes;
            return this;
        }

        /** The executor producers run on (one task per call; it should not bound the number of calls). */
        public Builder executor(ExecutorService e) {
            this.executor = e;
            return this;
        }

        /** How streams clients upload are decoded (validation FULL by default). */
        public Builder readOptions(IpcReadOptions o) {
            this.readOptions = Objects.requireNonNull(o, "readOptions");
            return this;
        }

        /** How streams sent to clients are encoded by {@link FlightStreamWriter#write} (compression...). */
        public Builder writeOptions(IpcWriteOptions o) {
            this.writeOptions = Objects.requireNonNull(o, "writeOptions");
            return this;
        }

        public FlightServer build() {
            if (clientCertificates != null && certificateChain == null) {
                throw new IllegalStateException("client certificates need TLS: call tls(certificate, key) too");
            }
            return new FlightServer(this);
        }

        /** Builds and starts the server. */
        public FlightServer start() throws IOException {
            return build().start();
        }
    }

    /** Starts listening. */
    public FlightServer start() throws IOException {
        server.start();
        return this;
    }

    /** The port listened on (the one picked when 0 was asked for). */
    public int port() {
        return server.getPort();
    }

    /** Where clients reach this server: {@code grpc://host:port} or {@code grpc+tls://host:port}. */
    public Location location() {
        String h = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
        return tls ? Location.forGrpcTls(h, port()) : Location.forGrpcInsecure(h, port());
    }

    /**
     * Stops accepting calls, lets the calls in flight finish within {@code grace}, then cancels those still running
     * (their producers see {@link CallContext#isCancelled()} and their sends fail) and waits up to {@code grace}
     * again for them to end.
     *
     * @return whether every call had finished by itself within the grace period
     */
    public boolean shutdown(Duration grace) {
        server.shutdown();
        boolean clean = await(server, grace);
        if (!clean) {
            server.shutdownNow();
            await(server, grace);
        }
        if (ownsExecutor) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) executor.shutdownNow();
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        return clean;
    }

    private static boolean await(Server s, Duration d) {
        try {
            return s.awaitTermination(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether the server has stopped and every call has ended. */
    public boolean isTerminated() {
        return server.isTerminated();
    }

    /** Waits until the server has stopped. */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /** {@link #shutdown(Duration)} with {@link #DEFAULT_GRACE}. */
    @Override
    public void close() {
        shutdown(DEFAULT_GRACE);
    }
}
