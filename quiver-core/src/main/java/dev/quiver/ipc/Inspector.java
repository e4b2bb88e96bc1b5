package dev.quiver.ipc;

import dev.quiver.InvalidDataException;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/** Walks the messages of IPC bytes without decoding their bodies, for tools that show the wire format. */
public final class Inspector {
    private Inspector() {}

    /**
     * The messages of a stream, in order, and where its end-of-stream marker starts.
     *
     * @param endOfStream offset of the end-of-stream marker, or -1 when the stream ends without one
     */
    public record StreamLayout(List<MessageSummary> messages, long endOfStream, long size) {}

    /** Lists the messages of stream bytes starting at {@code start} (8 for the stream inside a file). */
    public static StreamLayout stream(MemorySegment data, long start, IpcLimits limits) {
        SegmentSource src = new SegmentSource(data.asSlice(start));
        MessageReader reader = new MessageReader(src, "stream", limits);
        List<MessageSummary> out = new ArrayList<>();
        try {
            while (true) {
                long before = src.position();
                MessageReader.Framed f = reader.next();
                if (f == null) {
                    long eos = src.position() > before ? start + before : -1;
                    return new StreamLayout(out, eos, data.byteSize());
                }
                out.add(new MessageSummary(start + f.offset(), f.metadataLength(), f.message().bodyLength(),
                        f.message()));
                reader.skipBody(f);
            }
        } catch (IOException e) {
            throw new InvalidDataException("cannot read memory: " + e.getMessage());
        }
    }

    public static StreamLayout stream(MemorySegment data) {
        return stream(data, 0, IpcLimits.DEFAULT);
    }

    /**
     * A file's footer and where its Flatbuffers bytes start.
     *
     * @param offset absolute offset of the footer's first byte; its length is the int32 at {@code size - 10}
     */
    public record FooterLayout(dev.quiver.metadata.Footer footer, long offset) {}

    /**
     * The footer of whole IPC file bytes, found through the trailer (int32 length, {@code ARROW1}), checked against
     * the bytes and {@code limits}, verified and decoded, as the file reader finds it, without reading any message.
     *
     * @throws dev.quiver.QuiverException when the bytes end with no valid trailer and footer
     */
    public static FooterLayout footer(MemorySegment file, String resource, IpcLimits limits) {
        FileFooter.Located f = FileFooter.read(file, resource, limits);
        return new FooterLayout(f.footer(), f.offset());
    }
}
