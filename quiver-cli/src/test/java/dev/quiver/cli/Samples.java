package dev.quiver.cli;

import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.RecordBatchFileWriter;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.cli.layout.MessageWalker;
import dev.quiver.ipc.MessageSummary;
import dev.quiver.ipc.RecordBatchStreamWriter;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.type.Field;
import dev.quiver.type.ArrowTypes;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small IPC files written by the tests. */
final class Samples {
    private Samples() {}

    /** Two batches of (x: int32 not null, y: utf8) with schema, field and batch metadata. */
    static List<RecordBatch> batches() {
        Field x = Field.notNull("x", ArrowTypes.INT32).withMetadata(Map.of("unit", "m"));
        return List.of(
                RecordBatch.builder().add(x, Arrow.int32(1, 2, 3)).add("y", Arrow.utf8("a", null, "ccc"))
                        .schemaMetadata(Map.of("origin", "quiver test")).metadata(Map.of("part", "one")).build(),
                RecordBatch.builder().add(x, Arrow.int32(40, 50)).add("y", Arrow.utf8("dd", "tab\there"))
                        .schemaMetadata(Map.of("origin", "quiver test")).build());
    }

    static Path file(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        List<RecordBatch> batches = batches();
        try (RecordBatchFileWriter w = Ipc.newFile(p, batches.get(0).schema(), IpcWriteOptions.DEFAULT)) {
            for (RecordBatch b : batches) w.write(b);
        }
        return p;
    }

    static Path stream(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        List<RecordBatch> batches = batches();
        try (RecordBatchStreamWriter w = Ipc.newStream(p, batches.get(0).schema(), IpcWriteOptions.DEFAULT)) {
            for (RecordBatch b : batches) w.write(b);
        }
        return p;
    }

    /** The format of an IPC file or stream on disk, from its first bytes (what is not a file is a stream). */
    static IpcFormat format(Path p) throws IOException {
        byte[] head;
        try (var in = java.nio.file.Files.newInputStream(p)) {
            head = in.readNBytes(dev.quiver.ipc.InputKind.HEAD);
        }
        // a stream in the legacy framing starts with a length: unknown, and read as a stream
        return dev.quiver.ipc.InputKind.detect(head, head.length) == dev.quiver.ipc.InputKind.ARROW_FILE
                ? IpcFormat.FILE : IpcFormat.STREAM;
    }

    /** The messages of a stream (or of the stream inside a file when {@code start} is 8). */
    static List<MessageSummary> messages(byte[] bytes, long start, long end) {
        MessageWalker w = new MessageWalker(MemorySegment.ofArray(bytes), start, end, "test",
                dev.quiver.ipc.IpcLimits.DEFAULT);
        List<MessageSummary> out = new ArrayList<>();
        for (MessageSummary m; (m = w.next()) != null; ) out.add(m);
        return out;
    }

    /** Absolute offset of buffer {@code buffer} of the body of {@code m}, a record batch message. */
    static long bufferStart(MessageSummary m, int buffer) {
        var h = (MessageHeader.RecordBatchHeader) m.message().header();
        return m.offset() + 8 + m.metadataLength() + h.bufferOffsets()[buffer];
    }
}
