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
    private boolean footerMetadataPresent;

    RecordBatchFileWriter(WritableByteChannel channel, SafeOutput output, Schema schema, IpcWriteOptions options)
            throws IOException {
        super(channel, output, schema, options, 0);
        out.writeRaw(Framing.FILE_MAGIC_PADDED);
    }

    /** Custom metadata written in the footer (no list is written when it is empty). */
    public RecordBatchFileWriter footerMetadata(Map<String, String> metadata) {
        return footerMetadata(metadata, false);
    }

    /**
     * Custom metadata written in the footer; with {@code present}, the list is written even when empty, as
     * PyArrow does for {@code metadata={}} (to copy a file read with an empty list, pass
     * {@code footer().metadataPresent()}).
     */
    public RecordBatchFileWriter footerMetadata(Map<String, String> metadata, boolean present) {
        this.footerMetadata = metadata == null ? Map.of() : metadata;
        this.footerMetadataPresent = present;
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
                recordBatchBlocks, footerMetadata, footerMetadataPresent));
        ByteBuffer tail = ByteBuffer.allocate(footer.length + 4 + Framing.FILE_MAGIC.length).order(ByteOrder.LITTLE_ENDIAN);
        tail.put(footer).putInt(footer.length).put(Framing.FILE_MAGIC);
        out.writeRaw(tail.array());
    }
}
