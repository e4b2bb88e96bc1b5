package dev.quiver.flight;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/** The built-in {@link ServerAuthenticator}s: basic credentials for bearer tokens, or one fixed token. */
final class TokenAuthenticator implements ServerAuthenticator {
    /** Tokens kept at most; the oldest are forgotten first (their clients authenticate again). */
    private static final int MAX_TOKENS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BiPredicate<String, String> passwords;
    private final String fixed;
    private final Map<String, String> issued = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_TOKENS;
        }
    };

    TokenAuthenticator(BiPredicate<String, String> passwords, String fixed) {
        this.passwords = passwords;
        this.fixed = fixed;
    }

    @Override
    public Outcome authenticate(String method, Map<String, List<String>> headers) {
        List<String> values = headers.get("authorization");
        String value = values == null || values.isEmpty() ? null : values.get(0).trim();
        if (value == null) {
            throw FlightException.unauthenticated("no credentials: send 'authorization: Basic <base64 user:password>' "
                    + "(for example on a Handshake) to get a token, then 'authorization: Bearer <token>' on every call");
        }
        if (startsWithIgnoreCase(value, "Bearer ")) {
            String token = value.substring(7).trim();
            if (fixed != null) {
                if (same(token, fixed)) return new Outcome("", Map.of());
            } else {
                String user;
                synchronized (issued) {
                    user = issued.get(token);
                }
                if (user != null) return new Outcome(user, Map.of());
            }
            throw FlightException.unauthenticated("invalid bearer token");
        }
        if (startsWithIgnoreCase(value, "Basic ")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw FlightException.unauthenticated("malformed basic credentials (not base64)");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) throw FlightException.unauthenticated("malformed basic credentials (no ':' between user and password)");
            String user = decoded.substring(0, colon);
            String password = decoded.substring(colon + 1);
            if (fixed != null) {
                if (same(password, fixed)) return new Outcome(user, Map.of("authorization", "Bearer " + fixed));
            } else if (passwords.test(user, password)) {
                byte[] t = new byte[32];
                RANDOM.nextBytes(t);
                String token = Base64.getUrlEncoder().withoutPadding().encodeToString(t);
                synchronized (issued) {
                    issued.put(token, user);
                }
                return new Outcome(user, Map.of("authorization", "Bearer " + token));
            }
            throw FlightException.unauthenticated("invalid user name or password");
        }
        throw FlightException.unauthenticated("unsupported authorization scheme (expected Basic or Bearer)");
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /** Compares secrets in time independent of where they differ. */
    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
