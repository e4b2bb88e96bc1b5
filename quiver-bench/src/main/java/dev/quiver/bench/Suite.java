package dev.quiver.bench;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Runs the benchmark suite {@code --repeat N} times, each time in a fresh random order, and keeps every result:
 * the JMH benchmarks (one JMH run per benchmark method, so that any order can be taken; each in its own fork as
 * its {@code @Fork} says) and the PyArrow benchmarks of pyarrow_bench.py (one Python process each), shuffled
 * together. After every benchmark the data directory is compared with the state it had before (size, time and
 * identity of every input: nothing may rewrite or replace an input), and after every repeat with its sealed
 * manifest (contents); a difference stops the suite with the benchmark that caused it.
 *
 * <p>{@code Suite --results DIR [--repeat N] [--seed S] [--smoke] [--regex R] [--python PY --script FILE]
 * [-- JMH-OPTIONS...]} writes {@code DIR/repeat-K/results.json} (JMH's JSON format, PyArrow's results included),
 * {@code order.txt}, {@code failures.txt} and one log per benchmark. The data and scratch directories come from
 * {@code -Dquiver.bench.dir} and {@code -Dquiver.bench.scratch}; the data directory must be sealed
 * ({@link DataFiles#seal}).
 */
public final class Suite {
    private Suite() {}

    /** One thing to run: a JMH benchmark method or a PyArrow benchmark, by its full name. */
    record Unit(String name, boolean python) {
        String shortName() {
            return name.startsWith("dev.quiver.bench.") ? name.substring("dev.quiver.bench.".length()) : name;
        }
    }

    /** The settings of a suite run. */
    record Settings(Path results, int repeat, long seed, boolean smoke, Pattern regex, Path python, Path script,
                    List<String> jmhArgs) {}

    /** The JMH benchmark methods of this module, by full name, sorted. */
    static List<String> jmhBenchmarks() {
        TreeSet<String> names = new TreeSet<>();
        for (BenchmarkListEntry e : BenchmarkList.defaultList().getAll(
                OutputFormatFactory.createFormatInstance(System.err, VerboseMode.SILENT), List.of())) {
            names.add(e.getUsername());
        }
        return new ArrayList<>(names);
    }

    /** The PyArrow benchmarks pyarrow_bench.py has, by full name. */
    static List<String> pythonBenchmarks(Path python, Path script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(python.toString(), script.toString(), "list")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException(script + " list exited " + p.exitValue());
        List<String> names = new ArrayList<>();
        for (String line : out.split("\n")) if (!line.isBlank()) names.add("dev.quiver.bench." + line.strip());
        return names;
    }

    /**
     * Every unit of the suite that matches {@code regex} (anywhere in its full name); those that read the W1 file
     * Arrow C++ wrote are left out when it does not exist (no PyArrow to write it).
     */
    static List<Unit> units(Settings s) throws IOException, InterruptedException {
        List<Unit> all = new ArrayList<>();
        boolean arrowCpp = Files.exists(W1Cities.arrowCppLz4File());
        for (String n : jmhBenchmarks()) all.add(new Unit(n, false));
        if (s.python() != null) for (String n : pythonBenchmarks(s.python(), s.script())) all.add(new Unit(n, true));
        List<Unit> out = new ArrayList<>();
        for (Unit u : all) {
            if (s.regex() != null && !s.regex().matcher(u.name()).find()) continue;
            if (!arrowCpp && u.name().contains("ArrowCpp")) continue;
            out.add(u);
        }
        return out;
    }

    /** Repeat {@code k}'s order (1-based): the units shuffled with a seed of its own. */
    static List<Unit> order(List<Unit> units, long seed, int k) {
        List<Unit> order = new ArrayList<>(units);
        Collections.shuffle(order, new Random(seed * 1_000_003L + k));
        return order;
    }

    public static void main(String[] args) throws Exception {
        if (!run(parse(args))) System.exit(1);
    }

    /** Every repeat of the suite; false when some benchmark failed (the others' results are kept). */
    static boolean run(Settings s) throws Exception {
        List<Unit> units = units(s);
        if (units.isEmpty()) throw new IllegalArgumentException("suite: no benchmark matches " + s.regex());
        Path data = Bench.dir();
        if (!Files.exists(data.resolve(DataFiles.MANIFEST))) {
            throw new IllegalStateException("the data directory " + data + " is not sealed (DataFiles seal)");
        }
        List<String> problems = DataFiles.verify(data);
        if (!problems.isEmpty()) throw new IllegalStateException("the data directory differs from its manifest: " + problems);
        boolean ok = true;
        for (int k = 1; k <= s.repeat(); k++) ok &= repeat(s, units, k, data);
        return ok;
    }

    /** One repeat; false when some benchmark failed (its results are missing, the others are kept). */
    static boolean repeat(Settings s, List<Unit> units, int k, Path data) throws Exception {
        Path dir = Files.createDirectories(s.results().resolve("repeat-" + k));
        Path logs = Files.createDirectories(dir.resolve("logs"));
        List<Unit> order = order(units, s.seed(), k);
        StringBuilder orderText = new StringBuilder("# repeat " + k + " of " + s.repeat() + ", seed " + s.seed() + "\n");
        for (Unit u : order) orderText.append(u.name()).append('\n');
        Files.writeString(dir.resolve("order.txt"), orderText);
        List<Object> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            Unit u = order.get(i);
            String tag = String.format("%02d-%s", i + 1, u.shortName());
            Path json = logs.resolve(tag + ".json");
            Path log = logs.resolve(tag + ".log");
            Map<String, String> before = DataFiles.snapshot(data);
            long t0 = System.nanoTime();
            System.err.printf("suite: repeat %d/%d, %d/%d: %s%n", k, s.repeat(), i + 1, order.size(), u.shortName());
            boolean ok = u.python() ? runPython(s, u, json, log) : runJmh(s, u, json, log);
            List<String> changed = DataFiles.changes(before, DataFiles.snapshot(data));
            if (!changed.isEmpty()) {
                throw new IllegalStateException("isolation violated: " + u.name() + " changed the inputs: " + changed);
            }
            List<?> got = Files.exists(json) ? (List<?>) Json.parse(Files.readString(json)) : List.of();
            if (!ok || got.isEmpty()) failures.add(u.name() + " (log: " + log + ")");
            results.addAll(got);
            System.err.printf("suite:   %.0f s%n", (System.nanoTime() - t0) / 1e9);
            for (Object r : got) {
                double busy = othersCores(r);
                if (busy >= Report.DISTURBED_CORES) {
                    System.err.printf("suite:   timed beside other work: other processes or the hypervisor kept %.2f "
                            + "cores busy (its wall time includes waiting for a core; see ·cpu.bench)%n", busy);
                }
            }
        }
        List<String> problems = DataFiles.verify(data);
        if (!problems.isEmpty()) throw new IllegalStateException("isolation violated in repeat " + k + ": " + problems);
        Files.writeString(dir.resolve("results.json"), Json.write(results));
        Files.write(dir.resolve("failures.txt"), failures);
        for (String f : failures) System.err.println("suite: FAILED " + f);
        return failures.isEmpty();
    }

    /** FaultsProfiler's ·others + ·steal of one JMH result (cores busy beside the benchmark), 0 without them. */
    static double othersCores(Object result) {
        if (!(result instanceof Map<?, ?> r) || !(r.get("secondaryMetrics") instanceof Map<?, ?> sec)) return 0;
        double sum = 0;
        for (String k : List.of("·others", "·steal")) {
            if (sec.get(k) instanceof Map<?, ?> m && m.get("score") instanceof Number n) sum += n.doubleValue();
        }
        return sum;
    }

    /** The system properties every fork gets: where the data is, that it is sealed, where writes go. */
    static List<String> forkProperties(boolean smoke) throws IOException {
        List<String> p = new ArrayList<>(List.of(
                "-Dquiver.bench.dir=" + Bench.dir().toAbsolutePath(),
                "-Dquiver.bench.scratch=" + Bench.scratch().toAbsolutePath(),
                "-Dquiver.bench.sealed=true",
                "-Dslf4j.internal.verbosity=ERROR"));
        if (smoke) p.add("-Dquiver.bench.small=true");
        // JMH and Arrow Java call sun.misc.Unsafe, which JDK 24+ warns about unless allowed
        if (Runtime.version().feature() >= 24) p.add("--sun-misc-unsafe-memory-access=allow");
        return p;
    }

    static boolean runJmh(Settings s, Unit u, Path json, Path log) throws IOException {
        ChainedOptionsBuilder o;
        try {
            o = new OptionsBuilder().parent(new CommandLineOptions(s.jmhArgs().toArray(String[]::new)));
        } catch (CommandLineOptionException e) {
            throw new IllegalArgumentException("bad JMH options " + s.jmhArgs() + ": " + e.getMessage(), e);
        }
        o.include("^" + Pattern.quote(u.name()) + "$")
                .resultFormat(ResultFormatType.JSON).result(json.toString())
                .output(log.toString())
                .jvmArgsPrepend(forkProperties(s.smoke()).toArray(String[]::new))
                .addProfiler(FaultsProfiler.class)
                .shouldFailOnError(s.smoke());
        if (s.smoke()) {
            // a smoke run measures nothing: it need not wait for JMH's lock (another measuring run holds it)
            System.setProperty("jmh.ignoreLock", "true");
            // in this JVM, one single-shot invocation of each benchmark on small data, 1 MiB memcpy
            o.forks(0).warmupIterations(0).measurementIterations(1)
                    .mode(org.openjdk.jmh.annotations.Mode.SingleShotTime).param("bytes", "1048576")
                    .timeout(TimeValue.minutes(5));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                new Runner(o.build()).run();
                return !Files.readString(log).contains("<failure>");
            } catch (RunnerException e) {
                // another JMH run on this machine holds JMH's lock: wait for it rather than measure beside it
                if (String.valueOf(e.getMessage()).contains("JMH lock") && attempt < LOCK_ATTEMPTS) {
                    System.err.println("suite:   another JMH run holds its lock; waiting " + LOCK_WAIT_SECONDS + " s");
                    sleep();
                    continue;
                }
                Files.writeString(log, "\nsuite: " + e + "\n", StandardOpenOption.APPEND, StandardOpenOption.CREATE);
                return false;
            }
        }
    }

    /** How often and how long a benchmark waits for JMH's lock (10 minutes in all) before it counts as failed. */
    static final int LOCK_ATTEMPTS = 60;
    static final int LOCK_WAIT_SECONDS = 10;

    private static void sleep() {
        try {
            Thread.sleep(LOCK_WAIT_SECONDS * 1000L);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for JMH's lock", ie);
        }
    }

    static boolean runPython(Settings s, Unit u, Path json, Path log) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(s.python().toString(), s.script().toString(), "run",
                "--data", Bench.dir().toAbsolutePath().toString(),
                "--scratch", Bench.scratch().toAbsolutePath().toString(), "--out", json.toString()));
        if (s.smoke()) cmd.add("--smoke");
        cmd.add(u.shortName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        return p.waitFor() == 0;
    }

    static Settings parse(String[] args) {
        Path results = null;
        int repeat = 1;
        long seed = System.currentTimeMillis() % 100_000;
        boolean smoke = false;
        Pattern regex = null;
        Path python = null;
        Path script = null;
        List<String> jmh = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--results" -> results = Path.of(args[++i]);
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--smoke" -> smoke = true;
                case "--regex" -> regex = Pattern.compile(args[++i]);
                case "--python" -> python = Path.of(args[++i]);
                case "--script" -> script = Path.of(args[++i]);
                case "--" -> {
                    jmh.addAll(List.of(args).subList(i + 1, args.length));
                    i = args.length;
                }
                default -> throw new IllegalArgumentException("suite: unknown argument " + args[i]);
            }
        }
        if (results == null) throw new IllegalArgumentException("suite: --results DIR is required");
        if (repeat < 1) throw new IllegalArgumentException("suite: --repeat must be at least 1");
        if ((python == null) != (script == null)) throw new IllegalArgumentException("suite: --python needs --script");
        return new Settings(results, repeat, seed, smoke, regex, python, script, jmh);
    }
}
