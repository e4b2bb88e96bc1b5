package dev.quiver.cli;

import dev.quiver.InvalidDataException;
import dev.quiver.QuiverException;
import dev.quiver.compress.CompressionType;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.ipc.InputKind;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcLimits;
import dev.quiver.ipc.IpcReadOptions;
import dev.quiver.ipc.MessageSummary;
import dev.quiver.memory.LE;
import dev.quiver.metadata.Block;
import dev.quiver.metadata.Footer;
import dev.quiver.metadata.MessageHeader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code quiver inspect FILE}: the wire layout of an IPC file or stream, message by message. On damaged
 * input it shows everything before the damage, then fails with the error.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show the layout of an Arrow IPC file or stream: magic, every message (offset, metadata "
                + "length, body length, type, rows, compression, buffers), the end-of-stream marker and, for a "
                + "file, the footer and its blocks.",
                "Offsets are in bytes from the start of FILE; 'metadata' is the int32 length after the "
                + "continuation marker (Flatbuffers bytes plus padding)."})
final class InspectCommand implements Callable<Integer> {
    private static final String ROW = "  %10s  %8s  %12s  %-15s  %10s  %-11s  %7s  %s%n";

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "An Arrow IPC file or stream; - or none for standard input.")
    Path file;

    @ParentCommand
    Main main;

    /** The input as messages name it: the path as given, or "standard input". */
    private String name;

    @Spec
    CommandSpec spec;

    private PrintWriter out;
    private QuiverException firstError;

    @Override
    public Integer call() throws IOException {
        out = spec.commandLine().getOut();
        Input input = Input.of(file, main, spec.commandLine());
        name = input.name();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = input.bytes(arena); // read once: a pipe cannot be read again
            InputKind kind = InputKind.detect(data);
            switch (kind) {
                case ARROW_FILE -> inspectFile(data);
                case ARROW_STREAM, UNKNOWN -> inspectStream(data);
                default -> throw kind.mismatch(null, name);
            }
        }
        out.flush();
        if (firstError != null) throw firstError;
        return 0;
    }

    // ---- stream --------------------------------------------------------------------------------

    private void inspectStream(MemorySegment data) {
        long size = data.byteSize();
        out.printf("%s: Arrow IPC stream, %,d bytes%n", name, size);
        if (size >= 4 && data.get(LE.INT, 0) != 0xFFFFFFFF) {
            out.println("  (no continuation marker at byte 0: the legacy framing of Arrow before 0.15, "
                    + "or not Arrow at all)");
        }
        out.println();
        out.println("messages:");
        MessageWalker walker = new MessageWalker(data, 0, size, name, IpcLimits.DEFAULT);
        walk(walker);
        if (firstError != null) return;
        endOfStream(walker, size);
        if (walker.position() < size) {
            out.printf("  %,d bytes after the end-of-stream marker (readers ignore them)%n", size - walker.position());
        }
    }

    // ---- file ----------------------------------------------------------------------------------

    private void inspectFile(MemorySegment data) {
        long size = data.byteSize();
        out.printf("%s: Arrow IPC file, %,d bytes%n", name, size);
        out.printf("  magic at byte 0: %s (\"ARROW1\" + 2 padding bytes)%n", hex(data, 0, Math.min(8, size)));
        if (size >= 6) {
            boolean ok = matchesMagic(data, size - 6);
            out.printf("  magic at byte %,d: %s%s%n", size - 6, hex(data, size - 6, 6),
                    ok ? " (\"ARROW1\")" : "  !! expected ARROW1");
        }
        // Open the footer first: it says where the stream inside the file ends.
        Footer footer = null;
        long footerOffset = -1;
        QuiverException footerError = null;
        try (RecordBatchFileReader r = Ipc.openFile(data, IpcReadOptions.DEFAULT, name)) {
            footer = r.footer();
            footerOffset = r.footerOffset();
        } catch (QuiverException e) {
            footerError = e;
        }
        long streamEnd = footerOffset >= 0 ? footerOffset : Math.max(8, size - 10);
        out.println();
        out.println("messages (the stream inside the file, from byte 8):");
        MessageWalker walker = new MessageWalker(data, 8, Math.min(streamEnd, size), name, IpcLimits.DEFAULT);
        Map<Long, MessageSummary> byOffset = new HashMap<>();
        if (size >= 8) {
            QuiverException before = firstError;
            walk(walker, byOffset);
            if (firstError == before) endOfStream(walker, streamEnd);
        }
        out.println();
        if (footer == null) {
            if (size >= 10) {
                int length = data.get(LE.INT, size - 10);
                out.printf("footer: length %,d (int32 at byte %,d) -- unreadable:%n", length, size - 10);
            } else {
                out.println("footer: missing -- unreadable:");
            }
            out.println("  !! " + footerError.getMessage());
            remember(footerError);
            return;
        }
        int footerLength = (int) (size - 10 - footerOffset);
        out.printf("footer: offset %,d, length %,d (int32 at byte %,d), metadata version %s%n",
                footerOffset, footerLength, size - 10, footer.version());
        out.printf("  schema: %d fields%s%n", footer.schema().fields().size(),
                footer.schema().metadata().isEmpty() ? "" : ", metadata " + footer.schema().metadata());
        if (!footer.metadata().isEmpty()) out.printf("  footer metadata: %s%n", footer.metadata());
        blocks("dictionary blocks", footer.dictionaries(), byOffset, "DictionaryBatch");
        blocks("record batch blocks", footer.recordBatches(), byOffset, "RecordBatch");
    }

    private void blocks(String title, List<Block> blocks, Map<Long, MessageSummary> byOffset, String type) {
        out.printf("  %s: %d%n", title, blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            out.printf("    %d: offset %,d, metadata %,d, body %,d  %s%n", i, b.offset(), b.metaDataLength(),
                    b.bodyLength(), check(b, byOffset.get(b.offset()), type, title + " " + i));
        }
    }

    /** Whether a footer block matches the message found at its offset. */
    private String check(Block b, MessageSummary m, String type, String what) {
        String problem;
        if (m == null) {
            problem = "no message of the stream starts at this offset";
        } else if (!m.type().equals(type)) {
            problem = "the message at this offset is a " + m.type() + ", not a " + type;
        } else if (m.bodyLength() != b.bodyLength()) {
            problem = "the message's body is " + m.bodyLength() + " bytes, the block says " + b.bodyLength();
        } else {
            return "ok";
        }
        remember(new InvalidDataException(what + " does not match the stream: " + problem, name, b.offset()));
        return "!! " + problem;
    }

    // ---- shared --------------------------------------------------------------------------------

    private void walk(MessageWalker walker) {
        walk(walker, new HashMap<>());
    }

    private void walk(MessageWalker walker, Map<Long, MessageSummary> byOffset) {
        out.println(String.format(ROW, "offset", "metadata", "body", "type", "rows", "compression", "buffers", "").stripTrailing());
        try {
            for (MessageSummary m; (m = walker.next()) != null; ) {
                byOffset.put(m.offset(), m);
                row(m);
            }
        } catch (QuiverException e) {
            remember(e);
            out.println("  !! " + e.getMessage());
        }
    }

    private void row(MessageSummary m) {
        String rows, compression, buffers, note;
        switch (m.message().header()) {
            case MessageHeader.SchemaHeader s -> {
                rows = compression = buffers = "-";
                note = s.schema().fields().size() + " fields";
            }
            case MessageHeader.RecordBatchHeader r -> {
                rows = String.format("%,d", r.length());
                compression = codec(r.compression());
                buffers = Integer.toString(r.bufferCount());
                note = r.nodeCount() + " field nodes";
            }
            case MessageHeader.DictionaryBatchHeader d -> {
                rows = String.format("%,d", d.data().length());
                compression = codec(d.data().compression());
                buffers = Integer.toString(d.data().bufferCount());
                note = "dictionary id " + d.id() + (d.isDelta() ? ", delta" : "");
            }
        }
        out.printf(ROW, String.format("%,d", m.offset()), String.format("%,d", m.metadataLength()),
                String.format("%,d", m.bodyLength()), m.type(), rows, compression, buffers, note);
    }

    private void endOfStream(MessageWalker walker, long end) {
        if (walker.endOfStream() >= 0) {
            out.printf("  %10s  end of stream (%d-byte marker %s)%n", String.format("%,d", walker.endOfStream()),
                    walker.endMarkerLength(), walker.endMarkerLength() == 8 ? "ffffffff 00000000" : "00000000");
        } else {
            out.printf("  %10s  no end-of-stream marker: the messages end with the input%n", String.format("%,d", end));
        }
    }

    private void remember(QuiverException e) {
        if (firstError == null) firstError = e;
    }

    private static String codec(CompressionType c) {
        if (c == null) return "none";
        return switch (c) {
            case LZ4_FRAME -> "lz4_frame";
            case ZSTD -> "zstd";
        };
    }

    private static boolean matchesMagic(MemorySegment data, long at) {
        for (int i = 0; i < 6; i++) {
            if (data.get(LE.BYTE, at + i) != IpcFormat.MAGIC[i]) return false;
        }
        return true;
    }

    private static String hex(MemorySegment data, long at, long n) {
        byte[] b = new byte[(int) n];
        MemorySegment.copy(data, LE.BYTE, at, b, 0, b.length);
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }
}
