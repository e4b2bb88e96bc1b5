package dev.quiver.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

/**
 * The physical reference: copy {@code bytes} (256 MiB) between two off-heap buffers. The report turns the time
 * into GB/s (10^9 bytes per second).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@State(Scope.Benchmark)
public class MemcpyBenchmark {
    @Param("268435456")
    public long bytes;

    Arena arena;
    MemorySegment from;
    MemorySegment to;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        from = arena.allocate(bytes, 64);
        to = arena.allocate(bytes, 64);
        for (long i = 0; i < bytes; i += 4096) from.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) i);
        to.fill((byte) 1); // fault the pages in
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {Bench.HEAP, Bench.NATIVE})
    public MemorySegment copy() {
        MemorySegment.copy(from, 0, to, 0, bytes);
        return to;
    }
}
