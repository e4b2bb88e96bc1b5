package dev.quiver.cdata;

import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.RecordBatchReader;
import dev.quiver.type.Schema;
import dev.quiver.validate.ValidationLevel;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;

import static dev.quiver.cdata.CStructs.*;

/**
 * An {@code ArrowArrayStream} from another library read as a {@link RecordBatchReader}: each batch is imported over
 * the producer's memory (see {@link CData#importBatch(MemorySegment, Schema, ValidationLevel)}) and released when it
 * closes or is reclaimed, independently of the stream. {@link #close()} releases the stream (a reader dropped
 * without being closed releases it once unreachable). Not thread-safe, as the C stream is not.
 */
public final class CDataStreamReader implements RecordBatchReader {
    private static final Cleaner CLEANER = Cleaner.create();

    private final MemorySegment stream;
    private final Cleaner.Cleanable cleanable;
    private final ValidationLevel level;
    private final Schema schema;
    private boolean done;

    private record Release(MemorySegment stream) implements Runnable {
        @Override
        public void run() {
            callRelease(stream, ST_RELEASE);
        }
    }

    CDataStreamReader(MemorySegment source, ValidationLevel level) throws IOException {
        MemorySegment s = source.reinterpret(ARROW_ARRAY_STREAM.byteSize());
        if (ptr(s, ST_RELEASE) == 0) {
            throw new dev.quiver.InvalidDataException("the ArrowArrayStream was released (its release callback is null)",
                    "C Data import", -1);
        }
        MemorySegment moved = Arena.ofAuto().allocate(ARROW_ARRAY_STREAM);
        moved.copyFrom(s);
        setPtr(s, ST_RELEASE, 0);
        this.stream = moved;
        this.level = level;
        this.cleanable = CLEANER.register(this, new Release(moved));
        Schema sc;
        try (Arena tmp = Arena.ofConfined()) {
            MemorySegment out = tmp.allocate(ARROW_SCHEMA);
            check(call(ST_GET_SCHEMA, out), "get_schema");
            sc = CData.importSchema(out);
        } catch (IOException | RuntimeException | Error e) {
            cleanable.clean();
            throw e;
        }
        this.schema = sc;
    }

    private int call(long member, MemorySegment out) {
        MemorySegment fn = stream.get(java.lang.foreign.ValueLayout.ADDRESS, member);
        if (fn.address() == 0) throw new dev.quiver.InvalidDataException("ArrowArrayStream callback is null",
                "C Data import", -1);
        try {
            return (int) CALL_GET.invokeExact(fn, stream, out);
        } catch (Throwable t) {
            throw new IllegalStateException("ArrowArrayStream callback failed", t);
        }
    }

    private void check(int code, String what) throws IOException {
        if (code == 0) return;
        String detail = null;
        MemorySegment fn = stream.get(java.lang.foreign.ValueLayout.ADDRESS, ST_GET_LAST_ERROR);
        if (fn.address() != 0) {
            try {
                detail = string(((MemorySegment) CALL_LAST_ERROR.invokeExact(fn, stream)).address());
            } catch (Throwable ignored) {
                // no description
            }
        }
        throw new IOException("ArrowArrayStream." + what + " failed with error code " + code
                + (detail == null ? "" : ": " + detail));
    }

    @Override
    public Schema schema() {
        return schema;
    }

    /** The next batch, or null at the end of the stream. */
    @Override
    public RecordBatch readNext() throws IOException {
        if (done) return null;
        if (ptr(stream, ST_RELEASE) == 0) throw new IllegalStateException("the stream reader is closed");
        MemorySegment out = Arena.ofAuto().allocate(ARROW_ARRAY);
        check(call(ST_GET_NEXT, out), "get_next");
        if (ptr(out, A_RELEASE) == 0) {
            done = true;
            return null;
        }
        return Importer.importBatch(out, schema, level);
    }

    /** Releases the stream (batches already read stay valid until they are closed). Idempotent. */
    @Override
    public void close() {
        cleanable.clean();
    }
}
