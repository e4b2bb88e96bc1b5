package dev.quiver.ipc;

import dev.quiver.metadata.Message;

/**
 * Where one encapsulated message sits in a stream or file.
 *
 * @param offset         byte offset of the message's first byte (the continuation marker)
 * @param metadataLength the int32 metadata length from the prefix (Flatbuffers bytes plus padding)
 * @param bodyLength     bytes of body after the metadata
 * @param message        the decoded metadata
 */
public record MessageSummary(long offset, int metadataLength, long bodyLength, Message message) {

    /** "Schema", "RecordBatch" or "DictionaryBatch". */
    public String type() {
        return switch (message.header()) {
            case dev.quiver.metadata.MessageHeader.SchemaHeader s -> "Schema";
            case dev.quiver.metadata.MessageHeader.RecordBatchHeader r -> "RecordBatch";
            case dev.quiver.metadata.MessageHeader.DictionaryBatchHeader d -> "DictionaryBatch";
        };
    }
}
