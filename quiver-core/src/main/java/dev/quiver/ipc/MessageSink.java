package dev.quiver.ipc;

import dev.quiver.metadata.Message;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Receives the messages of a stream as they are encoded, instead of a channel receiving their framed bytes: for
 * protocols that carry IPC messages in their own envelopes (Arrow Flight's {@code FlightData} holds a message's
 * metadata and body as two fields). A {@link RecordBatchStreamWriter} opened on a sink with
 * {@link Ipc#newStream(MessageSink, dev.quiver.type.Schema, IpcWriteOptions)} does everything a stream writer
 * does (schema first, dictionaries and deltas before the batches that use them, compression) and hands each
 * message here, without the continuation marker and length prefix.
 */
public interface MessageSink {

    /**
     * One message.
     *
     * @param message   the message (its header says schema, dictionary or record batch)
     * @param metadata  the encoded flatbuffer {@code Message}, a multiple of 8 bytes long
     * @param bodyParts the body: buffers and padding, in order, {@code message.bodyLength()} bytes in all. They
     *                  may be views of the caller's arrays or scratch memory that is freed when this method
     *                  returns: send or copy them before returning, and never write to them.
     */
    void message(Message message, byte[] metadata, List<MemorySegment> bodyParts) throws IOException;

    /** The writer was closed: the stream ends here. Does nothing by default. */
    default void end() throws IOException {}
}
