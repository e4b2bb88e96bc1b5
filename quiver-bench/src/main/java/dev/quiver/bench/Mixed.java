package dev.quiver.bench;

import dev.quiver.array.BooleanBuilder;
import dev.quiver.array.FixedWidthBuilder;
import dev.quiver.array.RecordBatch;
import dev.quiver.array.VarBinaryBuilder;
import dev.quiver.compress.CompressionType;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcWriteOptions;
import dev.quiver.ipc.RecordBatchFileWriter;
import dev.quiver.ipc.RecordBatchStreamWriter;
import dev.quiver.type.ArrowTimeUnit;
import dev.quiver.type.ArrowTypes;
import dev.quiver.type.Field;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The convert workload's input: 5,000,000 rows in batches of 65,536 of mixed types, from SplittableRandom(42):
 * {@code id int64} (row number), {@code x float64} (random), {@code city utf8} (one of W1's seven cities),
 * {@code n int32} nullable (10% nulls, random below one million), {@code flag bool} (random) and
 * {@code ts timestamp[us, UTC]} (one a millisecond, with jitter). Quiver writes it once in two forms: an LZ4_FRAME
 * file and a ZSTD (level {@value #ZSTD_LEVEL}) stream; the four conversions of {@link ConvertBenchmark} go from
 * each to the other codec in both formats.
 */
final class Mixed {
    private Mixed() {}

    static final int BATCH = 65_536;
    /** The ZSTD level of every ZSTD conversion, Quiver's and PyArrow's: Arrow C++'s default. */
    static final int ZSTD_LEVEL = 1;
    /** Bump when the generated data changes, so that stale files are not reused. */
    private static final int VERSION = 1;

    static int rows() {
        return Bench.rows(5_000_000, 70_000);
    }

    /** The LZ4_FRAME file (IPC file format), generated when missing. */
    static Path lz4File() throws IOException {
        return input("lz4.arrow");
    }

    /** The ZSTD stream (IPC stream format), generated when missing. */
    static Path zstdStream() throws IOException {
        return input("zstd.arrows");
    }

    private static synchronized Path input(String suffix) throws IOException {
        Path dir = Bench.dir();
        String base = "mixed-v" + VERSION + "-" + rows() + "-";
        Path file = dir.resolve(base + "lz4.arrow");
        Path stream = dir.resolve(base + "zstd.arrows");
        if (!Files.exists(file) || !Files.exists(stream)) DataFiles.input(file, f -> generate(file, stream));
        return suffix.equals("lz4.arrow") ? file : stream;
    }

    static Field[] fields() {
        return new Field[] {
            Field.notNull("id", ArrowTypes.INT64), Field.notNull("x", ArrowTypes.FLOAT64),
            Field.notNull("city", ArrowTypes.UTF8), Field.nullable("n", ArrowTypes.INT32),
            Field.notNull("flag", ArrowTypes.BOOL),
            Field.notNull("ts", ArrowTypes.timestamp(ArrowTimeUnit.MICROSECOND, "UTC"))};
    }

    static RecordBatch batch(SplittableRandom random, long first, int n) {
        FixedWidthBuilder id = new FixedWidthBuilder(ArrowTypes.INT64);
        FixedWidthBuilder x = new FixedWidthBuilder(ArrowTypes.FLOAT64);
        VarBinaryBuilder city = new VarBinaryBuilder(ArrowTypes.UTF8);
        FixedWidthBuilder num = new FixedWidthBuilder(ArrowTypes.INT32);
        BooleanBuilder flag = new BooleanBuilder();
        Field[] f = fields();
        FixedWidthBuilder ts = new FixedWidthBuilder(f[5].type());
        for (int i = 0; i < n; i++) {
            long row = first + i;
            id.appendLong(row);
            x.appendDouble(random.nextDouble());
            city.append(W1Cities.CITIES[random.nextInt(W1Cities.CITIES.length)]);
            if (random.nextInt(10) == 0) num.appendNull(); else num.appendInt(random.nextInt(1_000_000));
            flag.append(random.nextBoolean());
            ts.appendLong(1_700_000_000_000_000L + row * 1_000 + random.nextInt(1_000));
        }
        return RecordBatch.builder()
                .add(f[0], id.buildArray()).add(f[1], x.buildArray()).add(f[2], city.buildArray())
                .add(f[3], num.buildArray()).add(f[4], flag.buildArray()).add(f[5], ts.buildArray())
                .build();
    }

    /** Both forms batch by batch (little memory), each to a temporary name published at the end. */
    private static void generate(Path file, Path stream) throws IOException {
        int rows = rows();
        Path fileTmp = DataFiles.temporary(file);
        Path streamTmp = DataFiles.temporary(stream);
        SplittableRandom random = new SplittableRandom(42);
        RecordBatch first = batch(random, 0, Math.min(BATCH, rows));
        IpcWriteOptions lz4 = IpcWriteOptions.DEFAULT.withCompression(CompressionType.LZ4_FRAME);
        IpcWriteOptions zstd = IpcWriteOptions.DEFAULT.withCompression(CompressionType.ZSTD).withCompressionLevel(ZSTD_LEVEL);
        try (RecordBatchFileWriter fw = Ipc.newFile(fileTmp, first.schema(), lz4);
             RecordBatchStreamWriter sw = Ipc.newStream(streamTmp, first.schema(), zstd)) {
            RecordBatch batch = first;
            for (long at = 0; ; ) {
                fw.write(batch);
                sw.write(batch);
                at += batch.numRows();
                batch.close();
                if (at >= rows) break;
                batch = batch(random, at, (int) Math.min(BATCH, rows - at));
            }
        }
        DataFiles.publish(fileTmp, file);
        DataFiles.publish(streamTmp, stream);
    }
}
