package dev.quiver.flight;

import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Decides, from its headers, whether the server serves a call and for whom; called before every call. The built-in
 * ones implement Flight's token authentication: a client sends {@code authorization: Basic base64(user:password)}
 * (PyArrow's {@code authenticate_basic_token}, usually on a Handshake), the server answers with the header
 * {@code authorization: Bearer <token>}, and the client sends that header on every later call. A call with no or
 * wrong credentials ends with UNAUTHENTICATED before the producer sees it.
 */
public interface ServerAuthenticator {

    /**
     * The outcome of a successful authentication.
     *
     * @param peerIdentity    who the peer is (the producer sees it as {@link CallContext#peerIdentity()})
     * @param responseHeaders headers to send back (for example the bearer token)
     */
    record Outcome(String peerIdentity, Map<String, String> responseHeaders) {
        public Outcome {
            java.util.Objects.requireNonNull(peerIdentity, "peerIdentity");
            responseHeaders = Map.copyOf(responseHeaders == null ? Map.of() : responseHeaders);
        }
    }

    /**
     * Authenticates a call.
     *
     * @param method  the RPC ("Handshake", "DoGet", ...)
     * @param headers request headers, names in lower case
     * @throws FlightException UNAUTHENTICATED (or UNAUTHORIZED) to refuse the call
     */
    Outcome authenticate(String method, Map<String, List<String>> headers);

    /**
     * Basic credentials exchanged for bearer tokens: {@code passwords} checks a user name and password; each
     * successful check issues a new random token, valid for the life of the server.
     */
    static ServerAuthenticator basicToken(BiPredicate<String, String> passwords) {
        return new TokenAuthenticator(passwords, null);
    }

    /**
     * One fixed token: a call is served when it carries {@code authorization: Bearer <token>}, or basic credentials
     * whose password is the token (any user name; the answer then carries the bearer header).
     */
    static ServerAuthenticator bearerToken(String token) {
        if (token == null || token.isEmpty()) throw new IllegalArgumentException("the token must not be empty");
        return new TokenAuthenticator(null, token);
    }
}
