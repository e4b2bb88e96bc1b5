package dev.quiver.cli.text;

import dev.quiver.LimitExceededException;
import dev.quiver.QuiverException;
import dev.quiver.UnsupportedFeatureException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code error} member of the commands' JSON documents: {@code kind} ({@code invalid_data},
 * {@code unsupported_feature}, {@code limit_exceeded}), {@code message} (as printed on standard error), {@code detail}
 * (what, without where), {@code resource}, {@code offset} (a byte offset, or null) and {@code field} (a field path, or
 * null).
 */
public final class ErrorJson {
    private ErrorJson() {}

    public static Map<String, Object> of(QuiverException e) {
        if (e == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", switch (e) {
            case UnsupportedFeatureException u -> "unsupported_feature";
            case LimitExceededException l -> "limit_exceeded";
            default -> "invalid_data";
        });
        m.put("message", e.getMessage());
        m.put("detail", e.detail());
        m.put("resource", e.resource());
        m.put("offset", e.offset() >= 0 ? e.offset() : null);
        m.put("field", e.fieldPath());
        return m;
    }
}
