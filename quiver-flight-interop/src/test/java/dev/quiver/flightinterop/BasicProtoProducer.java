package dev.quiver.flightinterop;

import dev.quiver.flight.Action;
import dev.quiver.flight.CallContext;
import dev.quiver.flight.FlightException;
import dev.quiver.flight.FlightProducer;
import dev.quiver.flight.Result;
import dev.quiver.flight.ServerAuthenticator;
import dev.quiver.flight.StreamSink;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The server side of the integration scenario {@code auth:basic_proto} (the legacy handshake-payload authentication):
 * a Handshake whose payload is a {@code BasicAuth} protobuf (field 2 username, field 3 password) for user "arrow",
 * password "flight" answers a token (the user name); later calls carry it in the {@code auth-token-bin} header (as
 * Arrow C++'s and Java's {@code ClientAuthHandler} clients send it). Every call but Handshake without a valid token
 * ends with UNAUTHENTICATED; DoAction of any type answers one Result whose body is the authenticated user name.
 * {@link #AUTHENTICATOR} is the server's {@link ServerAuthenticator}.
 */
final class BasicProtoProducer implements FlightProducer {
    static final String USER = "arrow";
    static final String PASSWORD = "flight";
    static final String TOKEN_HEADER = "auth-token-bin";

    /** Lets Handshake through (it authenticates by payload); everything else needs the token. */
    static final ServerAuthenticator AUTHENTICATOR = (method, headers) -> {
        if (method.equals("Handshake")) return new ServerAuthenticator.Outcome("", Map.of());
        List<String> v = headers.get(TOKEN_HEADER);
        if (v == null || v.isEmpty()) throw FlightException.unauthenticated("no " + TOKEN_HEADER + " header: authenticate with a Handshake first");
        if (!v.getFirst().equals(USER)) throw FlightException.unauthenticated("invalid token");
        return new ServerAuthenticator.Outcome(USER, Map.of());
    };

    /** A BasicAuth message: field 2 username, field 3 password (both strings). */
    static byte[] basicAuth(String user, String password) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, 2, user.getBytes(StandardCharsets.UTF_8));
        field(out, 3, password.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, int number, byte[] value) {
        out.write(number << 3 | 2);
        varint(out, value.length);
        out.writeBytes(value);
    }

    private static void varint(ByteArrayOutputStream out, long n) {
        while ((n & ~0x7FL) != 0) {
            out.write((int) (n & 0x7F) | 0x80);
            n >>>= 7;
        }
        out.write((int) n);
    }

    /** Parses a BasicAuth message into {username, password}; unknown fields are skipped. */
    static String[] parseBasicAuth(byte[] b) {
        String user = "", password = "";
        int i = 0;
        while (i < b.length) {
            long key = 0;
            int shift = 0;
            for (; ; shift += 7) {
                if (i >= b.length || shift > 63) throw FlightException.invalidArgument("truncated BasicAuth message");
                int x = b[i++] & 0xFF;
                key |= (long) (x & 0x7F) << shift;
                if (x < 0x80) break;
            }
            int wire = (int) (key & 7);
            long number = key >>> 3;
            if (wire == 0) {
                while (true) {
                    if (i >= b.length) throw FlightException.invalidArgument("truncated BasicAuth message");
                    if ((b[i++] & 0x80) == 0) break;
                }
                continue;
            }
            if (wire != 2) throw FlightException.invalidArgument("unexpected wire type " + wire + " in BasicAuth message");
            long len = 0;
            for (shift = 0; ; shift += 7) {
                if (i >= b.length || shift > 63) throw FlightException.invalidArgument("truncated BasicAuth message");
                int x = b[i++] & 0xFF;
                len |= (long) (x & 0x7F) << shift;
                if (x < 0x80) break;
            }
            if (len < 0 || len > b.length - i) throw FlightException.invalidArgument("truncated BasicAuth message");
            String s = new String(b, i, (int) len, StandardCharsets.UTF_8);
            i += (int) len;
            if (number == 2) user = s;
            else if (number == 3) password = s;
        }
        return new String[] {user, password};
    }

    @Override
    public void handshake(CallContext context, HandshakeStream stream) {
        byte[] payload = stream.read();
        if (payload == null) throw FlightException.unauthenticated("the handshake sent no BasicAuth payload");
        String[] up = parseBasicAuth(payload);
        if (!up[0].equals(USER) || !up[1].equals(PASSWORD)) throw FlightException.unauthenticated("invalid user name or password");
        stream.send(USER.getBytes(StandardCharsets.UTF_8));
        while (stream.read() != null) {
            // the client may send more; the token is already answered
        }
    }

    @Override
    public void doAction(CallContext context, Action action, StreamSink<Result> results) {
        results.send(new Result(context.peerIdentity().getBytes(StandardCharsets.UTF_8)));
    }
}
