package dev.quiver.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns the results of quiver-bench/run (JMH's JSON result files, PyArrow's in the same format, one per repeat
 * of the suite) and the facts it collected (W1 file sizes, memory probes, machine, PyArrow's version) into the
 * report: one table of workload, operation, the time of each library and Quiver's ratio against each peer (the
 * peer's time ÷ Quiver's, from the medians of the measurement iterations of the same repeat), then the counters
 * that do not depend on the machine's load, the W1 file sizes, the memcpy reference and the memory table.
 *
 * <p>With several repeats, each time is the median over the repeats, and each ratio cell gives the median of
 * the repeats' ratios and their range; a ratio whose range leaves ±{@value #STABLE_PERCENT}% of its median is
 * marked unstable and shows only the range, so that it cannot be quoted as a result.
 *
 * <p>{@code Report --results DIR FACTS.txt [--markdown OUT.md]} reads {@code DIR/repeat-K/results.json};
 * {@code Report JMH.json FACTS.txt [--markdown OUT.md]} one result file (one repeat). Both print the report;
 * with {@code --markdown} they also write it, with a header naming the date and machine, to OUT.md.
 */
public final class Report {
    private Report() {}

    /**
     * A row of the main table: benchmark key (class.operation[params]) and the issue's target ratios against
     * Arrow Java and against PyArrow (null: none).
     */
    record Operation(String workload, String label, String key, String target, String pyTarget) {
        Operation(String workload, String label, String key, String target) {
            this(workload, label, key, target, "1");
        }
    }

    static final List<Operation> OPERATIONS = List.of(
            new Operation("W1 cities", "write to memory, no compression", "W1CitiesBenchmark.write[codec=none]", "1.5"),
            new Operation("W1 cities", "write to memory, LZ4_FRAME", "W1CitiesBenchmark.write[codec=lz4]", "100"),
            new Operation("W1 cities", "write to memory, ZSTD", "W1CitiesBenchmark.write[codec=zstd]", "1.5"),
            new Operation("W1 cities", "read from memory, no compression", "W1CitiesBenchmark.read[codec=none]", "2"),
            new Operation("W1 cities", "read from memory, LZ4_FRAME", "W1CitiesBenchmark.read[codec=lz4]", "10"),
            new Operation("W1 cities", "read from memory, ZSTD", "W1CitiesBenchmark.read[codec=zstd]", "1.2"),
            new Operation("W1 cities", "read from memory, LZ4_FRAME as Arrow C++ writes it (linked blocks)",
                    "W1CitiesBenchmark.readArrowCppLz4", null),
            new Operation("W2 numeric", "write file to disk", "W2NumericBenchmark.write", "1.3"),
            new Operation("W2 numeric", "read file, sum b", "W2NumericBenchmark.readFile", "2.5"),
            new Operation("W2 numeric", "read stream from file, sum b", "W2NumericBenchmark.readStream", "1.5"),
            // issue 9's row: shown once W2NumericBenchmark has quiver_/arrowJava_cDataExport (see its class comment)
            new Operation("W2 numeric", "to Arrow Java: C Data export (Quiver) vs reading the file (Arrow Java), sum b",
                    "W2NumericBenchmark.cDataExport", null, null),
            new Operation("W3 random access", "load a random batch, sum a (per access)", "W3RandomAccessBenchmark.access",
                    "5"),
            new Operation("W3 random access", "open file → hold batch 0", "W3RandomAccessBenchmark.openToBatch0", "3"),
            new Operation("W4 nested", "write to memory", "W4NestedBenchmark.write", "1.5"),
            new Operation("W4 nested", "read from memory, every value", "W4NestedBenchmark.read", "2"),
            new Operation("F1 Flight", "DoGet of W2 over loopback, server in another process", "FlightBenchmark.doGet", "2"),
            new Operation("F1 Flight", "DoGet of W2, ZSTD bodies (Arrow Java's Flight has no compression)",
                    "FlightBenchmark.doGetZstd", null),
            new Operation("F2 Flight", "DoPut of W2 to a server that reads and drops it", "FlightBenchmark.doPut", "2"),
            new Operation("F3 Flight", "GetFlightInfo + DoGet of a 1-row file (median of samples)",
                    "FlightBenchmark.smallCall", null, null),
            new Operation("F4 Flight", "quiver flight get of W2 as 4 endpoints, 4 at once", "FlightBenchmark.flightGet4",
                    null, null),
            new Operation("F4 Flight", "quiver flight get of W2 as one endpoint", "FlightBenchmark.flightGet1", null, null),
            new Operation("Flight memory", "8 clients DoGet W2 at once (server RssAnon growth: counter serverRssAnonGrowthKiB)",
                    "FlightBenchmark.doGet8Clients", null, null),
            new Operation("convert", "quiver convert of the 5M-row mixed file: 4 conversions LZ4 ↔ ZSTD, file ↔ stream",
                    "ConvertBenchmark.convert", null));

    static final String ARROW = "arrowJava";
    static final String QUIVER = "quiver";
    static final String PYARROW = "pyarrow";
    static final String PYARROW_FULL = "pyarrowFull";
    /** Every library with a column, in column order. */
    static final List<String> LIBRARIES = List.of(QUIVER, ARROW, PYARROW, PYARROW_FULL);
    /** The peers Quiver is compared with, in column order. */
    static final List<String> PEERS = List.of(ARROW, PYARROW, PYARROW_FULL);

    /** A ratio whose range over the repeats leaves this much around its median is unstable. */
    static final int STABLE_PERCENT = 15;

    public static void main(String[] args) throws IOException {
        boolean dirs = args.length >= 1 && args[0].equals("--results");
        String[] rest = dirs ? Arrays.copyOfRange(args, 1, args.length) : args;
        if (rest.length != 2 && !(rest.length == 4 && rest[2].equals("--markdown"))) {
            System.err.println("usage: Report --results DIR FACTS.txt [--markdown OUT.md]\n"
                    + "       Report JMH.json FACTS.txt [--markdown OUT.md]");
            System.exit(2);
        }
        List<Object> repeats = dirs ? repeats(Path.of(rest[0])) : List.of(Json.parse(Files.readString(Path.of(rest[0]))));
        Map<String, String> facts = facts(Files.readAllLines(Path.of(rest[1])));
        String body = render(repeats, facts);
        System.out.print(body);
        if (rest.length == 4) {
            Files.writeString(Path.of(rest[3]), header(facts, repeats.size()) + body, StandardCharsets.UTF_8);
        }
    }

    /** The results of every repeat under {@code dir} ({@code repeat-K/results.json}, in K order). */
    static List<Object> repeats(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().matches("repeat-\\d+"))
                    .map(p -> p.resolve("results.json")).filter(Files::exists).forEach(files::add);
        }
        files.sort(Comparator.comparingInt(p ->
                Integer.parseInt(p.getParent().getFileName().toString().substring("repeat-".length()))));
        List<Object> out = new ArrayList<>();
        for (Path f : files) out.add(Json.parse(Files.readString(f)));
        return out;
    }

    /** Facts: "key value" lines; blank lines and lines starting with # are skipped. */
    static Map<String, String> facts(List<String> lines) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            int sp = l.indexOf(' ');
            if (sp < 0) m.put(l, "");
            else m.put(l.substring(0, sp), l.substring(sp + 1).strip());
        }
        return m;
    }

    /**
     * One benchmark's result in one repeat: the median of its measurement iterations in seconds, and its
     * secondary metrics (times in seconds, page faults as counts, per operation).
     */
    record Score(double seconds, Map<String, Double> counters) {}

    /** The scores of one repeat by library (the method's prefix before '_') then key (class.operation[params]). */
    static Map<String, Map<String, Score>> results(Object jmh) {
        Map<String, Map<String, Score>> out = new LinkedHashMap<>();
        for (Object o : (List<?>) jmh) {
            Map<?, ?> run = (Map<?, ?>) o;
            String benchmark = (String) run.get("benchmark");
            String[] parts = benchmark.split("\\.");
            String cls = parts[parts.length - 2];
            String method = parts[parts.length - 1];
            int us = method.indexOf('_');
            String lib = us < 0 ? "" : method.substring(0, us);
            String op = us < 0 ? method : method.substring(us + 1);
            StringBuilder key = new StringBuilder(cls).append('.').append(op);
            Object params = run.get("params");
            if (params instanceof Map<?, ?> p && !p.isEmpty()) {
                key.append('[');
                boolean first = true;
                for (var e : new TreeMap<>(stringMap(p)).entrySet()) {
                    if (!first) key.append(',');
                    first = false;
                    key.append(e.getKey()).append('=').append(e.getValue());
                }
                key.append(']');
            }
            Map<String, Double> counters = new LinkedHashMap<>();
            if (run.get("secondaryMetrics") instanceof Map<?, ?> sec) {
                for (var e : sec.entrySet()) {
                    if (e.getValue() instanceof Map<?, ?> m) counters.put(String.valueOf(e.getKey()), value(m));
                }
            }
            Map<?, ?> metric = (Map<?, ?>) run.get("primaryMetric");
            out.computeIfAbsent(lib, k -> new LinkedHashMap<>()).put(key.toString(), new Score(value(metric), counters));
        }
        return out;
    }

    /** A metric's median (its score when it has no percentiles): times in seconds, page faults as they are. */
    private static double value(Map<?, ?> metric) {
        double score = ((Number) metric.get("score")).doubleValue();
        if (metric.get("scorePercentiles") instanceof Map<?, ?> pct && pct.get("50.0") instanceof Number median) {
            score = median.doubleValue();
        }
        String unit = (String) metric.get("scoreUnit");
        // counters as they are: page faults, and JMH's "#" of @AuxCounters events (FlightBenchmark's server memory)
        // and FaultsProfiler's cores that other processes (·others) or the hypervisor (·steal) kept busy
        return unit.startsWith("faults") || unit.equals("#") || unit.equals("cores") ? score : score * secondsPer(unit);
    }

    private static Map<String, String> stringMap(Map<?, ?> p) {
        Map<String, String> m = new LinkedHashMap<>();
        p.forEach((k, v) -> m.put(String.valueOf(k), String.valueOf(v)));
        return m;
    }

    /** Seconds in one unit of a JMH average-time score unit ("ms/op", "us/op", ...). */
    static double secondsPer(String unit) {
        String u = unit.endsWith("/op") ? unit.substring(0, unit.length() - 3) : unit;
        return switch (u) {
            case "s" -> 1;
            case "ms" -> 1e-3;
            case "us", "µs" -> 1e-6;
            case "ns" -> 1e-9;
            default -> throw new IllegalArgumentException("unsupported score unit " + unit
                    + " (the benchmarks measure average time per operation)");
        };
    }

    static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    /** Per library and key, what {@code f} gives for each repeat that has a value. */
    static Map<String, Map<String, List<Double>>> collect(List<Map<String, Map<String, Score>>> repeats,
                                                           Function<Score, Double> f) {
        Map<String, Map<String, List<Double>>> out = new LinkedHashMap<>();
        for (var r : repeats) {
            r.forEach((lib, m) -> m.forEach((k, s) -> {
                Double v = f.apply(s);
                if (v != null) {
                    out.computeIfAbsent(lib, x -> new LinkedHashMap<>()).computeIfAbsent(k, x -> new ArrayList<>()).add(v);
                }
            }));
        }
        return out;
    }

    /** Medians over the repeats, by library then key. */
    static Map<String, Map<String, Double>> medians(Map<String, Map<String, List<Double>>> values) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        values.forEach((lib, m) -> {
            Map<String, Double> s = new LinkedHashMap<>();
            m.forEach((k, v) -> s.put(k, median(v)));
            out.put(lib, s);
        });
        return out;
    }

    /** A ratio over the repeats: the median of the repeats' ratios, their range, and how many there were. */
    record Ratio(double median, double min, double max, int n) {
        boolean stable() {
            return max <= median * (1 + STABLE_PERCENT / 100.0) && min >= median * (1 - STABLE_PERCENT / 100.0);
        }

        String cell() {
            if (n == 1) return ratio(median);
            String range = number(min) + "–" + number(max);
            return stable() ? ratio(median) + " (" + range + ")" : "unstable (" + range + "×)";
        }
    }

    /** The peer's time ÷ Quiver's in every repeat that has both; null when none has. */
    static Ratio ratio(List<Map<String, Map<String, Score>>> repeats, String peer, String key) {
        List<Double> r = new ArrayList<>();
        for (var rep : repeats) {
            Score p = rep.getOrDefault(peer, Map.of()).get(key);
            Score q = rep.getOrDefault(QUIVER, Map.of()).get(key);
            if (p != null && q != null) r.add(p.seconds() / q.seconds());
        }
        return r.isEmpty() ? null : new Ratio(median(r), Collections.min(r), Collections.max(r), r.size());
    }

    /** The report of one repeat. */
    static String render(Object jmh, Map<String, String> facts) {
        return render(List.of(jmh), facts);
    }

    static String render(List<Object> repeatResults, Map<String, String> facts) {
        List<Map<String, Map<String, Score>>> repeats = new ArrayList<>();
        for (Object r : repeatResults) repeats.add(results(r));
        Map<String, Map<String, Double>> scores = medians(collect(repeats, Score::seconds));
        StringBuilder out = new StringBuilder();

        Map<String, Operation> known = new LinkedHashMap<>();
        for (Operation op : OPERATIONS) known.put(op.key(), op);
        List<String> keys = new ArrayList<>();
        for (Operation op : OPERATIONS) {
            if (LIBRARIES.stream().anyMatch(l -> scores.getOrDefault(l, Map.of()).containsKey(op.key()))) keys.add(op.key());
        }
        // benchmarks this report does not know yet still show up, under their JMH names
        for (String lib : LIBRARIES) {
            for (String k : scores.getOrDefault(lib, Map.of()).keySet()) if (!keys.contains(k)) keys.add(k);
        }
        StringBuilder table = new StringBuilder();
        for (String k : keys) {
            Operation op = known.getOrDefault(k,
                    new Operation(k.substring(0, k.indexOf('.')), k.substring(k.indexOf('.') + 1), k, null, null));
            table.append("| ").append(op.workload()).append(" | ").append(op.label());
            for (String lib : LIBRARIES) {
                Double t = scores.getOrDefault(lib, Map.of()).get(k);
                table.append(" | ").append(t == null ? "n/a" : time(t));
            }
            for (String peer : PEERS) {
                Ratio r = ratio(repeats, peer, k);
                table.append(" | ").append(r == null ? "n/a" : r.cell());
            }
            table.append(" | ").append(target(op)).append(" |\n");
        }
        if (!table.isEmpty()) {
            out.append("| workload | operation | Quiver | Arrow Java | PyArrow | PyArrow full | ÷ Arrow Java | ÷ PyArrow "
                    + "| ÷ PyArrow full | target |\n");
            out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            out.append(table).append('\n');
            out.append(VALIDATION_NOTE).append("\n\n");
            out.append(repeatsNote(repeats.size())).append("\n\n");
            out.append(pyarrowNote(facts)).append("\n\n");
            flightThroughput(out, scores, facts);
        }
        counters(out, repeats, keys, known);

        sizes(out, facts);
        memcpy(out, scores.getOrDefault("", Map.of()));
        memory(out, facts);
        unclosed(out, facts);
        startup(out, facts);
        return out.toString();
    }

    /** F1 DoGet and F2 DoPut of W2 as throughput: the W2 file's size (fact {@code w2.bytes}) ÷ the median time. */
    private static final String[][] FLIGHT_THROUGHPUT = {
            {"FlightBenchmark.doGet", "F1 DoGet"}, {"FlightBenchmark.doPut", "F2 DoPut"}};

    static void flightThroughput(StringBuilder out, Map<String, Map<String, Double>> scores, Map<String, String> facts) {
        String w2 = facts.get("w2.bytes");
        if (w2 == null) return;
        double bytes = Double.parseDouble(w2);
        StringBuilder line = new StringBuilder();
        for (String[] f : FLIGHT_THROUGHPUT) {
            StringBuilder cells = new StringBuilder();
            for (String lib : LIBRARIES) {
                Double t = scores.getOrDefault(lib, Map.of()).get(f[0]);
                if (t == null || t <= 0) continue;
                cells.append(cells.isEmpty() ? "" : ", ").append(libraryName(lib))
                        .append(String.format(Locale.ROOT, " %.2f GB/s", bytes / t / 1e9));
            }
            if (!cells.isEmpty()) line.append(line.isEmpty() ? "" : "; ").append(f[1]).append(": ").append(cells);
        }
        if (line.isEmpty()) return;
        out.append("Flight throughput (the W2 file's ").append(bytesHuman(bytes)).append(" ÷ the median time): ")
                .append(line).append(".\n\n");
    }

    private static String libraryName(String lib) {
        return switch (lib) {
            case QUIVER -> "Quiver";
            case ARROW -> "Arrow Java";
            case PYARROW -> "PyArrow";
            case PYARROW_FULL -> "PyArrow full";
            default -> lib;
        };
    }

    /** Issue 12's goal for {@code quiver print} of a small file, in seconds. */
    static final double STARTUP_GOAL_SECONDS = 0.4;

    /** The start-up variants bin/measure-startup records ({@code startup.<key>.median|min|max}), in row order. */
    private static final String[][] STARTUP_VARIANTS = {
            {"launcher-nocds", "`./quiver`, no CDS (`QUIVER_NO_CDS=1`)"},
            {"launcher-cds", "`./quiver`, CDS archive (`QUIVER_NO_AOT=1`; JDK 22-24)"},
            {"launcher-aot", "`./quiver`, AOT cache (JDK 25+)"},
            {"image-nocds", "image (`bin/quiver`), no CDS"},
            {"image-cds", "image (`bin/quiver`), CDS archive"},
            {"image-aot", "image (`bin/quiver`), AOT cache (JDK 25+)"}};

    /** The Start-up table: wall time of {@code quiver print} of a small file, from bin/measure-startup's facts. */
    static void startup(StringBuilder out, Map<String, String> facts) {
        if (facts.containsKey("startup.status")) {
            out.append("Start-up: not measured: bin/measure-startup ").append(facts.get("startup.status")).append(".\n\n");
            return;
        }
        if (facts.keySet().stream().noneMatch(k -> k.startsWith("startup.") && k.endsWith(".median"))) return;
        out.append("| Start-up: `quiver print` of a small file (")
                .append(facts.containsKey("startup.bytes") ? bytes(facts.get("startup.bytes")) : "? B")
                .append("), median of ").append(facts.getOrDefault("startup.runs", "?"))
                .append(" runs | median | min | max | goal | met |\n| --- | ---: | ---: | ---: | ---: | --- |\n");
        for (String[] v : STARTUP_VARIANTS) {
            String m = facts.get("startup." + v[0] + ".median");
            if (m == null) continue;
            double median = seconds(m, "startup." + v[0] + ".median");
            out.append("| ").append(v[1]).append(" | ").append(time(median))
                    .append(" | ").append(startupCell(facts, "startup." + v[0] + ".min"))
                    .append(" | ").append(startupCell(facts, "startup." + v[0] + ".max"))
                    .append(" | < ").append(time(STARTUP_GOAL_SECONDS))
                    .append(" | ").append(median < STARTUP_GOAL_SECONDS ? "yes" : "no").append(" |\n");
        }
        out.append('\n');
    }

    private static String startupCell(Map<String, String> facts, String key) {
        String v = facts.get(key);
        return v == null ? "n/a" : time(seconds(v, key));
    }

    private static double seconds(String v, String key) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("facts: " + key + " is not a number of seconds: " + v, e);
        }
    }

    /** "≥A× / ≥P×": the targets against Arrow Java and against PyArrow ("—" for none). */
    private static String target(Operation op) {
        if (op.target() == null && op.pyTarget() == null) return "";
        return (op.target() == null ? "—" : "≥" + op.target() + "×") + " / "
                + (op.pyTarget() == null ? "—" : "≥" + op.pyTarget() + "×");
    }

    static String repeatsNote(int n) {
        return n == 1
                ? "One run of the suite: each ratio is from that run alone, with no spread (`quiver-bench/run --repeat 3` "
                        + "gives the median and range of every ratio)."
                : "Times are medians over " + n + " runs of the suite, each in its own random order; each ratio is the "
                        + "median of the " + n + " runs' ratios, with their range in brackets. A ratio whose range leaves "
                        + "±" + STABLE_PERCENT + "% of its median is marked unstable: it is not a result.";
    }

    static String pyarrowNote(Map<String, String> facts) {
        String status = facts.getOrDefault("pyarrow.status", "not run (no facts about PyArrow)");
        if (!status.equals("ok")) return "PyArrow columns: " + status + ".";
        return "PyArrow (Arrow C++) " + facts.getOrDefault("pyarrow.version", "(unknown version)") + " reads the files "
                + "Quiver wrote (memory-mapped; from memory for the W1 and W4 reads) and touches the values through "
                + "compute kernels; it writes batches it loaded before timing. \"PyArrow\" reads at its default "
                + "validation, \"PyArrow full\" adds `validate(full=True)` on every batch it reads. Timed with "
                + "time.perf_counter over the same measurement iterations as JMH's (3 of 2 s, after 2 warmup iterations "
                + "of 1 s).";
    }

    /**
     * The counters that do not depend on the machine's load, per operation (medians over the repeats): CPU time of
     * the benchmark thread and page faults of the whole process.
     */
    private static void counters(StringBuilder out, List<Map<String, Map<String, Score>>> repeats, List<String> keys,
                                 Map<String, Operation> known) {
        Map<String, Map<String, Double>> cpu = medians(collect(repeats, s -> s.counters().get("·cpu.bench")));
        Map<String, Map<String, Double>> minflt = medians(collect(repeats, s -> s.counters().get("·minflt")));
        Map<String, Map<String, Double>> majflt = medians(collect(repeats, s -> s.counters().get("·majflt")));
        StringBuilder rows = new StringBuilder();
        for (String k : keys) {
            StringBuilder row = new StringBuilder();
            boolean any = false;
            for (String lib : LIBRARIES) {
                Double c = cpu.getOrDefault(lib, Map.of()).get(k);
                Double mi = minflt.getOrDefault(lib, Map.of()).get(k);
                Double ma = majflt.getOrDefault(lib, Map.of()).get(k);
                any |= c != null || mi != null || ma != null;
                row.append(" | ").append(c == null ? "n/a" : time(c)).append(" · ")
                        .append(mi == null ? "n/a" : number(mi)).append(" / ").append(ma == null ? "n/a" : number(ma));
            }
            if (!any) continue;
            Operation op = known.get(k);
            rows.append("| ").append(op == null ? k : op.workload() + ", " + op.label()).append(row).append(" |\n");
        }
        if (rows.isEmpty()) return;
        out.append("| counters per operation: CPU time of the benchmark thread · minor / major page faults | Quiver "
                + "| Arrow Java | PyArrow | PyArrow full |\n| --- | ---: | ---: | ---: | ---: |\n");
        out.append(rows).append('\n');
        out.append(COUNTERS_NOTE).append("\n\n");
        String disturbed = disturbed(repeats, keys, known);
        if (!disturbed.isEmpty()) out.append(disturbed).append("\n\n");
    }

    /** Other processes keeping this many cores busy on average while a benchmark was timed disturb its wall time. */
    static final double DISTURBED_CORES = 0.25;

    /**
     * The rows measured beside other work: median over the repeats of FaultsProfiler's {@code ·others} (cores
     * other processes kept busy during the timed iterations) or {@code ·steal} (cores the hypervisor took) at
     * {@link #DISTURBED_CORES} or more. Empty when none was.
     */
    static String disturbed(List<Map<String, Map<String, Score>>> repeats, List<String> keys, Map<String, Operation> known) {
        Map<String, Map<String, Double>> others = medians(collect(repeats, s -> {
            Double o = s.counters().get("·others");
            Double st = s.counters().get("·steal");
            return o == null && st == null ? null : (o == null ? 0 : o) + (st == null ? 0 : st);
        }));
        List<String> rows = new ArrayList<>();
        for (String k : keys) {
            List<String> cells = new ArrayList<>();
            for (String lib : LIBRARIES) {
                Double o = others.getOrDefault(lib, Map.of()).get(k);
                if (o != null && o >= DISTURBED_CORES) cells.add(libraryName(lib) + " " + String.format(java.util.Locale.ROOT, "%.2f", o));
            }
            if (cells.isEmpty()) continue;
            Operation op = known.get(k);
            rows.add((op == null ? k : op.workload() + ", " + op.label()) + " (" + String.join(", ", cells) + ")");
        }
        if (rows.isEmpty()) return "";
        return "Measured beside other work (cores that other processes or the hypervisor kept busy while the "
                + "iterations were timed, median over the repeats, " + DISTURBED_CORES + " or more): "
                + String.join("; ", rows) + ". Their times include waiting for a core, which no change of the "
                + "benchmark explains; the CPU time of the benchmark thread above is their own.";
    }

    static final String COUNTERS_NOTE = "Counters that do not depend on how loaded the machine is (FaultsProfiler in "
            + "the JMH forks, getrusage and thread_time for PyArrow). A read of a file that is in the page cache takes "
            + "no major fault; a CPU time far from its usual value points at the code the JIT made, not at the machine "
            + "(quiver-bench/ANALYSIS.md, W3).";

    private static void sizes(StringBuilder out, Map<String, String> facts) {
        if (facts.keySet().stream().noneMatch(k -> k.startsWith("w1.size."))) return;
        out.append("| W1 file size | Arrow Java | Quiver | PyArrow |\n| --- | ---: | ---: | ---: |\n");
        for (String[] c : new String[][] {{"none", "no compression"}, {"lz4", "LZ4_FRAME"}, {"zstd", "ZSTD"}}) {
            out.append("| ").append(c[1]).append(" | ")
                    .append(bytes(facts.get("w1.size." + c[0] + "." + ARROW))).append(" | ")
                    .append(bytes(facts.get("w1.size." + c[0] + "." + QUIVER))).append(" | ")
                    .append(bytes(facts.get("w1.size." + c[0] + "." + PYARROW))).append(" |\n");
        }
        out.append('\n');
    }

    /** One copy reference: its label and its key prefix (the params follow). */
    private record Copy(String label, String prefix) {}

    private static final List<Copy> COPIES = List.of(
            new Copy("MemorySegment.copy", "MemcpyBenchmark.copy["),
            new Copy("libc memcpy through FFM", "MemcpyBenchmark.libcMemcpy["),
            new Copy("numpy.copyto (Python, same run)", "MemcpyBenchmark.numpyCopy["));

    /**
     * The copy references, in GB/s: MemorySegment.copy on one thread keeps the line it always had; the others
     * follow, then the fastest Java copy as the machine's copy speed.
     */
    private static void memcpy(StringBuilder out, Map<String, Double> reference) {
        double fastest = 0;
        String fastestLabel = null;
        StringBuilder others = new StringBuilder();
        for (Copy c : COPIES) {
            for (var e : reference.entrySet()) {
                if (!e.getKey().startsWith(c.prefix())) continue;
                Map<String, String> params = params(e.getKey());
                double bytes = Double.parseDouble(params.get("bytes"));
                String threads = params.getOrDefault("threads", "1");
                double gbs = bytes / e.getValue() / 1e9;
                boolean java = !c.prefix().contains("numpy");
                String label = c.label() + ", " + (threads.equals("1") ? "1 thread" : "every core");
                if (java && gbs > fastest) {
                    fastest = gbs;
                    fastestLabel = label;
                }
                if (c == COPIES.get(0) && threads.equals("1")) {
                    out.append(String.format(Locale.ROOT, "memcpy reference: %s between two off-heap buffers in %s = %.1f GB/s%n%n",
                            bytesHuman(bytes), time(e.getValue()), gbs));
                } else {
                    others.append(String.format(Locale.ROOT, "- %s: %s in %s = %.1f GB/s%n", label, bytesHuman(bytes),
                            time(e.getValue()), gbs));
                }
            }
        }
        if (!others.isEmpty()) {
            out.append("Other copies of the same buffers:\n").append(others).append('\n');
            out.append(String.format(Locale.ROOT, "The machine's copy speed, the fastest Java copy above: %.1f GB/s (%s).%n%n",
                    fastest, fastestLabel));
        }
    }

    /** The params of a key {@code Class.op[a=1,b=2]}. */
    static Map<String, String> params(String key) {
        Map<String, String> m = new LinkedHashMap<>();
        int open = key.indexOf('[');
        if (open < 0) return m;
        for (String kv : key.substring(open + 1, key.length() - 1).split(",")) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }

    private static void memory(StringBuilder out, Map<String, String> facts) {
        if (facts.keySet().stream().noneMatch(k -> k.startsWith("memory."))) return;
        out.append("| memory (-Xmx64m, read all of W2, sum every column) | Arrow Java VmHWM | Arrow Java RssAnon "
                + "| Quiver VmHWM | Quiver RssAnon |\n| --- | ---: | ---: | ---: | ---: |\n");
        Long[] idle = {kib(facts, ARROW, "idle", "VmHWM"), kib(facts, ARROW, "idle", "RssAnon"),
                kib(facts, QUIVER, "idle", "VmHWM"), kib(facts, QUIVER, "idle", "RssAnon")};
        Long[] read = {kib(facts, ARROW, "read", "VmHWM"), kib(facts, ARROW, "read", "RssAnon"),
                kib(facts, QUIVER, "read", "VmHWM"), kib(facts, QUIVER, "read", "RssAnon")};
        Long[] growth = new Long[4];
        for (int i = 0; i < 4; i++) growth[i] = idle[i] == null || read[i] == null ? null : read[i] - idle[i];
        memoryRow(out, "idle JVM, library loaded", idle);
        memoryRow(out, "after reading W2", read);
        memoryRow(out, "growth over idle", growth);
        out.append('\n');
        if (growth[1] != null && growth[3] != null && growth[1] > 0) {
            out.append(String.format(Locale.ROOT, "RssAnon growth, Quiver ÷ Arrow Java: %.2f (target ≤ 0.5)%n",
                    (double) growth[3] / growth[1]));
        }
    }

    /**
     * Quiver's loops over the W2 stream (from an InputStream) and the W2 ZSTD file, closing every batch or none:
     * growth of peak and anonymous resident memory over the idle JVM, and the ratio none ÷ every (issue 8: ≤ 2).
     */
    private static void unclosed(StringBuilder out, Map<String, String> facts) {
        String[][] inputs = {{"stream", "W2 stream from an InputStream"}, {"zstd", "W2 file, ZSTD"}};
        Long idlePeak = kib(facts, QUIVER, "idle", "VmHWM");
        Long idleAnon = kib(facts, QUIVER, "idle", "RssAnon");
        StringBuilder rows = new StringBuilder();
        StringBuilder ratios = new StringBuilder();
        for (String[] in : inputs) {
            Long[] g = new Long[4];
            String[] modes = {in[0] + "-close", in[0] + "-drop"};
            for (int m = 0; m < 2; m++) {
                Long peak = kib(facts, QUIVER, modes[m], "VmHWM");
                Long anon = kib(facts, QUIVER, modes[m], "RssAnon");
                g[2 * m] = peak == null || idlePeak == null ? null : peak - idlePeak;
                g[2 * m + 1] = anon == null || idleAnon == null ? null : anon - idleAnon;
            }
            if (g[0] == null && g[1] == null && g[2] == null && g[3] == null) continue;
            memoryRow(rows, in[1], g);
            if (g[1] != null && g[3] != null && g[1] > 0) {
                ratios.append(ratios.isEmpty() ? "" : ", ").append(in[0]).append(' ')
                        .append(String.format(Locale.ROOT, "%.2f", (double) g[3] / g[1]));
            }
        }
        if (rows.isEmpty()) return;
        out.append("| Quiver, batches not closed (-Xmx64m, growth over idle) | closing each: VmHWM | closing each: RssAnon "
                + "| closing none: VmHWM | closing none: RssAnon |\n| --- | ---: | ---: | ---: | ---: |\n");
        out.append(rows).append('\n');
        if (!ratios.isEmpty()) {
            out.append("RssAnon growth, closing none ÷ closing each: ").append(ratios).append(" (target ≤ 2)\n");
        }
    }

    private static void memoryRow(StringBuilder out, String label, Long[] kib) {
        out.append("| ").append(label);
        for (Long k : kib) out.append(" | ").append(k == null ? "n/a" : String.format(Locale.ROOT, "%.1f MiB", k / 1024.0));
        out.append(" |\n");
    }

    private static Long kib(Map<String, String> facts, String lib, String mode, String key) {
        String v = facts.get("memory." + lib + "." + mode + "." + key);
        return v == null ? null : Long.valueOf(v);
    }

    /** Markdown header of BENCHMARKS.md, for a report of {@code repeats} runs of the suite. */
    static String header(Map<String, String> facts, int repeats) {
        String py = "ok".equals(facts.get("pyarrow.status")) ? " and Arrow C++ (PyArrow " + facts.getOrDefault("pyarrow.version", "?") + ")" : "";
        return "# Benchmarks: Quiver, Apache Arrow Java 19.0.0" + py + "\n\n"
                + "Written by `quiver-bench/run` on " + facts.getOrDefault("machine.date", "an unknown date") + ", on "
                + facts.getOrDefault("machine.cores", "?") + " cores (" + facts.getOrDefault("machine.cpu", "unknown CPU")
                + "), " + facts.getOrDefault("machine.jdk", "unknown JDK")
                + (facts.containsKey("machine.load") ? "; load average before the run: " + facts.get("machine.load") : "")
                + "; " + repeats + (repeats == 1 ? " run" : " runs") + " of the suite"
                + (facts.containsKey("suite.seed") ? " (orders from seed " + facts.get("suite.seed") + ")" : "") + ".\n\n"
                + "JMH 1.37, one fork per benchmark and library, 2 warmup and 3 measurement iterations (convert: single "
                + "shots, 1 and 3); each time is the median of the measurement iterations, and each ratio is a peer's "
                + "time ÷ Quiver's time in the same run (above 1: Quiver is faster). Every benchmark starts from the same "
                + "state: inputs generated once and sealed (never rewritten; the suite checks), in the page cache, writes "
                + "elsewhere, the order of the benchmarks shuffled for every run. Compare ratios, not absolute times "
                + "across runs. The workloads (data, operations) are defined in the benchmark sources "
                + "(`quiver-bench/src/main/java/dev/quiver/bench/`, `quiver-bench/src/main/python/pyarrow_bench.py`); "
                + "the target column is the issues' goal against Arrow Java / against PyArrow.\n\n";
    }

    static final String VALIDATION_NOTE = "Ratio = peer's time ÷ Quiver's time (above 1: Quiver is faster). Every "
            + "library runs with its default options: Quiver reads with FULL validation (every offset and every UTF-8 "
            + "string is checked before a batch is handed out); Arrow Java checks neither; \"PyArrow full\" is PyArrow "
            + "with `validate(full=True)`, the same checks as Quiver's default.";

    static String time(double seconds) {
        String[] units = {"s", "ms", "µs", "ns"};
        double v = seconds;
        int u = 0;
        while (v < 1 && u < units.length - 1) {
            v *= 1000;
            u++;
        }
        return number(v) + " " + units[u];
    }

    static String ratio(double r) {
        return number(r) + "×";
    }

    /** Three significant digits (no exponent). */
    static String number(double v) {
        double a = Math.abs(v);
        // decided on the rounded value, so that 9.999 prints as 10.0, not 10.00
        String f = Math.round(a * 10) >= 1000 ? "%.0f" : Math.round(a * 100) >= 1000 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, f, v);
    }

    private static String bytes(String v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%,d B", Long.parseLong(v));
    }

    private static String bytesHuman(double b) {
        if (b >= 1 << 20) return number(b / (1 << 20)) + " MiB";
        if (b >= 1 << 10) return number(b / (1 << 10)) + " KiB";
        return number(b) + " B";
    }
}
