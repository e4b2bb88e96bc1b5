package dev.quiver.ipc;

import dev.quiver.metadata.Footer;
import dev.quiver.metadata.FooterCodec;
import dev.quiver.io.SafeOutput;
import dev.quiver.type.Schema;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.util.Map;

/**
 * Writes the IPC file format: {@code ARROW1} and padding, the stream (schema, dictionaries, batches,
 * end-of-stream), then the footer with every block's position, the footer length and {@code ARROW1}.
 */
public final class RecordBatchFileWriter extends RecordBatchStreamWriter {
    private Map<String, String> footerMetadata = Map.of();

    RecordBatchFileWriter(WritableByteChannel channel, SafeOutput output, Schema schema, IpcWriteOptions options)
            throws IOException {
        super(channel, output, schema, options, 0);
        out.writeRaw(Framing.FILE_MAGIC_PADDED);
    }

    /** Custom metadata written in the footer. */
    public RecordBatchFileWriter footerMetadata(Map<String, String> metadata) {
        this.footerMetadata = metadata == null ? Map.of() : metadata;
        return this;
    }

    @Override
    boolean isFile() {
        return true;
    }

    @Override
    void finish() throws IOException {
        out.writeEndOfStream();
        byte[] footer = FooterCodec.encode(new Footer(options.metadataVersion(), wireSchema(), dictionaryBlocks,
                recordBatchBlocks, footerMetadata));
        ByteBuffer tail = ByteBuffer.allocate(footer.length + 4 + Framing.FILE_MAGIC.length).order(ByteOrder.LITTLE_ENDIAN);
        tail.put(footer).putInt(footer.length).put(Framing.FILE_MAGIC);
        out.writeRaw(tail.array());
    }
}
