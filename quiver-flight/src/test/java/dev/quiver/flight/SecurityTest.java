package dev.quiver.flight;

import dev.quiver.array.ArrayEquality;
import dev.quiver.array.RecordBatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TLS (server certificate, client certificates) and token authentication. */
class SecurityTest {
    @TempDir
    static Path dir;
    static TestCertificates.Pair serverCert;
    static TestCertificates.Pair clientCert;
    static TestCertificates.Pair strangerCert;

    @BeforeAll
    static void certificates() throws Exception {
        TestCertificates.Pair[] made = TestCertificates.make(dir, "server", "client", "stranger");
        serverCert = made[0];
        clientCert = made[1];
        strangerCert = made[2];
    }

    static MemoryProducer producer() {
        MemoryProducer p = new MemoryProducer();
        p.put("t", FlightRpcTest.sample(0).schema(), List.of(FlightRpcTest.sample(0)));
        return p;
    }

    static void roundTrip(FlightClient c, FlightCallOptions o) throws Exception {
        try (FlightStreamReader r = c.doGet(Ticket.of("t"), o)) {
            RecordBatch b = r.readNext();
            assertNull(ArrayEquality.compare(FlightRpcTest.sample(0), b));
        }
        try (FlightPutWriter w = c.doPut(FlightDescriptor.path("u"), FlightRpcTest.sample(0).schema(), o)) {
            w.write(FlightRpcTest.sample(0));
        }
    }

    @Test
    void tlsServesTlsClientsAndRefusesPlaintext() throws Exception {
        try (FlightServer s = FlightServer.builder(producer()).tls(serverCert.certificate(), serverCert.key()).start()) {
            assertTrue(s.location().uri().startsWith("grpc+tls://127.0.0.1:"), s.location().uri());
            try (FlightClient c = FlightClient.connect(s.location().uri(),
                    FlightClientOptions.DEFAULT.withTrustedCertificates(serverCert.certificate()))) {
                roundTrip(c, FlightCallOptions.DEFAULT);
            }
            try (FlightClient plain = FlightClient.connect("grpc://127.0.0.1:" + s.port())) {
                FlightException e = assertThrows(FlightException.class, plain::listActions);
                assertEquals(FlightStatusCode.UNAVAILABLE, e.code());
            }
            // a client that does not trust the server's certificate
            try (FlightClient wrongTrust = FlightClient.connect(s.location().uri(),
                    FlightClientOptions.DEFAULT.withTrustedCertificates(strangerCert.certificate()))) {
                FlightException e = assertThrows(FlightException.class, wrongTrust::listActions);
                assertEquals(FlightStatusCode.UNAVAILABLE, e.code());
            }
        }
    }

    @Test
    void mutualTlsRequiresATrustedClientCertificate() throws Exception {
        try (FlightServer s = FlightServer.builder(producer()).tls(serverCert.certificate(), serverCert.key())
                .requireClientCertificates(clientCert.certificate()).start()) {
            FlightClientOptions trusting = FlightClientOptions.DEFAULT.withTrustedCertificates(serverCert.certificate());
            try (FlightClient c = FlightClient.connect(s.location().uri(),
                    trusting.withClientCertificate(clientCert.certificate(), clientCert.key()))) {
                roundTrip(c, FlightCallOptions.DEFAULT);
            }
            try (FlightClient anonymous = FlightClient.connect(s.location().uri(), trusting)) {
                FlightException e = assertThrows(FlightException.class, anonymous::listActions);
                assertEquals(FlightStatusCode.UNAVAILABLE, e.code());
            }
            try (FlightClient stranger = FlightClient.connect(s.location().uri(),
                    trusting.withClientCertificate(strangerCert.certificate(), strangerCert.key()))) {
                FlightException e = assertThrows(FlightException.class, stranger::listActions);
                assertEquals(FlightStatusCode.UNAVAILABLE, e.code());
            }
        }
    }

    @Test
    void basicCredentialsAreExchangedForABearerTokenRequiredOnEveryCall() throws Exception {
        ServerAuthenticator auth = ServerAuthenticator.basicToken((u, p) -> u.equals("alice") && p.equals("secret"));
        try (FlightServer s = FlightServer.builder(producer()).authenticator(auth).start();
             FlightClient c = FlightClient.connect(s.location().uri())) {
            FlightException e = assertThrows(FlightException.class, c::listActions);
            assertEquals(FlightStatusCode.UNAUTHENTICATED, e.code());
            assertTrue(e.getMessage().startsWith("no credentials: send 'authorization: Basic"), e.getMessage());
            try (FlightStreamReader r = c.doGet(Ticket.of("t"))) {
                assertEquals(FlightStatusCode.UNAUTHENTICATED, assertThrows(FlightException.class, r::readNext).code());
            }

            e = assertThrows(FlightException.class, () -> c.authenticateBasicToken("alice", "wrong"));
            assertEquals(FlightStatusCode.UNAUTHENTICATED, e.code());
            assertEquals("invalid user name or password", e.getMessage());

            FlightCallOptions token = c.authenticateBasicToken("alice", "secret");
            assertTrue(token.headers().get(0).getValue().startsWith("Bearer "));
            roundTrip(c, token);
            assertEquals("alice", c.doAction(new Action("who", ""), token).get(0).bodyText());

            FlightException bad = assertThrows(FlightException.class,
                    () -> c.listActions(FlightCallOptions.DEFAULT.withBearerToken("forged")));
            assertEquals(FlightStatusCode.UNAUTHENTICATED, bad.code());
            assertEquals("invalid bearer token", bad.getMessage());

            // the token as a client option applies to every call
            try (FlightClient c2 = FlightClient.connect(s.location().uri(),
                    FlightClientOptions.DEFAULT.withCallOptions(token))) {
                assertEquals(2, c2.listActions().size());
            }
        }
    }

    @Test
    void aFixedTokenWithTls() throws Exception {
        try (FlightServer s = FlightServer.builder(producer()).tls(serverCert.certificate(), serverCert.key())
                .authenticator(ServerAuthenticator.bearerToken("t0ken")).start();
             FlightClient c = FlightClient.connect(s.location().uri(),
                     FlightClientOptions.DEFAULT.withTrustedCertificates(serverCert.certificate()))) {
            assertEquals(FlightStatusCode.UNAUTHENTICATED, assertThrows(FlightException.class, c::listActions).code());
            roundTrip(c, FlightCallOptions.DEFAULT.withBearerToken("t0ken"));
            FlightCallOptions fromBasic = c.authenticateBasicToken("anyone", "t0ken");
            assertEquals("Bearer t0ken", fromBasic.headers().get(0).getValue());
        }
    }
}
