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
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The physical reference: copy {@code bytes} (256 MiB) between two page-aligned off-heap buffers whose pages are
 * faulted in beforehand, as fast as Java can: {@code copy} with {@link MemorySegment#copy} on one thread or split
 * into equal slices over every core ({@code threads=cores}), and {@code libcMemcpy} with the C library's
 * {@code memcpy} called through the FFM linker (what numpy's copy runs), one thread or every core. The report turns
 * the times into GB/s (10^9 bytes per second), takes the fastest as the machine's copy speed and prints numpy's
 * copy of the same size from the same run beside it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class MemcpyBenchmark {
    @Param("268435456")
    public long bytes;

    /** "1", or "cores" for one slice per available processor. */
    @Param({"1", "cores"})
    public String threads;

    Arena arena;
    MemorySegment from;
    MemorySegment to;
    int slices;
    ExecutorService pool;
    MethodHandle memcpy;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        from = arena.allocate(bytes, 4096);
        to = arena.allocate(bytes, 4096);
        for (long i = 0; i < bytes; i += 4096) from.set(ValueLayout.JAVA_BYTE, i, (byte) i);
        to.fill((byte) 1); // fault the pages in
        slices = threads.equals("cores") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(threads);
        pool = slices > 1 ? Executors.newFixedThreadPool(slices - 1) : null;
        Linker linker = Linker.nativeLinker();
        memcpy = linker.downcallHandle(linker.defaultLookup().find("memcpy").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (pool != null) pool.shutdownNow();
        arena.close();
    }

    /** Slice {@code k} of {@link #slices}, 4 KiB aligned: {offset, length}. */
    long[] slice(int k) {
        long per = (bytes / slices + 4095) & ~4095L;
        long start = Math.min(bytes, k * per);
        return new long[] {start, Math.min(bytes, start + per) - start};
    }

    interface SliceCopy {
        void copy(long offset, long length) throws Throwable;
    }

    /** Copies slice 0 on this thread and the others on the pool, and waits for all. */
    void inSlices(SliceCopy c) throws Throwable {
        List<Future<?>> others = new ArrayList<>(slices - 1);
        for (int k = 1; k < slices; k++) {
            long[] s = slice(k);
            others.add(pool.submit(() -> {
                try {
                    c.copy(s[0], s[1]);
                } catch (Throwable t) {
                    throw new IllegalStateException("copy of slice at " + s[0] + " failed", t);
                }
            }));
        }
        long[] s0 = slice(0);
        c.copy(s0[0], s0[1]);
        for (Future<?> f : others) f.get();
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {Bench.HEAP, Bench.NATIVE})
    public MemorySegment copy() throws Throwable {
        if (slices == 1) MemorySegment.copy(from, 0, to, 0, bytes);
        else inSlices((offset, length) -> MemorySegment.copy(from, offset, to, offset, length));
        return to;
    }

    @Benchmark
    @Fork(value = 1, jvmArgs = {Bench.HEAP, Bench.NATIVE})
    public MemorySegment libcMemcpy() throws Throwable {
        if (slices == 1) {
            MemorySegment r = (MemorySegment) memcpy.invokeExact(to, from, bytes);
        } else {
            inSlices((offset, length) -> {
                MemorySegment r = (MemorySegment) memcpy.invokeExact(to.asSlice(offset, length), from.asSlice(offset, length), length);
            });
        }
        return to;
    }
}
