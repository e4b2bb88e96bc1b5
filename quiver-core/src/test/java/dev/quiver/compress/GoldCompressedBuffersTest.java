package dev.quiver.compress;

import dev.quiver.memory.LE;
import dev.quiver.testing.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Decodes every body buffer of Arrow's {@code 2.0.0-compression} gold streams (written by Arrow C++). The
 * messages are walked with a few lines of Flatbuffers reading here, since the message reader lives elsewhere.
 */
class GoldCompressedBuffersTest {

    record Buffer(long offset, long length) {}

    record Batch(long length, CompressionType codec, List<Buffer> buffers, MemorySegment body, long bodyStart) {}

    @ParameterizedTest
    @ValueSource(strings = {"lz4", "zstd", "uncompressible_lz4", "uncompressible_zstd"})
    void decodesEveryBuffer(String name) throws IOException {
        Path file = TestData.gold("2.0.0-compression", name, ".stream");
        MemorySegment stream = MemorySegment.ofArray(Files.readAllBytes(file));
        List<Batch> batches = batches(stream);
        assertFalse(batches.isEmpty());
        boolean sawRaw = false;
        boolean sawCompressed = false;
        try (Arena arena = Arena.ofConfined()) {
            for (Batch b : batches) {
                assertEquals(name.endsWith("zstd") ? CompressionType.ZSTD : CompressionType.LZ4_FRAME, b.codec());
                BufferCodec codec = BufferCodec.create(b.codec());
                List<MemorySegment> decoded = new ArrayList<>();
                for (Buffer buf : b.buffers()) {
                    MemorySegment ipc = b.body().asSlice(buf.offset(), buf.length());
                    if (ipc.byteSize() >= 8) {
                        if (ipc.get(LE.LONG, 0) == -1) sawRaw = true; else sawCompressed = true;
                    }
                    decoded.add(codec.decode(ipc, arena, file.toString(), b.bodyStart() + buf.offset(), 1 << 20));
                }
                // int column, then utf8: validity, data | validity, offsets, data.
                assertEquals(5, decoded.size());
                MemorySegment ints = decoded.get(1);
                MemorySegment offsets = decoded.get(3);
                assertTrue(offsets.byteSize() >= 4 * (b.length() + 1));
                assertEquals(0, offsets.get(LE.INT, 0));
                assertEquals(decoded.get(4).byteSize(), offsets.get(LE.INT, 4 * b.length()), "last offset = data size");
                if (b == batches.getFirst()) {
                    if (name.startsWith("uncompressible")) {
                        int[] expected = {19006, 35514, 17250, 14399};
                        for (int i = 0; i < 4; i++) assertEquals(expected[i], ints.get(LE.INT, 4L * i));
                        assertEquals(512, offsets.get(LE.INT, 4));
                    } else {
                        for (int i = 0; i < 30; i++) assertEquals(42 + i, ints.get(LE.LONG, 8L * i));
                    }
                }
            }
        }
        assertTrue(sawCompressed, "gold file has compressed buffers");
        if (name.startsWith("uncompressible")) assertTrue(sawRaw, "uncompressible data is stored with prefix -1");
    }

    /** The record batches of an IPC stream (continuation marker, metadata length, Message, body). */
    static List<Batch> batches(MemorySegment s) {
        List<Batch> out = new ArrayList<>();
        long p = 0;
        while (p + 8 <= s.byteSize()) {
            assertEquals(-1, s.get(LE.INT, p), "continuation marker");
            int metaLength = s.get(LE.INT, p + 4);
            p += 8;
            if (metaLength == 0) break;
            MemorySegment meta = s.asSlice(p, metaLength);
            p += metaLength;
            long message = meta.get(LE.INT, 0);
            int headerType = fieldOffset(meta, message, 1) == 0 ? 0 : meta.get(LE.BYTE, message + fieldOffset(meta, message, 1));
            int bodyField = fieldOffset(meta, message, 3);
            long bodyLength = bodyField == 0 ? 0 : meta.get(LE.LONG, message + bodyField);
            if (headerType == 3) {
                long rb = table(meta, message, 2);
                long length = meta.get(LE.LONG, rb + fieldOffset(meta, rb, 0));
                long vec = table(meta, rb, 2);
                int count = meta.get(LE.INT, vec);
                List<Buffer> buffers = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    long e = vec + 4 + 16L * i;
                    buffers.add(new Buffer(meta.get(LE.LONG, e), meta.get(LE.LONG, e + 8)));
                }
                long compression = table(meta, rb, 3);
                int codecOffset = fieldOffset(meta, compression, 0);
                int codec = codecOffset == 0 ? 0 : meta.get(LE.BYTE, compression + codecOffset);
                out.add(new Batch(length, CompressionType.values()[codec], buffers, s.asSlice(p, bodyLength), p));
            }
            p += bodyLength;
        }
        return out;
    }

    /** Offset of field {@code i} inside table {@code t}, or 0 when absent. */
    private static int fieldOffset(MemorySegment m, long t, int i) {
        long vt = t - m.get(LE.INT, t);
        int vtSize = m.get(LE.SHORT, vt) & 0xFFFF;
        return 4 + 2 * i < vtSize ? m.get(LE.SHORT, vt + 4 + 2L * i) & 0xFFFF : 0;
    }

    /** The table or vector that field {@code i} of table {@code t} points to. */
    private static long table(MemorySegment m, long t, int i) {
        long at = t + fieldOffset(m, t, i);
        return at + m.get(LE.INT, at);
    }
}
