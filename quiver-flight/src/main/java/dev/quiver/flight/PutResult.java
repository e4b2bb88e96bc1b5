package dev.quiver.flight;

import java.nio.charset.StandardCharsets;

/** An acknowledgement a server sends during DoPut, with application-defined bytes (Flight's {@code PutResult}). */
public record PutResult(byte[] appMetadata) {
    public PutResult {
        appMetadata = appMetadata == null ? new byte[0] : appMetadata.clone();
    }

    public static PutResult of(String text) {
        return new PutResult(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] appMetadata() { return appMetadata.clone(); }

    /** The metadata as UTF-8 text. */
    public String appMetadataText() { return new String(appMetadata, StandardCharsets.UTF_8); }
}
