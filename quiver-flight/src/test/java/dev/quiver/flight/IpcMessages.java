package dev.quiver.flight;

import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.MessageSink;
import dev.quiver.ipc.RecordBatchStreamWriter;
import dev.quiver.type.Schema;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/** The IPC messages of batches, as Flight carries them (metadata and body apart), for tests that tamper with them. */
final class IpcMessages {
    private IpcMessages() {}

    record Msg(byte[] metadata, byte[] body) {
        FlightFrame.Outgoing frame(byte[] descriptor) {
            return new FlightFrame.Outgoing(descriptor, MemorySegment.ofArray(metadata), null,
                    body.length == 0 ? List.of() : List.of(MemorySegment.ofArray(body)), body.length);
        }

        Msg withBody(byte[] b) { return new Msg(metadata, b); }
    }

    /** The schema message, then the dictionaries and batch messages of {@code batches}. */
    static List<Msg> of(Schema schema, List<RecordBatch> batches) throws Exception {
        List<Msg> out = new ArrayList<>();
        MessageSink sink = (message, metadata, parts) -> {
            MemorySegment body = MemorySegment.ofArray(new byte[(int) message.bodyLength()]);
            long at = 0;
            for (MemorySegment p : parts) {
                MemorySegment.copy(p, 0, body, at, p.byteSize());
                at += p.byteSize();
            }
            out.add(new Msg(metadata, body.toArray(ValueLayout.JAVA_BYTE)));
        };
        try (RecordBatchStreamWriter w = Ipc.newStream(sink, schema, IpcWriteOptions.DEFAULT)) {
            w.start();
            for (RecordBatch b : batches) w.write(b);
        }
        return out;
    }
}
