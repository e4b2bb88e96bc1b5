package dev.quiver.ipc;

import dev.quiver.metadata.Block;
import dev.quiver.metadata.Message;
import dev.quiver.metadata.MessageCodec;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.List;

/**
 * Writes encapsulated messages to a channel: continuation marker, metadata length, metadata padded to the
 * alignment, then the body's buffers straight from their memory (a gathering write, no intermediate copy).
 * Counts the bytes it writes so file writers know every block's offset.
 */
final class MessageWriter {
    private final WritableByteChannel channel;
    private final MessageSink sink;
    private final int alignment;
    private final boolean legacy;
    private long position;

    /** @param legacy write the framing of Arrow before 0.15: no continuation marker, int32 0 as end-of-stream */
    MessageWriter(WritableByteChannel channel, int alignment, long startPosition) {
        this(channel, alignment, startPosition, false);
    }

    MessageWriter(WritableByteChannel channel, int alignment, long startPosition, boolean legacy) {
        this.channel = channel;
        this.sink = null;
        this.alignment = alignment;
        this.position = startPosition;
        this.legacy = legacy;
    }

    /** Hands each message to {@code sink} (metadata and body apart, no framing) instead of writing bytes. */
    MessageWriter(MessageSink sink) {
        this.channel = null;
        this.sink = sink;
        this.alignment = 8;
        this.position = 0;
        this.legacy = false;
    }

    long position() { return position; }

    /** Writes one message and returns its block (offset, framed metadata length, body length). */
    Block write(Message message, List<MemorySegment> bodyParts) throws IOException {
        byte[] meta = MessageCodec.encode(message);
        long start = position;
        if (sink != null) {
            sink.message(message, meta, bodyParts);
            position += Framing.PREFIX + meta.length + message.bodyLength();
            return new Block(start, Framing.PREFIX + meta.length, message.bodyLength());
        }
        // Pad the metadata so that the body starts on an alignment boundary of the whole output (a file's
        // messages start at byte 8), as Arrow C++ does; positions are always multiples of 8.
        int prefix = legacy ? 4 : Framing.PREFIX;
        int framed = (int) (Framing.padTo(start + prefix + meta.length, alignment) - start);
        ByteBuffer head = ByteBuffer.allocate(framed).order(ByteOrder.LITTLE_ENDIAN);
        if (!legacy) head.putInt(Framing.CONTINUATION);
        head.putInt(framed - prefix);
        head.put(meta);
        head.position(0);
        ByteBuffer[] all = new ByteBuffer[1 + bodyParts.size()];
        all[0] = head;
        for (int i = 0; i < bodyParts.size(); i++) all[i + 1] = byteView(bodyParts.get(i));
        writeAll(all);
        return new Block(start, framed, message.bodyLength());
    }

    /**
     * A ByteBuffer over the segment's bytes for a gathering write. Native and byte[]-backed segments are
     * viewed in place; other heap segments (over int[], long[], ...) cannot be, so their bytes are copied.
     */
    static ByteBuffer byteView(MemorySegment part) {
        if (part.isNative() || part.heapBase().map(b -> b instanceof byte[]).orElse(false)) {
            return part.asByteBuffer();
        }
        return ByteBuffer.wrap(part.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
    }

    /** Writes raw bytes (magic, end-of-stream marker, footer). */
    void writeRaw(byte[] bytes) throws IOException {
        if (sink != null) throw new IllegalStateException("a message sink takes messages only");
        writeAll(new ByteBuffer[] {ByteBuffer.wrap(bytes)});
    }

    void writeEndOfStream() throws IOException {
        if (sink != null) {
            sink.end();
            return;
        }
        writeRaw(legacy ? new byte[4] : new byte[] {-1, -1, -1, -1, 0, 0, 0, 0});
    }

    private void writeAll(ByteBuffer[] buffers) throws IOException {
        long total = 0;
        for (ByteBuffer b : buffers) total += b.remaining();
        if (channel instanceof GatheringByteChannel g) {
            int first = 0;
            long done = 0;
            while (done < total) {
                done += g.write(buffers, first, buffers.length - first);
                while (first < buffers.length && !buffers[first].hasRemaining()) first++;
            }
        } else {
            for (ByteBuffer b : buffers) {
                while (b.hasRemaining()) channel.write(b);
            }
        }
        position += total;
    }
}
