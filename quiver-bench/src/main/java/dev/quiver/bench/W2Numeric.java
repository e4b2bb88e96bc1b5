package dev.quiver.bench;

import dev.quiver.array.FixedWidthBuilder;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.RecordBatchFileWriter;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchStreamWriter;
import dev.quiver.type.Field;
import dev.quiver.type.ArrowTypes;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * W2 numeric: rows in batches of 65,536 of {@code id int64} (the row number), {@code a int32}, {@code b float64}
 * and {@code c int64} with 10% nulls, the last three random from SplittableRandom(42). The shared input file (and
 * the same data as a stream) is generated into {@link Bench#dir()} by Quiver, once (see {@link DataFiles}).
 */
final class W2Numeric {
    private W2Numeric() {}

    static final int BATCH = 65_536;
    /** Bump when the generated data changes, so that stale files are not reused. */
    private static final int VERSION = 1;

    static int rows() {
        return Bench.rows(10_000_000, 70_000);
    }

    static int batches(int rows) {
        return (rows + BATCH - 1) / BATCH;
    }

    /** One row's random values, drawn in the same order for both libraries. */
    static final class Rows {
        private final SplittableRandom random = new SplittableRandom(42);
        int a;
        double b;
        boolean cNull;
        long c;

        void next() {
            a = random.nextInt();
            b = random.nextDouble();
            cNull = random.nextInt(10) == 0;
            c = random.nextLong();
        }
    }

    static RecordBatch quiverBatch(Rows rows, long first, int n) {
        FixedWidthBuilder id = new FixedWidthBuilder(ArrowTypes.INT64);
        FixedWidthBuilder a = new FixedWidthBuilder(ArrowTypes.INT32);
        FixedWidthBuilder b = new FixedWidthBuilder(ArrowTypes.FLOAT64);
        FixedWidthBuilder c = new FixedWidthBuilder(ArrowTypes.INT64);
        for (int i = 0; i < n; i++) {
            rows.next();
            id.appendLong(first + i);
            a.appendInt(rows.a);
            b.appendDouble(rows.b);
            if (rows.cNull) c.appendNull(); else c.appendLong(rows.c);
        }
        return RecordBatch.builder()
                .add(Field.notNull("id", ArrowTypes.INT64), id.buildArray())
                .add(Field.notNull("a", ArrowTypes.INT32), a.buildArray())
                .add(Field.notNull("b", ArrowTypes.FLOAT64), b.buildArray())
                .add(Field.nullable("c", ArrowTypes.INT64), c.buildArray())
                .build();
    }

    /** Every batch of {@code rows} rows, built with Quiver's builders. */
    static List<RecordBatch> quiverBatches(int rows) {
        Rows r = new Rows();
        List<RecordBatch> out = new ArrayList<>();
        for (long first = 0; first < rows; first += BATCH) out.add(quiverBatch(r, first, (int) Math.min(BATCH, rows - first)));
        return out;
    }

    /** The schema in Arrow Java (built on demand, so that Quiver-only JVMs never initialise Arrow Java). */
    static Schema arrowSchema() {
        return new Schema(List.of(
            new org.apache.arrow.vector.types.pojo.Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new org.apache.arrow.vector.types.pojo.Field("a", FieldType.notNullable(new ArrowType.Int(32, true)), null),
            new org.apache.arrow.vector.types.pojo.Field("b",
                    FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null),
            new org.apache.arrow.vector.types.pojo.Field("c", FieldType.nullable(new ArrowType.Int(64, true)), null)));
    }

    static VectorSchemaRoot arrowJavaBatch(BufferAllocator allocator, Rows rows, long first, int n) {
        VectorSchemaRoot root = VectorSchemaRoot.create(arrowSchema(), allocator);
        BigIntVector id = (BigIntVector) root.getVector(0);
        IntVector a = (IntVector) root.getVector(1);
        Float8Vector b = (Float8Vector) root.getVector(2);
        BigIntVector c = (BigIntVector) root.getVector(3);
        id.allocateNew(n);
        a.allocateNew(n);
        b.allocateNew(n);
        c.allocateNew(n);
        for (int i = 0; i < n; i++) {
            rows.next();
            id.set(i, first + i);
            a.set(i, rows.a);
            b.set(i, rows.b);
            if (rows.cNull) c.setNull(i); else c.set(i, rows.c);
        }
        root.setRowCount(n);
        return root;
    }

    /** Every batch of {@code rows} rows as Arrow Java roots (the caller closes them). */
    static List<VectorSchemaRoot> arrowJavaBatches(BufferAllocator allocator, int rows) {
        Rows r = new Rows();
        List<VectorSchemaRoot> out = new ArrayList<>();
        for (long first = 0; first < rows; first += BATCH) {
            out.add(arrowJavaBatch(allocator, r, first, (int) Math.min(BATCH, rows - first)));
        }
        return out;
    }

    /** The W2 file (IPC file format) of {@link #rows()} rows, generated when missing. */
    static Path file() throws IOException {
        return generated(".arrow");
    }

    /** The same data in the IPC stream format, generated when missing. */
    static Path streamFile() throws IOException {
        return generated(".arrows");
    }

    /** The W2 file compressed with ZSTD (for the memory probe), generated from {@link #file()} when missing. */
    static synchronized Path zstdFile() throws IOException {
        Path plain = file();
        Path zstd = plain.resolveSibling(plain.getFileName().toString().replace(".arrow", "-zstd.arrow"));
        if (Files.exists(zstd)) return zstd;
        Path tmp = zstd.resolveSibling(zstd.getFileName() + ".tmp");
        try (dev.quiver.ipc.RecordBatchFileReader r = Ipc.openFile(plain);
             RecordBatchFileWriter w = Ipc.newFile(tmp, r.schema(),
                     IpcWriteOptions.DEFAULT.withCompression(dev.quiver.compress.CompressionType.ZSTD))) {
            for (int i = 0; i < r.numRecordBatches(); i++) {
                try (RecordBatch b = r.recordBatch(i)) {
                    w.write(b);
                }
            }
        }
        Files.move(tmp, zstd, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return zstd;
    }

    private static synchronized Path generated(String suffix) throws IOException {
        int rows = rows();
        Path dir = Bench.dir();
        String base = "w2-v" + VERSION + "-" + rows;
        Path file = dir.resolve(base + ".arrow");
        Path stream = dir.resolve(base + ".arrows");
        if (!Files.exists(file) || !Files.exists(stream)) {
            DataFiles.input(file, f -> generate(rows, file, stream));
        }
        return suffix.equals(".arrow") ? file : stream;
    }

    /** Writes both forms batch by batch (little memory), each to a temporary name published at the end. */
    private static void generate(int rows, Path file, Path stream) throws IOException {
        Path fileTmp = DataFiles.temporary(file);
        Path streamTmp = DataFiles.temporary(stream);
        Rows r = new Rows();
        RecordBatch first = quiverBatch(r, 0, Math.min(BATCH, rows));
        try (RecordBatchFileWriter fw = Ipc.newFile(fileTmp, first.schema(), IpcWriteOptions.DEFAULT);
             RecordBatchStreamWriter sw = Ipc.newStream(streamTmp, first.schema(), IpcWriteOptions.DEFAULT)) {
            RecordBatch batch = first;
            for (long at = 0; ; ) {
                fw.write(batch);
                sw.write(batch);
                at += batch.numRows();
                if (at >= rows) break;
                batch = quiverBatch(r, at, (int) Math.min(BATCH, rows - at));
            }
        }
        DataFiles.publish(fileTmp, file);
        DataFiles.publish(streamTmp, stream);
    }
}
