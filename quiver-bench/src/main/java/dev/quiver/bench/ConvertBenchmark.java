package dev.quiver.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code quiver convert} of the {@link Mixed} 5M-row file, four conversions per operation: the LZ4 file to a ZSTD
 * stream and to a ZSTD file, the ZSTD stream to an LZ4 file and to an LZ4 stream, each through the command's own
 * entry point ({@code dev.quiver.cli.Main}, in this JVM: the JVM start of the whole-process command is not
 * counted). ZSTD at level {@value Mixed#ZSTD_LEVEL} and LZ4 at its default (fast) level, for Quiver and PyArrow
 * alike (pyarrow_bench.py's {@code convert} does the same reads and writes). Outputs go to
 * {@link Bench#scratch()} and are removed before each operation, outside the timing. One operation takes seconds,
 * hence single shots.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class ConvertBenchmark {

    /** One conversion: input, output (its name gives the format) and the codec options of the command. */
    record Conversion(Path in, Path out, List<String> codec) {}

    @State(Scope.Benchmark)
    public static class Conversions {
        List<Conversion> conversions;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            Path lz4 = Mixed.lz4File();
            Path zstd = Mixed.zstdStream();
            DataFiles.pretouch(lz4);
            DataFiles.pretouch(zstd);
            Path out = Bench.scratch();
            List<String> toZstd = List.of("--compression", "zstd", "--level", Integer.toString(Mixed.ZSTD_LEVEL));
            List<String> toLz4 = List.of("--compression", "lz4");
            conversions = List.of(
                    new Conversion(lz4, out.resolve("convert-1.arrows"), toZstd),
                    new Conversion(zstd, out.resolve("convert-2.arrow"), toLz4),
                    new Conversion(lz4, out.resolve("convert-3.arrow"), toZstd),
                    new Conversion(zstd, out.resolve("convert-4.arrows"), toLz4));
        }

        /** The previous outputs are removed before the clock starts (replacing a file is not converting). */
        @Setup(Level.Invocation)
        public void removeOutputs() throws IOException {
            for (Conversion c : conversions) Files.deleteIfExists(c.out());
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            removeOutputs();
        }
    }

    /** Runs the four conversions with {@code quiver convert}; returns the bytes written. */
    static long convert(Conversions s) throws IOException {
        long written = 0;
        for (Conversion c : s.conversions) {
            java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
            List<String> args = new java.util.ArrayList<>(List.of("convert", c.in().toString(), c.out().toString()));
            args.addAll(c.codec());
            int status = dev.quiver.cli.Main.run(java.io.InputStream.nullInputStream(), text, text,
                    args.toArray(String[]::new));
            if (status != 0) throw new IllegalStateException("quiver " + String.join(" ", args) + " exited " + status + ": " + text);
            written += Files.size(c.out());
        }
        return written;
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {Bench.HEAP, Bench.NATIVE})
    public long quiver_convert(Conversions s) throws IOException {
        return convert(s);
    }
}
