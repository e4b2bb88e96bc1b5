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
 * {@code ·minflt}, {@code ·majflt} (faults/op), {@code ·cpu.all} and {@code ·cpu.bench} (CPU µs/op of the fork and of
 * the benchmark threads), and {@code ·others} and {@code ·steal}: how many cores other processes kept busy (from
 * {@code /proc/stat}, the machine's busy time minus the fork's) and how many the hypervisor took, on average over
 * the iteration. On a machine shared with other work a wall time is only this benchmark's when {@code ·others} is
 * near zero; {@code ·cpu.bench} stays the benchmark's own either way.
 *
 * <p>A benchmark that reads a mapped file whose pages are already in this process's page tables takes no fault
 * in its steady state; one whose pages are not resident takes a major fault per missing page (or run of pages
 * the kernel reads ahead), one whose page-table entries were dropped takes minor faults.
 */
public final class FaultsProfiler implements InternalProfiler {
    private static final Path STAT = Path.of("/proc/self/stat");
    private static final Path MACHINE_STAT = Path.of("/proc/stat");

    private Stat before;
    private Machine machineBefore;
    private long nanosBefore;
    /** CPU time so far of each benchmark thread (JMH names them ...-jmh-worker-N), by thread id. */
    private final java.util.Map<Long, Long> workerCpu = new java.util.HashMap<>();

    /** The counters of /proc/self/stat this profiler reads. */
    record Stat(long minflt, long majflt, long cpuTicks) {
        Stat minus(Stat o) {
            return new Stat(minflt - o.minflt, majflt - o.majflt, cpuTicks - o.cpuTicks);
        }
    }

    /** The machine's CPU time from the first line of /proc/stat, in clock ticks: busy (every CPU) and stolen. */
    record Machine(long busyTicks, long stealTicks) {}

    /**
     * Parses the {@code cpu} line of /proc/stat ({@code cpu user nice system idle iowait irq softirq steal ...}):
     * busy is user + nice + system + irq + softirq (guest time is already part of user), steal is time the
     * hypervisor ran something else on our virtual CPUs.
     */
    static Machine parseMachine(String procStat) {
        for (String line : procStat.split("\n")) {
            if (!line.startsWith("cpu ")) continue;
            String[] f = line.substring(4).trim().split("\\s+");
            if (f.length < 8) throw new IllegalArgumentException("/proc/stat: short cpu line: " + line);
            long busy = Long.parseLong(f[0]) + Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[5])
                    + Long.parseLong(f[6]);
            return new Machine(busy, Long.parseLong(f[7]));
        }
        throw new IllegalArgumentException("/proc/stat: no cpu line");
    }

    static Machine readMachine() {
        try {
            return parseMachine(Files.readString(MACHINE_STAT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Cores that other processes kept busy during an interval of {@code nanos}: the machine's busy time minus this
     * process's own ({@code ownTicks}), never below zero (the two are read a few microseconds apart).
     */
    static double otherCores(Machine before, Machine after, long ownTicks, long nanos) {
        long others = after.busyTicks() - before.busyTicks() - ownTicks;
        return Math.max(0, others) / TICKS_PER_SECOND / (nanos / 1e9);
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
        machineBefore = before != null && Files.isReadable(MACHINE_STAT) ? readMachine() : null;
        workerCpuDelta();
        nanosBefore = System.nanoTime();
    }

    @Override
    public List<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                 IterationResult result) {
        long nanos = System.nanoTime() - nanosBefore;
        long ops = Math.max(1, result.getMetadata().getAllOps());
        double worker = workerCpuDelta() / 1e3 / ops;
        if (before == null) {
            return List.of(new ScalarResult("·cpu.bench", worker, "us/op", AggregationPolicy.AVG));
        }
        Machine m = machineBefore != null ? readMachine() : null;
        Stat d = read().minus(before);
        List<ScalarResult> out = new java.util.ArrayList<>(List.of(
                new ScalarResult("·cpu.bench", worker, "us/op", AggregationPolicy.AVG),
                new ScalarResult("·minflt", (double) d.minflt() / ops, "faults/op", AggregationPolicy.AVG),
                new ScalarResult("·majflt", (double) d.majflt() / ops, "faults/op", AggregationPolicy.AVG),
                new ScalarResult("·cpu.all", d.cpuTicks() / TICKS_PER_SECOND / ops * 1e6, "us/op", AggregationPolicy.AVG)));
        if (m != null && nanos > 0) {
            // what else ran on the machine while this iteration was timed: a wall time measured beside it includes
            // waiting for a core, which no change of the benchmark explains (BENCHMARKS.md, 2026-12-07 h-w3)
            out.add(new ScalarResult("·others", otherCores(machineBefore, m, d.cpuTicks(), nanos), "cores",
                    AggregationPolicy.AVG));
            out.add(new ScalarResult("·steal", (m.stealTicks() - machineBefore.stealTicks()) / TICKS_PER_SECOND
                    / (nanos / 1e9), "cores", AggregationPolicy.AVG));
        }
        return out;
    }

    @Override
    public String getDescription() {
        return "page faults and process CPU time per operation, from /proc/self/stat";
    }
}
