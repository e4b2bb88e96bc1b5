package dev.quiver.metadata;

import dev.quiver.memory.LE;
import dev.quiver.metadata.MessageHeader.DictionaryBatchHeader;
import dev.quiver.metadata.MessageHeader.RecordBatchHeader;
import dev.quiver.metadata.MessageHeader.SchemaHeader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Test helpers: minimal IPC framing to find message metadata and footers in gold files. */
final class IpcTestFiles {
    private IpcTestFiles() {}

    /** The metadata of one encapsulated message: where it starts in the file, and its bytes. */
    record Frame(long offset, MemorySegment metadata) {}

    static MemorySegment read(Path p) {
        try {
            return MemorySegment.ofArray(Files.readAllBytes(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every message of a stream: 0xFFFFFFFF, int32 metadata length, metadata, body. Old writers omit the
     * continuation marker; an int32 length of 0 (or the end of the data) ends the stream.
     */
    static List<Frame> streamMessages(MemorySegment data, long start) {
        List<Frame> frames = new ArrayList<>();
        long pos = start;
        while (pos + 4 <= data.byteSize()) {
            int len = data.get(LE.INT, pos);
            pos += 4;
            if (len == -1) {
                len = data.get(LE.INT, pos);
                pos += 4;
            }
            if (len == 0) break;
            assertTrue(len > 0 && pos + len <= data.byteSize(), "bad frame at " + pos);
            MemorySegment md = data.asSlice(pos, len);
            Message m = MessageCodec.decode(md, "test", pos);
            frames.add(new Frame(pos, md));
            pos += len + m.bodyLength();
        }
        return frames;
    }

    /** The footer of an IPC file: int32 length and "ARROW1" end the file. */
    static MemorySegment footer(MemorySegment file) {
        long size = file.byteSize();
        byte[] magic = file.asSlice(size - 6, 6).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        assertEquals("ARROW1", new String(magic, java.nio.charset.StandardCharsets.US_ASCII));
        int len = file.get(LE.INT, size - 10);
        return file.asSlice(size - 10 - len, len);
    }

    static long footerOffset(MemorySegment file) {
        return file.byteSize() - 10 - file.get(LE.INT, file.byteSize() - 10);
    }

    static List<Path> files(Path dir, String suffix) {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertMessageEquals(Message expected, Message actual) {
        assertEquals(expected.version(), actual.version());
        assertEquals(expected.bodyLength(), actual.bodyLength());
        assertEquals(expected.metadata(), actual.metadata());
        assertEquals(List.copyOf(expected.metadata().keySet()), List.copyOf(actual.metadata().keySet()));
        switch (expected.header()) {
            case SchemaHeader s -> assertEquals(s, actual.header());
            case RecordBatchHeader rb -> assertBatchEquals(rb, (RecordBatchHeader) actual.header());
            case DictionaryBatchHeader d -> {
                DictionaryBatchHeader a = (DictionaryBatchHeader) actual.header();
                assertEquals(d.id(), a.id());
                assertEquals(d.isDelta(), a.isDelta());
                assertBatchEquals(d.data(), a.data());
            }
            default -> fail("unexpected header " + expected.header());
        }
    }

    static void assertBatchEquals(RecordBatchHeader e, RecordBatchHeader a) {
        assertEquals(e.length(), a.length());
        assertArrayEquals(e.nodeLengths(), a.nodeLengths());
        assertArrayEquals(e.nodeNullCounts(), a.nodeNullCounts());
        assertArrayEquals(e.bufferOffsets(), a.bufferOffsets());
        assertArrayEquals(e.bufferLengths(), a.bufferLengths());
        assertEquals(e.compression(), a.compression());
        assertArrayEquals(e.variadicBufferCounts(), a.variadicBufferCounts());
    }
}
