package dev.quiver.testing;

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
 * Locates the Apache Arrow test data (a checkout of apache/arrow-testing, or the project's shared copy).
 * The path comes from the system property {@code quiver.arrow.testing.dir}, else the environment variable
 * {@code QUIVER_ARROW_TESTING}, else {@code ../shared/arrow-testing} beside the repository. When it is
 * missing, tests fail under CI ({@code CI=true}) and are skipped elsewhere with a message saying where to
 * get the data.
 */
public final class TestData {
    private TestData() {}

    public static Path root() {
        String p = System.getProperty("quiver.arrow.testing.dir");
        if (p == null || p.isBlank()) p = System.getenv("QUIVER_ARROW_TESTING");
        if (p == null || p.isBlank()) p = "../shared/arrow-testing";
        Path root = Path.of(p).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("integration"))) {
            String msg = "Arrow test data not found at " + root + ": set -Dquiver.arrow.testing.dir=DIR or "
                    + "QUIVER_ARROW_TESTING=DIR to a checkout of https://github.com/apache/arrow-testing "
                    + "(the folder with integration/ and fuzz/)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(msg);
            }
            Assumptions.abort(msg);
        }
        return root;
    }

    /** {@code integration/<folder>} of the test data, e.g. {@code integration("cpp-21.0.0")}. */
    public static Path integration(String folder) {
        return root().resolve("integration").resolve(folder);
    }

    /** A gold case file, e.g. {@code gold("cpp-21.0.0", "primitive", ".stream")}. */
    public static Path gold(String folder, String name, String suffix) {
        Path f = integration(folder).resolve("generated_" + name + suffix);
        if (!Files.isRegularFile(f)) Assertions.fail("gold file missing: " + f);
        return f;
    }

    /** The gold folders every integration test covers. */
    public static final List<String> FOLDERS = List.of("cpp-21.0.0", "1.0.0-littleendian", "2.0.0-compression",
            "4.0.0-shareddict");

    /** One gold case: {@code integration/<folder>/generated_<name>.{json.gz,arrow_file,stream}}. */
    public record GoldCase(String folder, String name) {
        public Path json() { return gold(folder, name, ".json.gz"); }
        public Path file() { return gold(folder, name, ".arrow_file"); }
        public Path stream() { return gold(folder, name, ".stream"); }
        @Override public String toString() { return folder + "/" + name; }
    }

    /**
     * Every case of {@link #FOLDERS}, found by listing them (one per {@code generated_*.json.gz}), sorted by
     * folder then name; fails when there is none.
     */
    public static List<GoldCase> goldCases() {
        List<GoldCase> cases = new ArrayList<>();
        for (String folder : FOLDERS) {
            try (Stream<Path> files = Files.list(integration(folder))) {
                files.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith("generated_") && n.endsWith(".json.gz"))
                        .sorted()
                        .forEach(n -> cases.add(new GoldCase(folder,
                                n.substring("generated_".length(), n.length() - ".json.gz".length()))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (cases.isEmpty()) Assertions.fail("no gold cases found under " + root());
        return cases;
    }

    /**
     * The inputs of {@code fuzz/<kind>} ({@code "stream"} or {@code "file"}), found by fuzzing the Arrow C++
     * readers, sorted by name; fails when there is none.
     */
    public static List<Path> fuzzInputs(String kind) {
        Path dir = root().resolve("fuzz").resolve(kind);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) Assertions.fail("no fuzz inputs in " + dir);
        return files;
    }
}
