package dev.quiver.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Counters that do not depend on how loaded the machine is, per operation of every iteration: the fork's minor
 * and major page faults and the CPU time of the whole fork (all threads: JIT, GC, codec workers), read from
 * {@code /proc/self/stat} before and after the iteration. quiver-bench/run adds it to every run
 * ({@code -prof dev.quiver.bench.FaultsProfiler}); the results are JMH secondary metrics
 * {@code ·minflt}, {@code ·majflt} (faults/op) and {@code ·cpu} (CPU µs/op).
 *
 * <p>A benchmark that reads a mapped file whose pages are already in this process's page tables takes no fault
 * in its steady state; one whose pages are not resident takes a major fault per missing page (or run of pages
 * the kernel reads ahead), one whose page-table entries were dropped takes minor faults.
 */
public final class FaultsProfiler implements InternalProfiler {
    private static final Path STAT = Path.of("/proc/self/stat");

    private Stat before;
    /** CPU time so far of each benchmark thread (JMH names them ...-jmh-worker-N), by thread id. */
    private final java.util.Map<Long, Long> workerCpu = new java.util.HashMap<>();

    /** The counters of /proc/self/stat this profiler reads. */
    record Stat(long minflt, long majflt, long cpuTicks) {
        Stat minus(Stat o) {
            return new Stat(minflt - o.minflt, majflt - o.majflt, cpuTicks - o.cpuTicks);
        }
    }

    /** Clock ticks per second of utime/stime (USER_HZ: 100 on every Linux ABI). */
    static final double TICKS_PER_SECOND = 100;

    /** Parses /proc/PID/stat: fields after the parenthesised command name, which may itself hold spaces. */
    static Stat parse(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 (state): minflt is field 10, majflt 12, utime 14, stime 15
        return new Stat(Long.parseLong(f[7]), Long.parseLong(f[9]), Long.parseLong(f[11]) + Long.parseLong(f[12]));
    }

    static Stat read() {
        try {
            return parse(Files.readString(STAT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean available() {
        return Files.isReadable(STAT);
    }

    /** CPU nanoseconds the benchmark threads used since the last call. */
    private long workerCpuDelta() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long delta = 0;
        for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t == null || !t.getThreadName().contains("jmh-worker")) continue;
            long now = mx.getThreadCpuTime(t.getThreadId());
            if (now < 0) continue;
            Long was = workerCpu.put(t.getThreadId(), now);
            delta += now - (was == null ? 0 : was);
        }
        return delta;
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = available() ? read() : null;
        workerCpuDelta();
    }

    @Override
    public List<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                 IterationResult result) {
        long ops = Math.max(1, result.getMetadata().getAllOps());
        double worker = workerCpuDelta() / 1e3 / ops;
        if (before == null) {
            return List.of(new ScalarResult("·cpu.bench", worker, "us/op", AggregationPolicy.AVG));
        }
        Stat d = read().minus(before);
        return List.of(
                new ScalarResult("·cpu.bench", worker, "us/op", AggregationPolicy.AVG),
                new ScalarResult("·minflt", (double) d.minflt() / ops, "faults/op", AggregationPolicy.AVG),
                new ScalarResult("·majflt", (double) d.majflt() / ops, "faults/op", AggregationPolicy.AVG),
                new ScalarResult("·cpu.all", d.cpuTicks() / TICKS_PER_SECOND / ops * 1e6, "us/op", AggregationPolicy.AVG));
    }

    @Override
    public String getDescription() {
        return "page faults and process CPU time per operation, from /proc/self/stat";
    }
}
