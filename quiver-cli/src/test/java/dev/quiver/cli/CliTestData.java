package dev.quiver.cli;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds Apache Arrow's gold files (apache/arrow-testing) for the CLI tests, the same way quiver-core's
 * {@code dev.quiver.testing.TestData} does: system property {@code quiver.arrow.testing.dir} (set by the build),
 * else environment variable {@code QUIVER_ARROW_TESTING}, else {@code ../shared/arrow-testing}. Missing data
 * fails the test under CI and skips it elsewhere.
 */
final class CliTestData {
    private CliTestData() {}

    static Path root() {
        String dir = System.getProperty("quiver.arrow.testing.dir");
        if (dir == null || dir.isBlank()) dir = System.getenv("QUIVER_ARROW_TESTING");
        if (dir == null || dir.isBlank()) dir = "../shared/arrow-testing";
        Path root = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("integration"))) {
            String why = "Arrow test data not found at " + root + ": point -Dquiver.arrow.testing.dir or "
                    + "QUIVER_ARROW_TESTING at a checkout of https://github.com/apache/arrow-testing";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(why);
            Assumptions.abort(why);
        }
        return root;
    }

    /** The gold folders every integration test covers. */
    static final List<String> FOLDERS = List.of("cpp-21.0.0", "1.0.0-littleendian", "2.0.0-compression",
            "4.0.0-shareddict");

    /** One gold case: {@code integration/<folder>/generated_<name>.{json.gz,arrow_file,stream}}. */
    record GoldCase(String folder, String name) {
        Path json() { return gold(folder, name, ".json.gz"); }
        Path file() { return gold(folder, name, ".arrow_file"); }
        Path stream() { return gold(folder, name, ".stream"); }
        @Override public String toString() { return folder + "/" + name; }
    }

    /** Every case of {@link #FOLDERS}, found by listing them (one per {@code generated_*.json.gz}), sorted. */
    static List<GoldCase> goldCases() {
        List<GoldCase> cases = new ArrayList<>();
        for (String folder : FOLDERS) {
            Path dir = root().resolve("integration").resolve(folder);
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith("generated_") && n.endsWith(".json.gz"))
                        .sorted()
                        .forEach(n -> cases.add(new GoldCase(folder,
                                n.substring("generated_".length(), n.length() - ".json.gz".length()))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cases;
    }

    /** {@code integration/<folder>/generated_<name><suffix>}, e.g. {@code gold("cpp-21.0.0", "primitive", ".stream")}. */
    static Path gold(String folder, String name, String suffix) {
        Path f = root().resolve("integration").resolve(folder).resolve("generated_" + name + suffix);
        if (!Files.isRegularFile(f)) Assertions.fail("gold file missing: " + f);
        return f;
    }
}
