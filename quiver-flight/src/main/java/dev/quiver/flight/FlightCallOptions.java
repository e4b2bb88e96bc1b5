package dev.quiver.flight;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Options of one call (PyArrow's {@code FlightCallOptions}): a timeout, after which the call fails with
 * TIMED_OUT, and headers sent with it (for example {@code authorization}). Immutable.
 *
 * @param timeout the deadline from the call's start, or null for none
 * @param headers header names (lower case) and values, in order; the value of a binary header (a name ending in
 *                "-bin") is its bytes as an ISO-8859-1 string, one character per byte
 */
public record FlightCallOptions(Duration timeout, List<Map.Entry<String, String>> headers) {
    public static final FlightCallOptions DEFAULT = new FlightCallOptions(null, List.of());

    public FlightCallOptions {
        headers = List.copyOf(headers == null ? List.of() : headers);
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    public FlightCallOptions withTimeout(Duration t) {
        return new FlightCallOptions(t, headers);
    }

    /** These options with one more header. */
    public FlightCallOptions withHeader(String name, String value) {
        List<Map.Entry<String, String>> h = new ArrayList<>(headers);
        h.add(Map.entry(name.toLowerCase(java.util.Locale.ROOT), value));
        return new FlightCallOptions(timeout, h);
    }

    /** These options with {@code authorization: Bearer token}. */
    public FlightCallOptions withBearerToken(String token) {
        return withHeader("authorization", "Bearer " + token);
    }

    /** These options, then {@code other}'s headers, and {@code other}'s timeout when it has one. */
    FlightCallOptions merge(FlightCallOptions other) {
        if (other == null || other == DEFAULT) return this;
        List<Map.Entry<String, String>> h = new ArrayList<>(headers);
        h.addAll(other.headers);
        return new FlightCallOptions(other.timeout != null ? other.timeout : timeout, h);
    }
}
