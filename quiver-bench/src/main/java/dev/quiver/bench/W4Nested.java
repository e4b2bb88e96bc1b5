package dev.quiver.bench;

import dev.quiver.array.Array;
import dev.quiver.array.ArrayData;
import dev.quiver.array.Arrow;
import dev.quiver.array.DictionaryArray;
import dev.quiver.array.FixedWidthBuilder;
import dev.quiver.array.Int32Array;
import dev.quiver.array.ListArray;
import dev.quiver.array.RecordBatch;
import dev.quiver.array.StructArray;
import dev.quiver.array.Utf8Array;
import dev.quiver.array.VarBinaryBuilder;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.ipc.RecordBatchFileWriter;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.ArrowTypes;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.openjdk.jmh.annotations.CompilerControl;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * W4 nested: rows in batches of 65,536 of {@code tags list<utf8>} (0 to 5 of 50 words), {@code s struct<a int32,
 * b utf8>} and {@code d}, utf8 dictionary-encoded with int32 indices into one dictionary of 1,000 values. No nulls.
 * "Touching every value" sums list lengths, string lengths, {@code s.a}, and the lengths of the dictionary values
 * the indices point at.
 */
final class W4Nested {
    private W4Nested() {}

    static final int BATCH = 65_536;
    static final String[] WORDS = {
        "amber", "birch", "cedar", "delta", "ember", "fjord", "grove", "heath", "inlet", "juniper",
        "kestrel", "larch", "meadow", "nettle", "orchard", "pine", "quarry", "ridge", "spruce", "thistle",
        "upland", "valley", "willow", "yarrow", "zephyr", "alder", "bramble", "clover", "dune", "elm",
        "fern", "glade", "hollow", "iris", "jasmine", "knoll", "lichen", "moss", "north", "oak",
        "pebble", "quill", "rowan", "sorrel", "tarn", "umber", "vetch", "wren", "yew", "zinnia"};
    static final int DICTIONARY_SIZE = 1_000;

    static int rows() {
        return Bench.rows(1_000_000, 66_000);
    }

    static String dictionaryValue(int k) {
        return "entry-" + k;
    }

    /** One row's values, drawn in the same order for both libraries. */
    static final class Rows {
        private final SplittableRandom random = new SplittableRandom(42);
        final int[] tags = new int[5];
        int tagCount;
        int a;
        int b;
        int d;

        void next() {
            tagCount = random.nextInt(6);
            for (int k = 0; k < tagCount; k++) tags[k] = random.nextInt(WORDS.length);
            a = random.nextInt();
            b = random.nextInt(WORDS.length);
            d = random.nextInt(DICTIONARY_SIZE);
        }
    }

    private static final byte[][] WORD_BYTES = new byte[WORDS.length][];

    static {
        for (int i = 0; i < WORDS.length; i++) WORD_BYTES[i] = WORDS[i].getBytes(StandardCharsets.UTF_8);
    }

    // ---- Quiver ----------------------------------------------------------------------------------------------

    static final dev.quiver.type.Field Q_TAGS = dev.quiver.type.Field.nullable("tags", ArrowTypes.LIST,
            dev.quiver.type.Field.nullable("item", ArrowTypes.UTF8));
    static final dev.quiver.type.Field Q_S = dev.quiver.type.Field.nullable("s", ArrowTypes.STRUCT,
            dev.quiver.type.Field.nullable("a", ArrowTypes.INT32), dev.quiver.type.Field.nullable("b", ArrowTypes.UTF8));
    static final dev.quiver.type.Field Q_D = dev.quiver.type.Field.nullable("d", ArrowTypes.UTF8)
            .withDictionary(DictionaryEncoding.of(0));

    /** Every batch built with Quiver's builders; list and struct arrays assembled from their children. */
    static List<RecordBatch> quiverBatches(int rows) {
        VarBinaryBuilder dictionary = new VarBinaryBuilder(ArrowTypes.UTF8);
        for (int k = 0; k < DICTIONARY_SIZE; k++) dictionary.append(dictionaryValue(k));
        Array dict = dictionary.buildArray();
        Rows r = new Rows();
        List<RecordBatch> out = new ArrayList<>();
        for (int first = 0; first < rows; first += BATCH) {
            int n = Math.min(BATCH, rows - first);
            VarBinaryBuilder items = new VarBinaryBuilder(ArrowTypes.UTF8);
            FixedWidthBuilder offsets = new FixedWidthBuilder(ArrowTypes.INT32).appendInt(0);
            FixedWidthBuilder a = new FixedWidthBuilder(ArrowTypes.INT32);
            VarBinaryBuilder b = new VarBinaryBuilder(ArrowTypes.UTF8);
            FixedWidthBuilder d = new FixedWidthBuilder(ArrowTypes.INT32);
            for (int i = 0; i < n; i++) {
                r.next();
                for (int k = 0; k < r.tagCount; k++) items.append(WORD_BYTES[r.tags[k]]);
                offsets.appendInt(items.length());
                a.appendInt(r.a);
                b.append(WORD_BYTES[r.b]);
                d.appendInt(r.d);
            }
            ArrayData tags = new ArrayData(ArrowTypes.LIST, n, 0, 0,
                    new MemorySegment[] {ArrayData.ABSENT, offsets.build().buffer(1)},
                    new ArrayData[] {items.build()}, null);
            ArrayData s = new ArrayData(ArrowTypes.STRUCT, n, 0, 0, new MemorySegment[] {ArrayData.ABSENT},
                    new ArrayData[] {a.build(), b.build()}, null);
            out.add(RecordBatch.builder()
                    .add(Q_TAGS, Array.of(tags))
                    .add(Q_S, Array.of(s))
                    .add(Q_D, Arrow.dictionary(d.buildArray(), dict))
                    .build());
        }
        return out;
    }

    /** Reads a file from memory with Quiver (default options: FULL validation), touching every value. */
    static long quiverRead(byte[] file) {
        long sum = 0;
        try (RecordBatchFileReader r = Ipc.openFile(MemorySegment.ofArray(file))) {
            for (int bi = 0; bi < r.numRecordBatches(); bi++) {
                try (RecordBatch batch = r.recordBatch(bi)) {
                    sum += touch(batch);
                }
            }
        }
        return sum;
    }

    /** Every value of one batch; never inlined into the reading loop (see {@link W1Cities}). */
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long touch(RecordBatch batch) {
        long sum = 0;
        ListArray tags = (ListArray) batch.column(0);
        Utf8Array items = (Utf8Array) tags.values();
        StructArray s = (StructArray) batch.column(1);
        Int32Array a = (Int32Array) s.field(0);
        Utf8Array b = (Utf8Array) s.field(1);
        DictionaryArray d = (DictionaryArray) batch.column(2);
        Utf8Array dict = (Utf8Array) d.dictionary();
        for (int i = 0, n = batch.numRows(); i < n; i++) {
            int start = (int) tags.valueStart(i);
            int count = tags.valueLength(i);
            sum += count;
            for (int k = start; k < start + count; k++) sum += items.valueLength(k);
            sum += a.get(i) + b.valueLength(i);
            sum += dict.valueLength((int) d.getIndex(i));
        }
        return sum;
    }

    /** Bump when the generated data changes, so that stale files are not reused. */
    private static final int VERSION = 1;

    /** The W4 file as Quiver writes it (no compression), the input PyArrow reads; generated when missing. */
    static Path file() throws IOException {
        return DataFiles.input(Bench.dir().resolve("w4-v" + VERSION + "-" + rows() + ".arrow"), target -> {
            Path tmp = DataFiles.temporary(target);
            List<RecordBatch> batches = quiverBatches(rows());
            try (RecordBatchFileWriter w = Ipc.newFile(tmp, batches.get(0).schema(), IpcWriteOptions.DEFAULT)) {
                for (RecordBatch b : batches) w.write(b);
            }
            DataFiles.publish(tmp, target);
        });
    }

    // ---- Arrow Java ------------------------------------------------------------------------------------------

    // built on demand, so that Quiver-only JVMs never initialise Arrow Java
    static org.apache.arrow.vector.types.pojo.DictionaryEncoding arrowEncoding() {
        return new org.apache.arrow.vector.types.pojo.DictionaryEncoding(0, false, new ArrowType.Int(32, true));
    }

    static Schema arrowSchema() {
        return new Schema(List.of(
            new Field("tags", FieldType.nullable(ArrowType.List.INSTANCE),
                    List.of(new Field("item", FieldType.nullable(ArrowType.Utf8.INSTANCE), null))),
            new Field("s", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(
                    new Field("a", FieldType.nullable(new ArrowType.Int(32, true)), null),
                    new Field("b", FieldType.nullable(ArrowType.Utf8.INSTANCE), null))),
            new Field("d", new FieldType(true, new ArrowType.Int(32, true), arrowEncoding()), null)));
    }

    /** The dictionary of {@code d} (the caller closes its vector). */
    static Dictionary arrowJavaDictionary(BufferAllocator allocator) {
        VarCharVector v = new VarCharVector(new Field("d", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
                allocator);
        v.allocateNew(DICTIONARY_SIZE);
        for (int k = 0; k < DICTIONARY_SIZE; k++) v.setSafe(k, dictionaryValue(k).getBytes(StandardCharsets.UTF_8));
        v.setValueCount(DICTIONARY_SIZE);
        return new Dictionary(v, arrowEncoding());
    }

    /** Every batch as an Arrow Java root (the caller closes them). */
    static List<VectorSchemaRoot> arrowJavaBatches(BufferAllocator allocator, int rows) {
        Rows r = new Rows();
        List<VectorSchemaRoot> out = new ArrayList<>();
        for (int first = 0; first < rows; first += BATCH) {
            int n = Math.min(BATCH, rows - first);
            VectorSchemaRoot root = VectorSchemaRoot.create(arrowSchema(), allocator);
            ListVector tags = (ListVector) root.getVector(0);
            tags.allocateNew();
            VarCharVector items = (VarCharVector) tags.getDataVector();
            StructVector s = (StructVector) root.getVector(1);
            s.allocateNew();
            IntVector a = (IntVector) s.getChild("a");
            VarCharVector b = (VarCharVector) s.getChild("b");
            IntVector d = (IntVector) root.getVector(2);
            d.allocateNew(n);
            int itemCount = 0;
            for (int i = 0; i < n; i++) {
                r.next();
                int start = tags.startNewValue(i);
                for (int k = 0; k < r.tagCount; k++) items.setSafe(start + k, WORD_BYTES[r.tags[k]]);
                tags.endValue(i, r.tagCount);
                itemCount = start + r.tagCount;
                a.setSafe(i, r.a);
                b.setSafe(i, WORD_BYTES[r.b]);
                s.setIndexDefined(i);
                d.set(i, r.d);
            }
            items.setValueCount(itemCount);
            tags.setValueCount(n);
            s.setValueCount(n);
            d.setValueCount(n);
            root.setRowCount(n);
            out.add(root);
        }
        return out;
    }

    /** Reads a file from memory with Arrow Java, touching every value. */
    static long arrowJavaRead(byte[] file, BufferAllocator allocator) throws IOException {
        long sum = 0;
        try (ArrowFileReader r = new ArrowFileReader(new ByteArrayReadableSeekableByteChannel(file), allocator)) {
            VectorSchemaRoot root = r.getVectorSchemaRoot();
            for (ArrowBlock block : r.getRecordBlocks()) {
                r.loadRecordBatch(block);
                sum += touch(root, (VarCharVector) r.getDictionaryVectors().get(0L).getVector());
            }
        }
        return sum;
    }

    /** Every value of the batch loaded in {@code root}; never inlined into the reading loop. */
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static long touch(VectorSchemaRoot root, VarCharVector dict) {
        long sum = 0;
        ListVector tags = (ListVector) root.getVector(0);
        VarCharVector items = (VarCharVector) tags.getDataVector();
        StructVector s = (StructVector) root.getVector(1);
        IntVector a = (IntVector) s.getChild("a");
        VarCharVector b = (VarCharVector) s.getChild("b");
        IntVector d = (IntVector) root.getVector(2);
        for (int i = 0, n = root.getRowCount(); i < n; i++) {
            int start = tags.getElementStartIndex(i);
            int end = tags.getElementEndIndex(i);
            sum += end - start;
            for (int k = start; k < end; k++) sum += items.getValueLength(k);
            sum += a.get(i) + b.getValueLength(i);
            sum += dict.getValueLength(d.get(i));
        }
        return sum;
    }
}
