package dev.quiver.flight;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.quiver.InvalidDataException;
import dev.quiver.flight.proto.FlightProtos;
import dev.quiver.memory.ReclaimableArena;
import io.grpc.Drainable;
import io.grpc.HasByteBuffer;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@code FlightData} by hand (the protobuf wire format of its four fields), so that IPC bodies
 * travel between Quiver's memory and gRPC's buffers without protobuf objects:
 *
 * <ul>
 *   <li>sending, the message is a stream ({@link Drainable}, {@link KnownLength}) over the field tags and lengths
 *       and the body's parts as they are (the encoder's buffers, slices of a mapped file), which gRPC drains
 *       straight into its transport buffers;</li>
 *   <li>receiving, the fields are parsed from gRPC's stream and the body is copied once, from gRPC's direct
 *       buffers where it offers them ({@link HasByteBuffer}), into memory that the decoded record batch then
 *       owns (no ByteString, no second copy).</li>
 * </ul>
 *
 * Malformed messages never throw from {@link #parse}: they become an {@link FlightFrame.Incoming} with an error,
 * which ends the call with INVALID_ARGUMENT where the message is consumed.
 */
final class FlightDataCodec implements MethodDescriptor.Marshaller<FlightFrame> {
    static final FlightDataCodec INSTANCE = new FlightDataCodec();

    static final int DESCRIPTOR = 1, HEADER = 2, APP_METADATA = 3, BODY = 1000;
    private static final int LEN = 2;
    /** Bodies are allocated at this alignment (Arrow buffers want 8, SIMD-friendly 64). */
    private static final long BODY_ALIGNMENT = 64;

    private FlightDataCodec() {}

    // ---- sending ----

    @Override
    public InputStream stream(FlightFrame frame) {
        if (!(frame instanceof FlightFrame.Outgoing out)) {
            throw new IllegalArgumentException("only outgoing frames are sent");
        }
        List<MemorySegment> parts = new ArrayList<>(8 + out.body().size());
        ByteSink head = new ByteSink();
        if (out.descriptor() != null) {
            head.tag(DESCRIPTOR).varint(out.descriptor().length).bytes(out.descriptor());
        }
        if (out.header() != null) {
            head.tag(HEADER).varint(out.header().byteSize());
            parts.add(head.take());
            parts.add(out.header());
        }
        if (out.appMetadata() != null) {
            head.tag(APP_METADATA).varint(out.appMetadata().length).bytes(out.appMetadata());
        }
        if (out.bodyLength() > 0) {
            head.tag(BODY).varint(out.bodyLength());
            parts.add(head.take());
            parts.addAll(out.body());
        } else {
            parts.add(head.take());
        }
        long total = 0;
        for (MemorySegment p : parts) total += p.byteSize();
        if (total > Integer.MAX_VALUE) {
            throw new FlightException(FlightStatusCode.INVALID_ARGUMENT, "a FlightData message of " + total
                    + " bytes exceeds gRPC's limit of " + Integer.MAX_VALUE + " bytes per message: write smaller batches");
        }
        return new PartsStream(parts, (int) total);
    }

    /** Varints and small fields, collected on the heap between the large parts. */
    private static final class ByteSink {
        private byte[] buf = new byte[32];
        private int n;

        ByteSink tag(int field) {
            return varint(((long) field << 3) | LEN);
        }

        ByteSink varint(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[n++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[n++] = (byte) v;
            return this;
        }

        ByteSink bytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, n, b.length);
            n += b.length;
            return this;
        }

        private void ensure(int more) {
            if (n + more > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
        }

        /** What was collected since the last take, as a segment (empty segments are harmless). */
        MemorySegment take() {
            MemorySegment s = MemorySegment.ofArray(java.util.Arrays.copyOf(buf, n));
            n = 0;
            return s;
        }
    }

    /**
     * The parts of one message as a stream. gRPC drains it into its transport buffers; parts on the heap are
     * written as they are, native parts (the encoder's buffers, mapped files) through a small bounce buffer.
     */
    static final class PartsStream extends InputStream implements Drainable, KnownLength {
        private static final int BOUNCE = 64 << 10;
        private final List<MemorySegment> parts;
        private int part;
        private long inPart;
        private int remaining;

        PartsStream(List<MemorySegment> parts, int size) {
            this.parts = parts;
            this.remaining = size;
        }

        @Override
        public int drainTo(OutputStream target) throws IOException {
            int drained = remaining;
            byte[] bounce = null;
            for (; part < parts.size(); part++, inPart = 0) {
                MemorySegment p = parts.get(part);
                long size = p.byteSize() - inPart;
                if (size == 0) continue;
                if (p.heapBase().orElse(null) instanceof byte[] array) {
                    int base = (int) (p.address() + inPart); // a heap segment's address is its offset in the array
                    target.write(array, base, (int) size);
                } else {
                    if (bounce == null) bounce = new byte[(int) Math.min(BOUNCE, Math.max(size, 1))];
                    if (bounce.length < Math.min(BOUNCE, size)) bounce = new byte[(int) Math.min(BOUNCE, size)];
                    for (long at = inPart; at < p.byteSize(); ) {
                        int k = (int) Math.min(bounce.length, p.byteSize() - at);
                        MemorySegment.copy(p, ValueLayout.JAVA_BYTE, at, bounce, 0, k);
                        target.write(bounce, 0, k);
                        at += k;
                    }
                }
            }
            remaining = 0;
            return drained;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining == 0) return -1;
            int done = 0;
            while (done < len && part < parts.size()) {
                MemorySegment p = parts.get(part);
                int k = (int) Math.min(len - done, p.byteSize() - inPart);
                MemorySegment.copy(p, ValueLayout.JAVA_BYTE, inPart, b, off + done, k);
                done += k;
                inPart += k;
                if (inPart == p.byteSize()) {
                    part++;
                    inPart = 0;
                }
            }
            remaining -= done;
            return done;
        }

        @Override
        public int available() {
            return remaining;
        }
    }

    // ---- receiving ----

    @Override
    public FlightFrame parse(InputStream in) {
        try {
            return parseFrame(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FlightFrame.Incoming parseFrame(InputStream in) throws IOException {
        Reader r = new Reader(in);
        FlightDescriptor descriptor = null;
        MemorySegment header = null;
        byte[] appMetadata = null;
        MemorySegment body = MemorySegment.NULL;
        Arena arena = null;
        try {
            while (!r.atEnd()) {
                long at = r.position();
                long key = r.varint("field key");
                int field = (int) (key >>> 3);
                int wire = (int) (key & 7);
                if ((field == DESCRIPTOR || field == HEADER || field == APP_METADATA || field == BODY) && wire != LEN) {
                    throw r.invalid("field " + field + " has wire type " + wire + ", expected 2 (length-delimited)", at);
                }
                switch (field) {
                    case DESCRIPTOR -> descriptor = parseDescriptor(r.bytes("flight_descriptor"), r, at);
                    case HEADER -> header = MemorySegment.ofArray(r.bytes("data_header"));
                    case APP_METADATA -> appMetadata = r.bytes("app_metadata");
                    case BODY -> {
                        long n = r.length("data_body");
                        if (arena != null) arena.close(); // a repeated field: the last one counts
                        // every byte is overwritten by fill: no zero-filling; a batch dropped without being closed is
                        // reclaimed by the collector, as the IPC readers' batches are
                        arena = ReclaimableArena.ofShared();
                        body = n == 0 ? MemorySegment.NULL : ((ReclaimableArena) arena).allocateUninitialized(n, BODY_ALIGNMENT);
                        r.fill(body);
                    }
                    default -> r.skip(wire, field, at);
                }
            }
        } catch (InvalidDataException e) {
            if (arena != null) arena.close();
            return FlightFrame.Incoming.failed(e, r.position());
        }
        if (header != null && header.byteSize() == 0) header = null;
        return new FlightFrame.Incoming(descriptor, header, appMetadata, body, arena, r.position(), null);
    }

    private static FlightDescriptor parseDescriptor(byte[] bytes, Reader r, long at) {
        try {
            return Protos.descriptor(FlightProtos.FlightDescriptor.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw r.invalid("malformed flight_descriptor: " + e.getMessage(), at);
        }
    }

    /** The protobuf wire format over gRPC's stream, every length checked against the bytes that are there. */
    private static final class Reader {
        private final InputStream in;
        private final HasByteBuffer buffers;
        private final long size;
        private long position;

        Reader(InputStream in) throws IOException {
            this.in = in;
            this.buffers = in instanceof HasByteBuffer h && h.byteBufferSupported() ? h : null;
            this.size = in instanceof KnownLength ? in.available() : -1;
        }

        long position() { return position; }

        boolean atEnd() throws IOException {
            if (size >= 0) return position >= size;
            in.mark(1);
            int b = in.read();
            if (b < 0) return true;
            in.reset();
            return false;
        }

        private int readByte(String what) throws IOException {
            int b = in.read();
            if (b < 0) throw invalid("the message ends inside " + what, position);
            position++;
            return b;
        }

        long varint(String what) throws IOException {
            long start = position;
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = readByte(what);
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) return v;
            }
            throw invalid("malformed varint in " + what, start);
        }

        /** A length prefix, checked against the bytes left in the message. */
        long length(String what) throws IOException {
            long at = position;
            long n = varint(what + " length");
            long left = size >= 0 ? size - position : Long.MAX_VALUE;
            if (n < 0 || n > left) {
                throw invalid(what + " declares " + n + " bytes but only " + Math.max(left, 0) + " remain in the "
                        + "FlightData message", at);
            }
            return n;
        }

        byte[] bytes(String what) throws IOException {
            long at = position;
            long n = length(what);
            if (n > Integer.MAX_VALUE - 8) throw invalid(what + " of " + n + " bytes is too large", at);
            byte[] b = in.readNBytes((int) n);
            if (b.length < n) throw invalid("the message ends inside " + what, position + b.length);
            position += n;
            return b;
        }

        /** Reads exactly {@code dst.byteSize()} bytes into {@code dst}: from gRPC's buffers directly when it can. */
        void fill(MemorySegment dst) throws IOException {
            long n = dst.byteSize();
            long done = 0;
            if (buffers != null) {
                while (done < n) {
                    ByteBuffer bb = buffers.getByteBuffer();
                    if (bb == null || !bb.hasRemaining()) break;
                    int k = (int) Math.min(bb.remaining(), n - done);
                    MemorySegment.copy(MemorySegment.ofBuffer(bb), 0, dst, done, k);
                    long skipped = in.skip(k);
                    if (skipped != k) throw new IOException("gRPC's stream skipped " + skipped + " of " + k + " bytes");
                    done += k;
                }
            }
            byte[] chunk = null;
            while (done < n) {
                if (chunk == null) chunk = new byte[(int) Math.min(64 << 10, n - done)];
                int got = in.read(chunk, 0, (int) Math.min(chunk.length, n - done));
                if (got < 0) throw invalid("the message ends inside data_body", position + done);
                MemorySegment.copy(chunk, 0, dst, ValueLayout.JAVA_BYTE, done, got);
                done += got;
            }
            position += n;
        }

        void skip(int wire, int field, long at) throws IOException {
            switch (wire) {
                case 0 -> varint("field " + field);
                case 1 -> skipBytes(8, field);
                case 2 -> skipBytes(length("field " + field), field);
                case 5 -> skipBytes(4, field);
                default -> throw invalid("field " + field + " has unsupported wire type " + wire, at);
            }
        }

        private void skipBytes(long n, int field) throws IOException {
            long left = n;
            while (left > 0) {
                long k = in.skip(left);
                if (k <= 0) {
                    if (in.read() < 0) throw invalid("the message ends inside field " + field, position + n - left);
                    k = 1;
                }
                left -= k;
            }
            position += n;
        }

        InvalidDataException invalid(String what, long at) {
            return new InvalidDataException("malformed FlightData: " + what, "FlightData", at);
        }
    }
}
