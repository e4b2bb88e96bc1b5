package dev.quiver.ipc;

import dev.quiver.array.Array;
import dev.quiver.array.ArrayEquality;
import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.compress.CompressionType;
import dev.quiver.type.ArrowType;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every type in scope × {stream, file} × {no compression, LZ4, ZSTD} × {with nulls, without nulls, an empty
 * batch, no batches}, plus sliced arrays with non-zero offsets: what is written is read back equal.
 */
class IpcRoundTripTest {
    enum Shape { NULLS, NO_NULLS, EMPTY_BATCH, NO_BATCHES, SLICED }

    @TestFactory
    List<DynamicTest> everyTypeFormatCodecShape() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Map.Entry<ArrowType, IntFunction<Object>>> t : SampleData.types().entrySet()) {
            for (boolean file : new boolean[] {false, true}) {
                for (CompressionType codec : new CompressionType[] {null, CompressionType.LZ4_FRAME, CompressionType.ZSTD}) {
                    for (Shape shape : Shape.values()) {
                        String name = t.getKey() + " / " + (file ? "file" : "stream") + " / "
                                + (codec == null ? "none" : codec) + " / " + shape;
                        tests.add(DynamicTest.dynamicTest(name,
                                () -> roundTrip(t.getValue().getKey(), t.getValue().getValue(), file, codec, shape)));
                    }
                }
            }
        }
        return tests;
    }

    private static void roundTrip(ArrowType type, IntFunction<Object> gen, boolean file, CompressionType codec,
                                  Shape shape) throws IOException {
        Schema schema = Schema.of(Field.nullable("v", type), Field.nullable("i", dev.quiver.type.ArrowTypes.INT32));
        List<RecordBatch> batches = new ArrayList<>();
        switch (shape) {
            case NULLS -> {
                batches.add(batch(schema, SampleData.array(type, gen, 37, true)));
                batches.add(batch(schema, SampleData.array(type, gen, 5, true)));
            }
            case NO_NULLS -> batches.add(batch(schema, SampleData.array(type, gen, 70, false)));
            case EMPTY_BATCH -> {
                batches.add(batch(schema, SampleData.array(type, gen, 0, true)));
                batches.add(batch(schema, SampleData.array(type, gen, 3, true)));
            }
            case NO_BATCHES -> { }
            case SLICED -> {
                Array full = SampleData.array(type, gen, 101, true);
                batches.add(batch(schema, full.slice(3, 50)));   // offset not a multiple of 8
                batches.add(batch(schema, full.slice(16, 0)));
                batches.add(batch(schema, full.slice(57, 44)));
            }
        }
        byte[] bytes = IpcNestedRoundTripTest.write(schema, batches, file, IpcWriteOptions.DEFAULT.withCompression(codec));
        if (!file) assertEquals(0, bytes.length % 8, "a stream is a sequence of 8-byte aligned messages");
        List<RecordBatch> read;
        if (file) {
            try (RecordBatchFileReader r = Ipc.openFile(bytes)) {
                assertEquals(schema, r.schema());
                assertEquals(batches.size(), r.numRecordBatches());
                for (var block : r.footer().recordBatches()) assertEquals(0, block.offset() % 8, "block alignment");
                read = detachAll(r.readAll().batches());
            }
            // and from disk, memory-mapped
            Path tmp = Files.createTempFile("quiver", ".arrow");
            try {
                Files.write(tmp, bytes);
                try (RecordBatchFileReader r = Ipc.openFile(tmp)) {
                    compareAll(batches, r.readAll().batches());
                }
            } finally {
                Files.delete(tmp);
            }
        } else {
            try (RecordBatchStreamReader r = Ipc.openStream(new java.io.ByteArrayInputStream(bytes))) {
                assertEquals(schema, r.schema());
                read = detachAll(r.readAll().batches());
            }
            try (RecordBatchStreamReader r = Ipc.openStream(bytes)) {
                compareAll(batches, r.readAll().batches());
            }
        }
        compareAll(batches, read);
    }

    @org.junit.jupiter.api.Test
    void alignment64PutsEveryMessageAndBufferOn64ByteBoundaries() throws IOException {
        Schema schema = Schema.of(Field.nullable("a", dev.quiver.type.ArrowTypes.INT8), Field.nullable("s", dev.quiver.type.ArrowTypes.UTF8));
        RecordBatch b = RecordBatch.of(schema, List.of(Arrow.int8(1, null, 3), Arrow.utf8("x", "yy", null)));
        for (CompressionType codec : new CompressionType[] {null, CompressionType.ZSTD}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (RecordBatchFileWriter w = Ipc.newFile(out, schema, IpcWriteOptions.DEFAULT.withAlignment(64).withCompression(codec))) {
                w.write(b);
                w.write(b.slice(1, 2));
            }
            byte[] bytes = out.toByteArray();
            java.lang.foreign.MemorySegment seg = java.lang.foreign.MemorySegment.ofArray(bytes);
            Inspector.StreamLayout layout = Inspector.stream(seg, 8, IpcLimits.DEFAULT);
            assertEquals(3, layout.messages().size());
            assertEquals(8, layout.messages().get(0).offset(), "the first message follows the magic and padding");
            for (MessageSummary m : layout.messages()) {
                // bodies start on 64-byte boundaries of the file, so every later message does too
                assertEquals(0, (m.offset() + 8 + m.metadataLength()) % 64, "body offset of message at " + m.offset());
                if (m.offset() > 8) assertEquals(0, m.offset() % 64, "message offset " + m.offset());
                if (m.message().header() instanceof dev.quiver.metadata.MessageHeader.RecordBatchHeader h) {
                    for (long o : h.bufferOffsets()) assertEquals(0, o % 64, "buffer offset " + o);
                    assertEquals(0, m.bodyLength() % 64, "body length");
                }
            }
            try (RecordBatchFileReader r = Ipc.openFile(bytes)) {
                assertNull(ArrayEquality.compare(b, r.recordBatch(0)));
                assertNull(ArrayEquality.compare(b.slice(1, 2), r.recordBatch(1)));
            }
        }
    }

    @org.junit.jupiter.api.Test
    void buffersOnHeapArraysOfAnyElementTypeAreWritten() throws IOException {
        // a user may wrap an int[] or long[] as a segment; such segments have no ByteBuffer view
        java.lang.foreign.MemorySegment ints = java.lang.foreign.MemorySegment.ofArray(new int[] {7, -1, 42});
        java.lang.foreign.MemorySegment longs = java.lang.foreign.MemorySegment.ofArray(new long[] {1L << 40, 3});
        dev.quiver.array.ArrayData a = new dev.quiver.array.ArrayData(dev.quiver.type.ArrowTypes.INT32, 3, 0, 0,
                new java.lang.foreign.MemorySegment[] {java.lang.foreign.MemorySegment.NULL, ints}, null, null);
        dev.quiver.array.ArrayData b = new dev.quiver.array.ArrayData(dev.quiver.type.ArrowTypes.INT64, 2, 0, 0,
                new java.lang.foreign.MemorySegment[] {java.lang.foreign.MemorySegment.NULL, longs}, null, null);
        Schema schema = Schema.of(Field.notNull("a", dev.quiver.type.ArrowTypes.INT32));
        Schema schemaB = Schema.of(Field.notNull("b", dev.quiver.type.ArrowTypes.INT64));
        RecordBatch batchA = RecordBatch.of(schema, List.of(dev.quiver.array.Array.of(a)));
        RecordBatch batchB = RecordBatch.of(schemaB, List.of(dev.quiver.array.Array.of(b)));
        for (RecordBatch batch : List.of(batchA, batchB))
        for (CompressionType codec : new CompressionType[] {null, CompressionType.LZ4_FRAME, CompressionType.ZSTD}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (RecordBatchStreamWriter w = Ipc.newStream(out, batch.schema(), IpcWriteOptions.DEFAULT.withCompression(codec))) {
                w.write(batch);
            }
            try (RecordBatchStreamReader r = Ipc.openStream(out.toByteArray())) {
                compareAll(List.of(batch), r.readAll().batches());
            }
        }
        try (RecordBatchStreamReader r = Ipc.openStream(IpcNestedRoundTripTest.write(schema, List.of(batchA), false, IpcWriteOptions.DEFAULT))) {
            dev.quiver.array.Int32Array col = (dev.quiver.array.Int32Array) r.readAll().batches().getFirst().column(0);
            assertEquals(List.of(7, -1, 42), List.of(col.get(0), col.get(1), col.get(2)));
        }
    }

    @org.junit.jupiter.api.Test
    void largeBuffersCompressedOnThePoolRoundTrip() throws IOException {
        int n = 100_000; // int64 values and utf8 data above CodecPool.MIN_PARALLEL_BYTES
        Long[] longs = new Long[n];
        String[] strings = new String[n];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(42);
        for (int i = 0; i < n; i++) {
            longs[i] = i % 10 == 0 ? null : rnd.nextLong(1000);
            strings[i] = i % 7 == 0 ? null : "v" + rnd.nextInt(100);
        }
        RecordBatch batch = RecordBatch.builder().add("l", Arrow.int64(longs)).add("s", Arrow.utf8(strings)).build();
        try (java.lang.foreign.Arena confined = java.lang.foreign.Arena.ofConfined()) {
            // the same values in memory only this thread may touch: compressed on the caller's thread instead
            dev.quiver.array.ArrayData d = batch.column(0).data();
            java.lang.foreign.MemorySegment values = confined.allocate(d.buffer(1).byteSize(), 8);
            values.copyFrom(d.buffer(1));
            dev.quiver.array.ArrayData local = new dev.quiver.array.ArrayData(d.type(), d.length(), d.offset(),
                    d.nullCount(), new java.lang.foreign.MemorySegment[] {d.buffer(0), values}, null, null);
            RecordBatch confinedBatch = RecordBatch.of(batch.schema(),
                    List.of(dev.quiver.array.Array.of(local), batch.column(1)));
            for (CompressionType codec : new CompressionType[] {CompressionType.LZ4_FRAME, CompressionType.ZSTD}) {
                for (RecordBatch b : List.of(batch, confinedBatch, batch.slice(12_345, 70_000))) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try (RecordBatchFileWriter w = Ipc.newFile(out, b.schema(), IpcWriteOptions.DEFAULT.withCompression(codec))) {
                        w.write(b);
                        w.write(b);
                    }
                    try (RecordBatchFileReader r = Ipc.openFile(out.toByteArray())) {
                        compareAll(List.of(b, b), r.readAll().batches());
                    }
                }
            }
        }
    }

    private static List<RecordBatch> detachAll(List<RecordBatch> batches) {
        batches.forEach(RecordBatch::detach);
        return batches;
    }

    private static void compareAll(List<RecordBatch> expected, List<RecordBatch> actual) {
        assertEquals(expected.size(), actual.size(), "number of batches");
        for (int i = 0; i < expected.size(); i++) {
            assertNull(ArrayEquality.compare(expected.get(i), actual.get(i)), "batch " + i);
            assertTrue(actual.get(i).numRows() == expected.get(i).numRows());
        }
    }

    private static RecordBatch batch(Schema schema, Array values) {
        Integer[] ints = new Integer[values.length()];
        for (int i = 0; i < ints.length; i++) ints[i] = i;
        return RecordBatch.of(schema, List.of(values, Arrow.int32(ints)));
    }
}
