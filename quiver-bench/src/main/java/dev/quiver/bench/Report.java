package dev.quiver.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a JMH JSON result file and the facts quiver-bench/run collected (W1 file sizes, memory probes, machine)
 * into the report: one table of workload, operation, Arrow Java, Quiver, ratio (Arrow Java ÷ Quiver, from the
 * medians of the measurement iterations of the same run), then the W1 file sizes, the memcpy reference and the
 * memory table.
 *
 * <p>{@code Report JMH.json FACTS.txt [--markdown OUT.md]}: prints the report; with {@code --markdown} also
 * writes it, with a header naming the date and machine, to OUT.md.
 */
public final class Report {
    private Report() {}

    /** A row of the main table: benchmark key (class.operation[params]) and the issue's target ratio. */
    record Operation(String workload, String label, String key, String target) {}

    static final List<Operation> OPERATIONS = List.of(
            new Operation("W1 cities", "write to memory, no compression", "W1CitiesBenchmark.write[codec=none]", "1.5"),
            new Operation("W1 cities", "write to memory, LZ4_FRAME", "W1CitiesBenchmark.write[codec=lz4]", "100"),
            new Operation("W1 cities", "write to memory, ZSTD", "W1CitiesBenchmark.write[codec=zstd]", "1.5"),
            new Operation("W1 cities", "read from memory, no compression", "W1CitiesBenchmark.read[codec=none]", "2"),
            new Operation("W1 cities", "read from memory, LZ4_FRAME", "W1CitiesBenchmark.read[codec=lz4]", "10"),
            new Operation("W1 cities", "read from memory, ZSTD", "W1CitiesBenchmark.read[codec=zstd]", "1.2"),
            new Operation("W2 numeric", "write file to disk", "W2NumericBenchmark.write", "1.3"),
            new Operation("W2 numeric", "read file, sum b", "W2NumericBenchmark.readFile", "2.5"),
            new Operation("W2 numeric", "read stream from file, sum b", "W2NumericBenchmark.readStream", "1.5"),
            new Operation("W3 random access", "load a random batch, sum a (per access)", "W3RandomAccessBenchmark.access",
                    "5"),
            new Operation("W3 random access", "open file → hold batch 0", "W3RandomAccessBenchmark.openToBatch0", "3"),
            new Operation("W4 nested", "write to memory", "W4NestedBenchmark.write", "1.5"),
            new Operation("W4 nested", "read from memory, every value", "W4NestedBenchmark.read", "2"));

    static final String ARROW = "arrowJava";
    static final String QUIVER = "quiver";

    public static void main(String[] args) throws IOException {
        if (args.length != 2 && !(args.length == 4 && args[2].equals("--markdown"))) {
            System.err.println("usage: Report JMH.json FACTS.txt [--markdown OUT.md]");
            System.exit(2);
        }
        Object jmh = Json.parse(Files.readString(Path.of(args[0])));
        Map<String, String> facts = facts(Files.readAllLines(Path.of(args[1])));
        String body = render(jmh, facts);
        System.out.print(body);
        if (args.length == 4) {
            Files.writeString(Path.of(args[3]), header(facts) + body, StandardCharsets.UTF_8);
        }
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

    /** The median score of each benchmark in seconds per operation, by library then key. */
    static Map<String, Map<String, Double>> scores(Object jmh) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
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
            Map<?, ?> metric = (Map<?, ?>) run.get("primaryMetric");
            double score = ((Number) metric.get("score")).doubleValue();
            if (metric.get("scorePercentiles") instanceof Map<?, ?> pct && pct.get("50.0") instanceof Number median) {
                score = median.doubleValue();
            }
            double seconds = score * secondsPer((String) metric.get("scoreUnit"));
            out.computeIfAbsent(lib, k -> new LinkedHashMap<>()).put(key.toString(), seconds);
        }
        return out;
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

    static String render(Object jmh, Map<String, String> facts) {
        Map<String, Map<String, Double>> scores = scores(jmh);
        Map<String, Double> arrow = scores.getOrDefault(ARROW, Map.of());
        Map<String, Double> quiver = scores.getOrDefault(QUIVER, Map.of());
        StringBuilder out = new StringBuilder();

        StringBuilder table = new StringBuilder();
        List<String> shown = new ArrayList<>();
        for (Operation op : OPERATIONS) {
            Double a = arrow.get(op.key());
            Double q = quiver.get(op.key());
            if (a == null && q == null) continue;
            shown.add(op.key());
            row(table, op.workload(), op.label(), a, q, "≥" + op.target() + "×");
        }
        // benchmarks this report does not know yet still show up, under their JMH names
        List<String> others = new ArrayList<>();
        for (String k : arrow.keySet()) if (!shown.contains(k) && !others.contains(k)) others.add(k);
        for (String k : quiver.keySet()) if (!shown.contains(k) && !others.contains(k)) others.add(k);
        for (String k : others) row(table, k.substring(0, k.indexOf('.')), k.substring(k.indexOf('.') + 1),
                arrow.get(k), quiver.get(k), "");
        if (!table.isEmpty()) {
            out.append("| workload | operation | Arrow Java | Quiver | ratio | target |\n");
            out.append("| --- | --- | ---: | ---: | ---: | ---: |\n");
            out.append(table).append('\n');
            out.append(VALIDATION_NOTE).append("\n\n");
        }

        sizes(out, facts);
        memcpy(out, scores.getOrDefault("", Map.of()));
        memory(out, facts);
        unclosed(out, facts);
        return out.toString();
    }

    private static void row(StringBuilder out, String workload, String label, Double a, Double q, String target) {
        out.append("| ").append(workload).append(" | ").append(label).append(" | ")
                .append(a == null ? "n/a" : time(a)).append(" | ")
                .append(q == null ? "n/a" : time(q)).append(" | ")
                .append(a == null || q == null ? "n/a" : ratio(a / q)).append(" | ")
                .append(target).append(" |\n");
    }

    private static void sizes(StringBuilder out, Map<String, String> facts) {
        if (facts.keySet().stream().noneMatch(k -> k.startsWith("w1.size."))) return;
        out.append("| W1 file size | Arrow Java | Quiver |\n| --- | ---: | ---: |\n");
        for (String[] c : new String[][] {{"none", "no compression"}, {"lz4", "LZ4_FRAME"}, {"zstd", "ZSTD"}}) {
            out.append("| ").append(c[1]).append(" | ")
                    .append(bytes(facts.get("w1.size." + c[0] + "." + ARROW))).append(" | ")
                    .append(bytes(facts.get("w1.size." + c[0] + "." + QUIVER))).append(" |\n");
        }
        out.append('\n');
    }

    private static void memcpy(StringBuilder out, Map<String, Double> reference) {
        for (var e : reference.entrySet()) {
            if (!e.getKey().startsWith("MemcpyBenchmark.copy[bytes=")) continue;
            String b = e.getKey().substring("MemcpyBenchmark.copy[bytes=".length(), e.getKey().length() - 1);
            double bytes = Double.parseDouble(b);
            out.append(String.format(Locale.ROOT, "memcpy reference: %s between two off-heap buffers in %s = %.1f GB/s%n%n",
                    bytesHuman(bytes), time(e.getValue()), bytes / e.getValue() / 1e9));
        }
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

    /** Markdown header of BENCHMARKS.md. */
    static String header(Map<String, String> facts) {
        return "# Benchmarks: Quiver and Apache Arrow Java 19.0.0\n\n"
                + "Written by `quiver-bench/run` on " + facts.getOrDefault("machine.date", "an unknown date") + ", on "
                + facts.getOrDefault("machine.cores", "?") + " cores (" + facts.getOrDefault("machine.cpu", "unknown CPU")
                + "), " + facts.getOrDefault("machine.jdk", "unknown JDK")
                + (facts.containsKey("machine.load") ? "; load average before the run: " + facts.get("machine.load") : "")
                + ".\n\n"
                + "JMH 1.37, one fork per benchmark and library, 2 warmup and 3 measurement iterations; each time is the "
                + "median of the measurement iterations, and the ratio is Arrow Java's time ÷ Quiver's time in the same "
                + "run (above 1: Quiver is faster). The machine is shared and noisy: compare ratios, not absolute times "
                + "across runs. The workloads (data, operations) are defined in the benchmark sources "
                + "(`quiver-bench/src/main/java/dev/quiver/bench/W*.java`); the target column is the issue's goal.\n\n";
    }

    static final String VALIDATION_NOTE = "Ratio = Arrow Java time ÷ Quiver time (above 1: Quiver is faster). Both libraries run with their default options: Quiver reads with FULL "
            + "validation (every offset and every UTF-8 string is checked before a batch is handed out); Arrow Java "
            + "checks neither.";

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
        String f = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f";
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
