package dev.quiver.ipc;

import dev.quiver.array.Array;
import dev.quiver.array.Arrow;
import dev.quiver.array.DictionaryArray;
import dev.quiver.array.FixedWidthBuilder;
import dev.quiver.array.Int64Array;
import dev.quiver.array.RecordBatch;
import dev.quiver.array.Utf8Array;
import dev.quiver.array.VarBinaryBuilder;
import dev.quiver.compress.CompressionType;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.Field;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Files for the safety tests (races with close, files changing under a mapping): several batches of an int64
 * column, a utf8 column and a dictionary-encoded utf8 column, with buffers large enough (over 256 KiB) to be
 * decompressed in parallel, and every value touched by {@link #touch}.
 */
final class SafetyFiles {
    private SafetyFiles() {}

    static final int BATCHES = 6;

    /** "none", "lz4" or "zstd". */
    static CompressionType codec(String name) {
        return switch (name) {
            case "none" -> null;
            case "lz4" -> CompressionType.LZ4_FRAME;
            case "zstd" -> CompressionType.ZSTD;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Writes the file; {@code rows} per batch. */
    static void write(Path path, String codec, int rows) throws IOException {
        write(path, codec, rows, false);
    }

    /** Writes the file, or with {@code stream} the same batches in the streaming format. */
    static void write(Path path, String codec, int rows, boolean stream) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        String[] words = new String[4096];
        for (int i = 0; i < words.length; i++) words[i] = "word-" + i + "-" + Long.toHexString(random.nextLong());
        VarBinaryBuilder dict = new VarBinaryBuilder(ArrowTypes.UTF8);
        for (String w : words) dict.append(w);
        Array dictionary = dict.buildArray();
        IpcWriteOptions options = IpcWriteOptions.defaults().withCompression(codec(codec));
        RecordBatch first = batch(random, rows, words, dictionary);
        if (stream) {
            try (RecordBatchStreamWriter w = Ipc.newStream(path, first.schema(), options)) {
                w.write(first);
                for (int b = 1; b < BATCHES; b++) w.write(batch(random, rows, words, dictionary));
            }
        } else {
            try (RecordBatchFileWriter w = Ipc.newFile(path, first.schema(), options)) {
                w.write(first);
                for (int b = 1; b < BATCHES; b++) w.write(batch(random, rows, words, dictionary));
            }
        }
    }

    private static RecordBatch batch(SplittableRandom random, int rows, String[] words, Array dictionary) {
        FixedWidthBuilder n = new FixedWidthBuilder(ArrowTypes.INT64);
        VarBinaryBuilder s = new VarBinaryBuilder(ArrowTypes.UTF8);
        FixedWidthBuilder idx = new FixedWidthBuilder(ArrowTypes.INT32);
        for (int i = 0; i < rows; i++) {
            n.appendLong(random.nextLong(1 << 20));
            s.append(words[random.nextInt(words.length)]);
            idx.appendInt(random.nextInt(words.length));
        }
        return RecordBatch.builder()
                .add(Field.notNull("n", ArrowTypes.INT64), n.buildArray())
                .add("s", s.buildArray())
                .add("d", Arrow.dictionary(idx.buildArray(), dictionary))
                .build();
    }

    /** Reads every value of a batch: a checksum. */
    static long touch(RecordBatch b) {
        Int64Array n = (Int64Array) b.column(0);
        Utf8Array s = (Utf8Array) b.column(1);
        DictionaryArray d = (DictionaryArray) b.column(2);
        Utf8Array values = (Utf8Array) d.dictionary();
        long sum = 0;
        for (int i = 0, rows = b.numRows(); i < rows; i++) {
            sum += n.get(i) + s.valueLength(i) + values.valueLength((int) d.getIndex(i));
        }
        return sum;
    }
}
