package dev.quiver.flight;

import java.nio.charset.StandardCharsets;

/** One result of an action: opaque bytes (Flight's {@code Result}). */
public record Result(byte[] body) {
    public Result {
        body = body == null ? new byte[0] : body.clone();
    }

    public static Result of(String text) {
        return new Result(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] body() { return body.clone(); }

    /** The body as UTF-8 text. */
    public String bodyText() { return new String(body, StandardCharsets.UTF_8); }
}
