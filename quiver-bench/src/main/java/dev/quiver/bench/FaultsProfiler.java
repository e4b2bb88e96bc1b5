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
 * the benchmark threads), and {@code ·others} and {@code ·steal}: how many cores other processes kept busy (the
 * machine's CPU time less this fork's, its children's and the kernel threads') and how many the hypervisor took, on average over
 * the iteration. On a machine shared with other work a wall time is only this benchmark's when {@code ·others} is
 * near zero (processes the benchmark started, such as a Flight server, and kernel threads do not count); {@code ·cpu.bench} stays the benchmark's own either way.
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
    private java.util.Map<Long, Proc> processesBefore;
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
     * busy is user + nice + system (guest time is already part of user; interrupt time is left out, as it is
     * left out of a process's own times), steal is time the hypervisor ran something else on our virtual CPUs.
     */
    static Machine parseMachine(String procStat) {
        for (String line : procStat.split("\n")) {
            if (!line.startsWith("cpu ")) continue;
            String[] f = line.substring(4).trim().split("\\s+");
            if (f.length < 8) throw new IllegalArgumentException("/proc/stat: short cpu line: " + line);
            long busy = Long.parseLong(f[0]) + Long.parseLong(f[1]) + Long.parseLong(f[2]);
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

    /** One process of /proc/PID/stat: its parent, CPU ticks (its own and its reaped children's), kernel thread or not. */
    record Proc(long ppid, long ticks, boolean kernel) {}

    /** PF_KTHREAD in the flags field of /proc/PID/stat. */
    private static final long PF_KTHREAD = 0x00200000L;

    /** Parses /proc/PID/stat into a {@link Proc} (fields 4 ppid, 9 flags, 14–17 utime stime cutime cstime). */
    static Proc parseProc(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        if (f.length < 15) throw new IllegalArgumentException("/proc/PID/stat: too few fields: " + stat);
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return new Proc(Long.parseLong(f[1]), ticks, (Long.parseLong(f[6]) & PF_KTHREAD) != 0);
    }

    /** Every process now, by pid (those that exit while being read are left out). */
    static java.util.Map<Long, Proc> processes() {
        java.util.Map<Long, Proc> out = new java.util.HashMap<>();
        java.io.File[] dirs = new java.io.File("/proc").listFiles();
        if (dirs == null) return out;
        for (java.io.File d : dirs) {
            String name = d.getName();
            if (name.isEmpty() || !Character.isDigit(name.charAt(0))) continue;
            try {
                out.put(Long.parseLong(name), parseProc(Files.readString(d.toPath().resolve("stat"))));
            } catch (IOException | RuntimeException e) {
                // gone in between, or not readable: not counted
            }
        }
        return out;
    }

    /**
     * Cores that other processes kept busy during an interval of {@code nanos}: the machine's user and system time
     * ({@code /proc/stat}, which also holds processes that ended in the interval) less that of {@code self} and its
     * descendants (a benchmark's own server process is its own work; their reaped children included) and of kernel
     * threads (a write benchmark's writeback is its own too). Never below zero: the files are read a few
     * microseconds apart.
     */
    static double otherCores(Machine machineBefore, Machine machineAfter, java.util.Map<Long, Proc> before,
                             java.util.Map<Long, Proc> after, long self, long nanos) {
        java.util.Set<Long> own = new java.util.HashSet<>(List.of(self));
        for (boolean grew = true; grew; ) {
            grew = false;
            for (java.util.Map<Long, Proc> m : List.of(before, after)) {
                for (var e : m.entrySet()) {
                    if (!own.contains(e.getKey()) && own.contains(e.getValue().ppid())) grew |= own.add(e.getKey());
                }
            }
        }
        long notOthers = 0;
        for (var e : after.entrySet()) {
            Proc p = e.getValue();
            if (!p.kernel() && !own.contains(e.getKey())) continue;
            Proc was = before.get(e.getKey());
            notOthers += Math.max(0, p.ticks() - (was == null ? 0 : was.ticks()));
        }
        long others = machineAfter.busyTicks() - machineBefore.busyTicks() - notOthers;
        return Math.max(0, others) / TICKS_PER_SECOND / (nanos / 1e9);
    }

    /**
     * The shortest iteration that gets {@code ·others} and {@code ·steal}: they are sums of several counters in
     * clock ticks of 10 ms, so over a shorter interval (smoke runs' single shots) their rounding alone is a large
     * part of a core.
     */
    static final long MIN_NANOS_FOR_CORES = 1_000_000_000L;

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
        processesBefore = machineBefore != null ? processes() : null;
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
        java.util.Map<Long, Proc> processesAfter = m != null ? processes() : null;
        Stat d = read().minus(before);
        List<ScalarResult> out = new java.util.ArrayList<>(List.of(
                new ScalarResult("·cpu.bench", worker, "us/op", AggregationPolicy.AVG),
                new ScalarResult("·minflt", (double) d.minflt() / ops, "faults/op", AggregationPolicy.AVG),
                new ScalarResult("·majflt", (double) d.majflt() / ops, "faults/op", AggregationPolicy.AVG),
                new ScalarResult("·cpu.all", d.cpuTicks() / TICKS_PER_SECOND / ops * 1e6, "us/op", AggregationPolicy.AVG)));
        if (m != null && nanos >= MIN_NANOS_FOR_CORES) {
            // what else ran on the machine while this iteration was timed: a wall time measured beside it includes
            // waiting for a core, which no change of the benchmark explains (BENCHMARKS.md, 2026-12-07 h-w3)
            out.add(new ScalarResult("·others", otherCores(machineBefore, m, processesBefore, processesAfter,
                    ProcessHandle.current().pid(), nanos), "cores", AggregationPolicy.AVG));
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
