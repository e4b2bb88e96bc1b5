package dev.quiver.ipc;

import dev.quiver.array.Array;
import dev.quiver.array.Arrow;
import dev.quiver.array.RecordBatch;
import dev.quiver.array.VarBinaryBuilder;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.DictionaryEncoding;
import dev.quiver.type.Field;
import dev.quiver.type.Schema;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A stream whose dictionary grows by a delta before every record batch: {@code deltas} delta dictionary batches
 * of 32 strings of 32 bytes (1 KiB) each, after a first dictionary of the same size, each followed by a one-row
 * batch that uses the newest value.
 */
final class DeltaStreams {
    private DeltaStreams() {}

    static final int STRINGS_PER_DELTA = 32;
    static final Field WORDS = Field.nullable("w", ArrowTypes.UTF8).withDictionary(DictionaryEncoding.of(0));

    static void write(OutputStream out, int deltas, IpcWriteOptions options) throws IOException {
        int n = (deltas + 1) * STRINGS_PER_DELTA;
        VarBinaryBuilder b = new VarBinaryBuilder(ArrowTypes.UTF8);
        for (int i = 0; i < n; i++) b.append(String.format("%032d", i));
        Array all = b.buildArray();
        Schema schema = Schema.of(WORDS);
        try (RecordBatchStreamWriter w = Ipc.newStream(out, schema, options.withEmitDictionaryDeltas(true))) {
            for (int k = 0; k <= deltas; k++) {
                int size = (k + 1) * STRINGS_PER_DELTA;
                Array dictionary = Array.of(all.data().slice(0, size));
                w.write(RecordBatch.of(schema, List.of(Arrow.dictionary(Arrow.int32(size - 1), dictionary))));
            }
        }
    }
}
