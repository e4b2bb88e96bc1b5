package dev.quiver.metadata;

import dev.quiver.type.MetadataVersion;

import java.util.Map;

/** {@code Message} of {@code format/Message.fbs}: a header, the length of the body that follows, metadata. */
public record Message(MetadataVersion version, MessageHeader header, long bodyLength, Map<String, String> metadata) {
    public Message {
        metadata = metadata == null ? Map.of() : metadata;
    }
}
