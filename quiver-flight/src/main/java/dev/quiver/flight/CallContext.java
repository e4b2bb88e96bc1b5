package dev.quiver.flight;

import java.util.List;
import java.util.Map;

/**
 * What a producer knows about the call it serves: the method, the peer's identity (from the server's
 * authenticator), the request headers, and whether the client has gone.
 */
public final class CallContext {
    private final String method;
    private final String peerIdentity;
    private final Map<String, List<String>> headers;
    private final java.util.function.BooleanSupplier cancelled;

    CallContext(String method, String peerIdentity, Map<String, List<String>> headers,
                java.util.function.BooleanSupplier cancelled) {
        this.method = method;
        this.peerIdentity = peerIdentity;
        this.headers = headers;
        this.cancelled = cancelled;
    }

    /** The RPC method: "DoGet", "DoPut", ... */
    public String method() { return method; }

    /** Who the authenticator says the peer is, or "" when the server authenticates nobody. */
    public String peerIdentity() { return peerIdentity; }

    /** The request headers, names in lower case; binary ("-bin") ones as ISO-8859-1 strings, one character per byte. */
    public Map<String, List<String>> headers() { return headers; }

    /** The first value of a request header, or null. */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** Whether the client cancelled the call, its deadline passed, or the server is shutting down now. */
    public boolean isCancelled() { return cancelled.getAsBoolean(); }
}
