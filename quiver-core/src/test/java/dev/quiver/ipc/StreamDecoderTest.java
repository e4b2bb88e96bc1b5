package dev.quiver.ipc;

import dev.quiver.InvalidDataException;
import dev.quiver.LimitExceededException;
import dev.quiver.QuiverException;
import dev.quiver.array.ArrayData;
import dev.quiver.array.ArrayEquality;
import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.metadata.Message;
import dev.quiver.metadata.MessageCodec;
import dev.quiver.metadata.MessageHeader;
import dev.quiver.testing.TestData;
import dev.quiver.type.Field;
import dev.quiver.type.MetadataVersion;
import dev.quiver.type.Schema;
import dev.quiver.type.ArrowTypes;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The push decoder against the blocking {@link RecordBatchStreamReader}: every gold stream fed in chunks of 1, 2, 8,
 * 123 bytes, exactly {@link StreamDecoder#nextRequiredSize()} bytes at a time, and all at once, through each
 * {@code consume} overload, from a buffer the test overwrites after every chunk, yields the same schema and
 * batches (or the same exception type) and, fed byte by byte, equals the case's JSON. Then hostile and
 * truncated input.
 */
class StreamDecoderTest {
    static final String[] FOLDERS = {"cpp-21.0.0", "1.0.0-littleendian", "2.0.0-compression", "4.0.0-shareddict"};
    static final int NEXT_REQUIRED = -1;
    static final int ALL = 0;

    /** What a reader or decoder produced: schema, batches, dictionaries seen, and the failure if any. */
    record Outcome(Schema schema, List<RecordBatch> batches, int dictionaries, boolean ended, QuiverException error) {}

    @TestFactory
    List<DynamicTest> everyGoldStreamInEveryChunking() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String folder : FOLDERS) {
            List<Path> streams;
            try (var files = Files.list(TestData.integration(folder))) {
                streams = files.filter(p -> p.getFileName().toString().endsWith(".stream")).sorted().toList();
            }
            for (Path p : streams) {
                tests.add(DynamicTest.dynamicTest(folder + "/" + p.getFileName(), () -> {
                    byte[] bytes = Files.readAllBytes(p);
                    Outcome expected = blocking(bytes);
                    for (int chunk : new int[] {1, 2, 8, 123, ALL, NEXT_REQUIRED}) {
                        Outcome got = pushed(bytes, chunk, IpcReadOptions.DEFAULT);
                        assertSameOutcome(expected, got, "chunks of " + (chunk == ALL ? "all" : chunk == NEXT_REQUIRED
                                ? "nextRequiredSize()" : chunk));
                        if (expected.error() == null) {
                            assertEquals(dictionaryMessages(bytes), got.dictionaries(), "onDictionary calls");
                        }
                        if (chunk == 1) { // and, independently of the blocking reader, equal to the case's JSON
                            String json = p.getFileName().toString().replace(".stream", ".json.gz");
                            String diff = dev.quiver.json.IntegrationEquality.compare(
                                    dev.quiver.json.IntegrationJson.read(p.resolveSibling(json)), got.schema(), got.batches());
                            assertNull(diff, diff);
                        }
                    }
                }));
            }
        }
        return tests;
    }

    /** Cutting a stream anywhere: the decoder and the blocking reader agree on the batches or the error type. */
    @Test
    void truncatedAnywhereAgreesWithTheBlockingReader() throws IOException {
        byte[] bytes = BigEndianRoundTripTest.write(LegacyFramingTest.schema(), LegacyFramingTest.batches(),
                IpcWriteOptions.DEFAULT, false);
        int boundaries = 0;
        for (int cut = 0; cut <= bytes.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(bytes, cut);
            Outcome expected = blocking(part);
            Outcome got = pushed(part, ALL, IpcReadOptions.DEFAULT);
            assertSameOutcome(expected, got, "cut at " + cut);
            if (got.error() == null) {
                boundaries++;
                assertTrue(got.ended(), "a clean end at a message boundary ends the stream, cut at " + cut);
            } else {
                assertEquals(InvalidDataException.class, got.error().getClass(), "cut at " + cut);
                assertTrue(got.error().getMessage().contains("unexpected end of input")
                        || got.error().getMessage().contains("no schema message")
                        || got.error().getMessage().startsWith("the input is empty"), got.error().getMessage());
            }
        }
        assertEquals(6, boundaries, "cuts after the schema, the dictionary, each of 3 batches, and the end-of-stream marker");
    }

    @Test
    void batchesStayValidAndBytesAfterTheEndAreIgnored() throws IOException {
        byte[] bytes = BigEndianRoundTripTest.write(LegacyFramingTest.schema(), LegacyFramingTest.batches(),
                IpcWriteOptions.DEFAULT, false);
        List<RecordBatch> got = new ArrayList<>();
        int[] ends = {0};
        StreamDecoder d = new StreamDecoder(new StreamDecoder.Listener() {
            @Override public void onRecordBatch(RecordBatch batch) { got.add(batch); }
            @Override public void onEndOfStream() { ends[0]++; }
        });
        byte[] withTrailer = java.util.Arrays.copyOf(bytes, bytes.length + 100);
        java.util.Arrays.fill(withTrailer, bytes.length, withTrailer.length, (byte) 0x5A);
        d.consume(withTrailer, 0, withTrailer.length);
        assertTrue(d.isEnded());
        assertEquals(withTrailer.length, d.position());
        d.consume(new byte[] {1, 2, 3}, 0, 3); // still ignored
        d.finish();
        assertEquals(1, ends[0], "onEndOfStream once");
        java.util.Arrays.fill(withTrailer, (byte) 0x77); // the caller reuses its buffer: batches are copies
        for (int i = 0; i < got.size(); i++) {
            assertNull(ArrayEquality.compare(LegacyFramingTest.batches().get(i), got.get(i)), "batch " + i);
        }
        RecordBatch kept = got.get(0).detach();
        d.close();
        assertTrue(got.get(1).isClosed(), "batches borrowing the dictionaries close with the decoder");
        assertFalse(kept.isClosed());
        assertNull(ArrayEquality.compare(LegacyFramingTest.batches().get(0), kept), "detached batch outlives the decoder");
        kept.close();
        assertThrows(IllegalStateException.class, () -> d.consume(new byte[1], 0, 1));
    }

    @Test
    void nextRequiredSizeFollowsTheFraming() throws IOException {
        Schema schema = Schema.of(Field.nullable("i", ArrowTypes.INT32));
        byte[] bytes = BigEndianRoundTripTest.write(schema,
                List.of(RecordBatch.of(schema, List.of(Arrow.int32(1, 2, 3)))), IpcWriteOptions.DEFAULT, false);
        var layout = Inspector.stream(MemorySegment.ofArray(bytes));
        StreamDecoder d = new StreamDecoder(new StreamDecoder.Listener() {});
        assertEquals(4, d.nextRequiredSize(), "continuation marker or legacy length");
        d.consume(bytes, 0, 3);
        assertEquals(1, d.nextRequiredSize());
        d.consume(bytes, 3, 1);
        assertEquals(4, d.nextRequiredSize(), "metadata length");
        d.consume(bytes, 4, 4);
        MessageSummary first = layout.messages().get(0);
        assertEquals(first.metadataLength(), d.nextRequiredSize(), "the schema's metadata");
        assertNull(d.schema());
        d.consume(bytes, 8, first.metadataLength());
        assertEquals(schema, d.schema());
        assertEquals(4, d.nextRequiredSize(), "the schema has no body: the next prefix");
        MessageSummary batch = layout.messages().get(1);
        d.consume(bytes, (int) batch.offset(), 8 + batch.metadataLength());
        assertEquals(batch.bodyLength(), d.nextRequiredSize(), "the batch's body");
        d.consume(bytes, (int) (batch.offset() + 8 + batch.metadataLength()), (int) batch.bodyLength());
        assertEquals(4, d.nextRequiredSize());
        d.consume(bytes, bytes.length - 8, 8);
        assertEquals(0, d.nextRequiredSize(), "ended");
        d.close();
    }

    /** The blocking reader runs over the decoder without copying: batches read from memory are slices of it. */
    @Test
    void streamReaderFromMemoryIsZeroCopy() throws IOException {
        Schema schema = Schema.of(Field.nullable("i", ArrowTypes.INT32), Field.nullable("s", ArrowTypes.UTF8));
        RecordBatch b = RecordBatch.of(schema, List.of(Arrow.int32(1, 2, null), Arrow.utf8("a", "bb", "ccc")));
        for (IpcWriteOptions options : List.of(IpcWriteOptions.DEFAULT,
                IpcWriteOptions.DEFAULT.withEndianness(dev.quiver.type.Endianness.BIG))) {
            byte[] bytes = BigEndianRoundTripTest.write(schema, List.of(b, b), options, false);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment input = arena.allocate(bytes.length, 8).copyFrom(MemorySegment.ofArray(bytes));
                try (RecordBatchStreamReader r = Ipc.openStream(input)) {
                    for (RecordBatch got; (got = r.readNext()) != null; ) {
                        assertNull(ArrayEquality.compare(b, got));
                        boolean big = options.endianness() == dev.quiver.type.Endianness.BIG;
                        assertEquals(!big, inside(input, got.column(0).data().buffer(1)), "int32 values: a slice unless swapped");
                        assertTrue(inside(input, got.column(0).data().buffer(0)), "validity: always a slice");
                        assertTrue(inside(input, got.column(1).data().buffer(2)), "utf8 data: always a slice");
                    }
                }
                try (RecordBatchStreamReader r = Ipc.openStream(new java.io.ByteArrayInputStream(bytes))) {
                    RecordBatch got = r.readNext();
                    assertFalse(inside(input, got.column(0).data().buffer(0)), "from a channel: the batch's own memory");
                    assertNull(ArrayEquality.compare(b, got));
                }
            }
        }
    }

    private static boolean inside(MemorySegment outer, MemorySegment inner) {
        return inner.isNative() && inner.address() >= outer.address()
                && inner.address() + inner.byteSize() <= outer.address() + outer.byteSize();
    }

    // ---- hostile input ----

    @Test
    void negativeLengthAfterTheContinuationMarkerIsInvalid() {
        QuiverException e = pushFails(bytes(-1, -1), IpcReadOptions.DEFAULT);
        assertEquals(InvalidDataException.class, e.getClass());
        assertEquals("negative metadata length -1", e.detail());
        assertEquals(4, e.offset());
    }

    @Test
    void negativeLegacyLengthIsInvalid() {
        QuiverException e = pushFails(bytes(-7), IpcReadOptions.DEFAULT);
        assertEquals(InvalidDataException.class, e.getClass());
        assertEquals("negative metadata length -7", e.detail());
    }

    @Test
    void hugeMetadataLengthInATinyChunkIsRefusedBeforeAllocating() {
        QuiverException e = pushFails(bytes(-1, Integer.MAX_VALUE), IpcReadOptions.DEFAULT);
        assertEquals(LimitExceededException.class, e.getClass());
        assertTrue(e.detail().startsWith("metadata length 2147483647 exceeds the limit"), e.detail());
        QuiverException legacy = pushFails(bytes(Integer.MAX_VALUE), IpcReadOptions.DEFAULT);
        assertEquals(LimitExceededException.class, legacy.getClass());
    }

    @Test
    void aDeclaredLengthAllowedByTheLimitsAllocatesOnlyWithTheBytesReceived() {
        IpcReadOptions lax = IpcReadOptions.DEFAULT.withLimits(IpcLimits.DEFAULT.withMaxMetadataLength(Integer.MAX_VALUE));
        StreamDecoder d = new StreamDecoder(new StreamDecoder.Listener() {}, lax);
        d.consume(ByteBuffer.wrap(bytes(-1, 1 << 30)));
        assertEquals(1 << 30, d.nextRequiredSize());
        assertEquals(0, d.bufferedCapacity(), "nothing allocated before bytes arrive");
        d.consume(new byte[100], 0, 100);
        assertEquals((1 << 30) - 100L, d.nextRequiredSize());
        assertEquals(GrowingBuffer.MIN_CAPACITY, d.bufferedCapacity());
        for (int i = 0; i < 20; i++) d.consume(new byte[10_000], 0, 10_000);
        assertTrue(d.bufferedCapacity() <= 2 * 200_100L, "grows with the bytes received: " + d.bufferedCapacity());
        InvalidDataException e = assertThrows(InvalidDataException.class, d::finish);
        assertEquals("unexpected end of input in message metadata: expected 1073741824 bytes, found 200100", e.detail());
        assertEquals(8, e.offset());
        d.close(); // releases what was held; does not throw again

        // metadata that no heap array could hold is refused even when the limits allow it
        QuiverException tooBig = pushFails(bytes(-1, Integer.MAX_VALUE), lax);
        assertEquals(LimitExceededException.class, tooBig.getClass());
        assertEquals(4, tooBig.offset());
    }

    @Test
    void hugeDeclaredBodyGrowsWithTheBytesReceivedOrIsRefusedByTheLimit() {
        Schema schema = Schema.of(Field.nullable("i", ArrowTypes.INT64));
        byte[] head = concat(frame(new Message(MetadataVersion.V5, new MessageHeader.SchemaHeader(schema), 0, Map.of())),
                frame(new Message(MetadataVersion.V5, new MessageHeader.RecordBatchHeader(1L << 37,
                        new long[] {1L << 37}, new long[] {0}, new long[] {0, 0}, new long[] {0, 1L << 40}, null, null),
                        1L << 40, Map.of())));
        StreamDecoder d = new StreamDecoder(new StreamDecoder.Listener() {});
        d.consume(head, 0, head.length);
        assertEquals(1L << 40, d.nextRequiredSize());
        assertEquals(0, d.bufferedCapacity());
        d.consume(new byte[1000], 0, 1000);
        assertEquals((1L << 40) - 1000, d.nextRequiredSize());
        assertEquals(GrowingBuffer.MIN_CAPACITY, d.bufferedCapacity());
        InvalidDataException e = assertThrows(InvalidDataException.class, d::close);
        assertTrue(e.detail().startsWith("unexpected end of input in message body: expected 1099511627776 bytes, found 1000"),
                e.detail());

        IpcReadOptions strict = IpcReadOptions.DEFAULT.withLimits(IpcLimits.DEFAULT.withMaxBodyLength(1 << 20));
        QuiverException limited = pushFails(head, strict);
        assertEquals(LimitExceededException.class, limited.getClass());
        assertEquals("body length 1099511627776 exceeds the limit of 1048576 bytes", limited.detail());
    }

    @Test
    void messagesOutOfOrderAreInvalid() {
        Schema schema = Schema.of(Field.nullable("i", ArrowTypes.INT32));
        byte[] schemaMessage = frame(new Message(MetadataVersion.V5, new MessageHeader.SchemaHeader(schema), 0, Map.of()));
        QuiverException twice = pushFails(concat(schemaMessage, schemaMessage), IpcReadOptions.DEFAULT);
        assertEquals("unexpected second schema message", twice.detail());
        assertEquals(schemaMessage.length, twice.offset());
        byte[] batch = frame(new Message(MetadataVersion.V5, new MessageHeader.RecordBatchHeader(0, new long[] {0},
                new long[] {0}, new long[] {0, 0}, new long[] {0, 0}, null, null), 0, Map.of()));
        QuiverException noSchema = pushFails(batch, IpcReadOptions.DEFAULT);
        assertEquals("the stream must start with a schema message, found a record batch message", noSchema.detail());
        StreamDecoder empty = new StreamDecoder(new StreamDecoder.Listener() {});
        assertEquals("the input is empty (0 bytes), not an Arrow IPC stream",
                assertThrows(InvalidDataException.class, empty::finish).detail());
        StreamDecoder onlyEos = new StreamDecoder(new StreamDecoder.Listener() {});
        assertEquals("the stream has no schema message (it is empty)",
                assertThrows(InvalidDataException.class, () -> onlyEos.consume(bytes(-1, 0))).detail());
    }

    @Test
    void garbageMetadataIsInvalidAndTheDecoderThenRefusesInput() {
        byte[] garbage = concat(bytes(-1, 16), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        StreamDecoder d = new StreamDecoder(new StreamDecoder.Listener() {});
        QuiverException e = assertThrows(QuiverException.class, () -> d.consume(garbage, 0, garbage.length));
        assertTrue(e instanceof InvalidDataException, e.toString());
        IllegalStateException after = assertThrows(IllegalStateException.class, () -> d.consume(new byte[1], 0, 1));
        assertSame(e, after.getCause());
        d.close();
    }

    @Test
    void listenerExceptionsPassThroughUnchanged() throws IOException {
        byte[] bytes = BigEndianRoundTripTest.write(LegacyFramingTest.schema(), LegacyFramingTest.batches(),
                IpcWriteOptions.DEFAULT, false);
        RuntimeException mine = new RuntimeException("listener says no");
        StreamDecoder d = new StreamDecoder(new StreamDecoder.Listener() {
            @Override public void onRecordBatch(RecordBatch batch) { batch.close(); throw mine; }
        });
        assertSame(mine, assertThrows(RuntimeException.class, () -> d.consume(bytes, 0, bytes.length)));
        assertThrows(IllegalStateException.class, () -> d.consume(bytes, 0, 1));
        d.close();
    }

    // ---- helpers ----

    /** The blocking reader's view of {@code bytes}: batches up to the first error. */
    static Outcome blocking(byte[] bytes) {
        Schema schema = null;
        List<RecordBatch> batches = new ArrayList<>();
        try (RecordBatchStreamReader r = Ipc.openStream(bytes)) {
            schema = r.schema();
            for (RecordBatch b; (b = r.readNext()) != null; ) batches.add(b.detach());
            return new Outcome(schema, batches, -1, true, null);
        } catch (QuiverException e) {
            return new Outcome(schema, batches, -1, false, e);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Pushes {@code bytes} in chunks of {@code chunk} bytes (or {@link #ALL}, or {@link #NEXT_REQUIRED}),
     * rotating through the consume overloads, from one reused buffer overwritten after every chunk.
     */
    static Outcome pushed(byte[] bytes, int chunk, IpcReadOptions options) {
        List<RecordBatch> batches = new ArrayList<>();
        Schema[] schema = {null};
        int[] dictionaries = {0};
        boolean[] ended = {false};
        StreamDecoder.Listener listener = new StreamDecoder.Listener() {
            @Override public void onSchema(Schema s) {
                if (schema[0] != null) fail("onSchema twice");
                schema[0] = s;
            }
            @Override public void onDictionary(long id, ArrayData dictionary, boolean isDelta) { dictionaries[0]++; }
            @Override public void onRecordBatch(RecordBatch batch) { batches.add(batch); }
            @Override public void onEndOfStream() {
                if (ended[0]) fail("onEndOfStream twice");
                ended[0] = true;
            }
        };
        int max = chunk > 0 ? chunk : Math.max(bytes.length, 1);
        byte[] reusedArray = new byte[max];
        ByteBuffer reusedHeap = ByteBuffer.allocate(max);
        ByteBuffer reusedDirect = ByteBuffer.allocateDirect(max);
        try (Arena arena = Arena.ofConfined(); StreamDecoder d = new StreamDecoder(listener, options)) {
            MemorySegment reusedNative = arena.allocate(max);
            try {
                int at = 0;
                int turn = 0;
                while (at < bytes.length) {
                    int n = chunk == NEXT_REQUIRED
                            ? (int) Math.min(Math.max(d.nextRequiredSize(), 1), bytes.length - at)
                            : Math.min(max, bytes.length - at);
                    if (chunk == NEXT_REQUIRED && n > reusedArray.length) {
                        reusedArray = new byte[n];
                    }
                    switch (turn++ % 4) {
                        case 0 -> {
                            System.arraycopy(bytes, at, reusedArray, 0, n);
                            d.consume(reusedArray, 0, n);
                            java.util.Arrays.fill(reusedArray, (byte) 0xAA);
                        }
                        case 1 -> {
                            ByteBuffer bb = n <= reusedHeap.capacity() ? reusedHeap.clear() : ByteBuffer.allocate(n);
                            bb.put(bytes, at, n).flip();
                            d.consume(bb);
                            assertFalse(bb.hasRemaining(), "consume(ByteBuffer) takes every remaining byte");
                            bb.clear();
                            while (bb.hasRemaining()) bb.put((byte) 0xBB);
                        }
                        case 2 -> {
                            ByteBuffer bb = n <= reusedDirect.capacity() ? reusedDirect.clear() : ByteBuffer.allocateDirect(n);
                            bb.put(bytes, at, n).flip();
                            d.consume(bb);
                            bb.clear();
                            while (bb.hasRemaining()) bb.put((byte) 0xCC);
                        }
                        default -> {
                            MemorySegment seg = n <= reusedNative.byteSize() ? reusedNative.asSlice(0, n)
                                    : arena.allocate(n);
                            MemorySegment.copy(MemorySegment.ofArray(bytes), at, seg, 0, n);
                            d.consume(seg);
                            seg.fill((byte) 0xDD);
                        }
                    }
                    at += n;
                }
                d.finish();
                for (RecordBatch b : batches) b.detach();
                return new Outcome(schema[0], batches, dictionaries[0], ended[0], null);
            } catch (QuiverException e) {
                for (RecordBatch b : batches) b.detach();
                return new Outcome(schema[0], batches, dictionaries[0], ended[0], e);
            }
        }
    }

    static void assertSameOutcome(Outcome expected, Outcome got, String what) {
        if (expected.error() != null || got.error() != null) {
            assertEquals(expected.error() == null ? null : expected.error().getClass(),
                    got.error() == null ? null : got.error().getClass(),
                    what + ": same failure (expected " + expected.error() + ", got " + got.error() + ")");
        }
        assertEquals(expected.schema(), got.schema(), what + ": schema");
        assertEquals(expected.batches().size(), got.batches().size(), what + ": batches");
        for (int i = 0; i < expected.batches().size(); i++) {
            assertNull(ArrayEquality.compare(expected.batches().get(i), got.batches().get(i)), what + ": batch " + i);
        }
    }

    private static int dictionaryMessages(byte[] stream) {
        int n = 0;
        for (MessageSummary m : Inspector.stream(MemorySegment.ofArray(stream)).messages()) {
            if (m.message().header() instanceof MessageHeader.DictionaryBatchHeader) n++;
        }
        return n;
    }

    private static QuiverException pushFails(byte[] input, IpcReadOptions options) {
        StreamDecoder d = new StreamDecoder(new StreamDecoder.Listener() {}, options);
        for (int i = 0; i < input.length; i++) {
            try {
                d.consume(input, i, 1);
            } catch (QuiverException e) {
                assertEquals(0, d.nextRequiredSize(), "a failed decoder needs nothing more");
                d.close();
                return e;
            }
        }
        return assertThrows(QuiverException.class, d::finish);
    }

    private static byte[] bytes(int... ints) {
        ByteBuffer b = ByteBuffer.allocate(ints.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i : ints) b.putInt(i);
        return b.array();
    }

    /** A message framed with the continuation marker, metadata padded to 8. */
    private static byte[] frame(Message m) {
        byte[] meta = MessageCodec.encode(m);
        int padded = (meta.length + 7) & -8;
        ByteBuffer b = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(-1).putInt(padded).put(meta);
        return b.array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
