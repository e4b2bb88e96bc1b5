package dev.quiver.flight;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** An application-defined action to run with DoAction: its type and an opaque body (Flight's {@code Action}). */
public record Action(String type, byte[] body) {
    public Action {
        Objects.requireNonNull(type, "type");
        body = body == null ? new byte[0] : body.clone();
    }

    public Action(String type, String body) {
        this(type, body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] body() { return body.clone(); }
}
