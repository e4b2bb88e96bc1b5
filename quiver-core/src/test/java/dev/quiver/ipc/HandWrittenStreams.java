package dev.quiver.ipc;

import dev.quiver.array.ArrayData;
import dev.quiver.metadata.Message;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.type.MetadataVersion;
import dev.quiver.type.Schema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Map;

/**
 * Streams written message by message, for inputs that no writer produces (a delta that overflows the dictionary,
 * for instance). Public so that the command-line tests can use it through the test jar.
 */
public final class HandWrittenStreams {
    private HandWrittenStreams() {}

    /**
     * A stream of {@code schema}, a dictionary batch for id 0 holding {@code dictionary}, a delta for id 0 holding
     * {@code delta}, then one record batch of {@code columns}, and the end-of-stream marker.
     */
    public static byte[] dictionaryThenDelta(Schema schema, ArrayData dictionary, ArrayData delta,
                                             List<ArrayData> columns) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageWriter w = new MessageWriter(Channels.newChannel(out), 8, 0);
        try (Arena scratch = Arena.ofConfined()) {
            w.write(new Message(MetadataVersion.V5, new MessageHeader.SchemaHeader(schema), 0, Map.of()), List.of());
            dictionary(w, dictionary, false, scratch);
            dictionary(w, delta, true, scratch);
            RecordBatchEncoder.Encoded e = RecordBatchEncoder.encode(columns.get(0).length(), columns, 8, null, scratch);
            w.write(new Message(MetadataVersion.V5, e.header(), e.bodyLength(), Map.of()), e.bodyParts());
            w.writeEndOfStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void dictionary(MessageWriter w, ArrayData values, boolean delta, Arena scratch) throws IOException {
        RecordBatchEncoder.Encoded e = RecordBatchEncoder.encode(values.length(), List.of(values), 8, null, scratch);
        w.write(new Message(MetadataVersion.V5, new MessageHeader.DictionaryBatchHeader(0, e.header(), delta),
                e.bodyLength(), Map.of()), e.bodyParts());
    }
}
