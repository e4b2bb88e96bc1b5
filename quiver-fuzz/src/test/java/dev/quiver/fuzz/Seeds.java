package dev.quiver.fuzz;

import dev.quiver.testing.TestData;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The seeds of the fuzz targets, read from the shared Arrow test data ({@link TestData#root()}: the system
 * property {@code quiver.arrow.testing.dir}, else {@code QUIVER_ARROW_TESTING}, else {@code ../shared/arrow-testing};
 * under {@code CI=true} a missing copy fails): every gold file of the given suffix in the integration folders, the
 * inputs of {@code fuzz/<kind>}, and for JSON the gold documents decompressed; each at most
 * {@link ReadersFuzzTest#MAX_SEED} bytes. Nothing is copied into the repository.
 */
final class Seeds {
    private Seeds() {}

    static Stream<Arguments> ipc(String suffix, String fuzzKind) {
        List<Arguments> seeds = new ArrayList<>();
        for (TestData.GoldCase c : TestData.goldCases()) {
            Path f = TestData.gold(c.folder(), c.name(), suffix);
            add(seeds, c + suffix, read(f));
        }
        for (Path f : TestData.fuzzInputs(fuzzKind)) add(seeds, "fuzz/" + fuzzKind + "/" + f.getFileName(), read(f));
        return seeds.stream();
    }

    static Stream<Arguments> json() {
        List<Arguments> seeds = new ArrayList<>();
        for (TestData.GoldCase c : TestData.goldCases()) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(c.json()))) {
                add(seeds, c + ".json", in.readNBytes(ReadersFuzzTest.MAX_SEED + 1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return seeds.stream();
    }

    /** {@code seeds} with a first byte naming the target, taken from {@code targets} in turn. */
    static Stream<Arguments> prefixed(Stream<Arguments> seeds, int... targets) {
        int[] next = {0};
        return seeds.map(a -> {
            @SuppressWarnings("unchecked")
            Named<byte[]> seed = (Named<byte[]>) a.get()[0];
            int target = targets[next[0]++ % targets.length];
            byte[] bytes = new byte[seed.getPayload().length + 1];
            bytes[0] = (byte) target;
            System.arraycopy(seed.getPayload(), 0, bytes, 1, seed.getPayload().length);
            return Arguments.of(Named.of(ReadersFuzzTest.TARGETS.get(target) + ": " + seed.getName(), bytes));
        });
    }

    private static void add(List<Arguments> seeds, String name, byte[] bytes) {
        if (bytes.length <= ReadersFuzzTest.MAX_SEED) seeds.add(Arguments.of(Named.of(name, bytes)));
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
