package dev.quiver.ipc;

import dev.quiver.QuiverException;
import dev.quiver.array.Array;
import dev.quiver.array.RecordBatch;
import dev.quiver.testing.TestData;
import dev.quiver.validate.ValidationLevel;
import dev.quiver.validate.Validator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link Recovery} on hostile bytes: the inputs of {@code arrow-testing/fuzz} (found by fuzzing Arrow C++'s
 * readers) and seeded random damage to gold files and streams (bytes overwritten, zeroed, inserted, deleted,
 * repeated). Every outcome is either an {@link QuiverException} that says where (only when no schema can be read)
 * or a complete report that covers the input, whose kept batches validate FULL again and give every value
 * through the typed getters; never another exception, a hang, or an allocation out of proportion to the input.
 */
class RecoveryHostileInputTest {
    private static final int MUTATIONS_PER_INPUT = 100;

    @TestFactory
    List<DynamicTest> fuzzCorpus() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String kind : new String[] {"stream", "file"}) {
            for (Path f : TestData.fuzzInputs(kind)) {
                tests.add(DynamicTest.dynamicTest(kind + "/" + f.getFileName(), () -> assertTimeoutPreemptively(
                        Duration.ofSeconds(20), () -> check(f.toString(), Files.readAllBytes(f)))));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> randomDamageToGoldInputs() {
        List<DynamicTest> tests = new ArrayList<>();
        String[][] cases = {{"cpp-21.0.0", "primitive"}, {"cpp-21.0.0", "nested"}, {"cpp-21.0.0", "dictionary"},
                {"cpp-21.0.0", "nested_dictionary"}, {"cpp-21.0.0", "binary_view"}, {"cpp-21.0.0", "list_view"},
                {"cpp-21.0.0", "union"}, {"cpp-21.0.0", "run_end_encoded"}, {"2.0.0-compression", "lz4"},
                {"2.0.0-compression", "zstd"}, {"4.0.0-shareddict", "shared_dict"}, {"1.0.0-littleendian", "map"}};
        for (String[] c : cases) {
            for (String suffix : new String[] {".arrow_file", ".stream"}) {
                Path p = TestData.gold(c[0], c[1], suffix);
                tests.add(DynamicTest.dynamicTest(c[0] + "/" + c[1] + suffix, () -> assertTimeoutPreemptively(
                        Duration.ofSeconds(60), () -> damage(p))));
            }
        }
        return tests;
    }

    private static void damage(Path p) throws IOException {
        byte[] intact = Files.readAllBytes(p);
        Random random = new Random(p.getFileName().toString().hashCode());
        for (int i = 0; i < MUTATIONS_PER_INPUT; i++) {
            String[] what = new String[1];
            byte[] damaged = mutate(intact, random, what);
            check(p.getFileName() + " with " + what[0], damaged);
        }
    }

    /** One random kind of damage, described in {@code what[0]}. */
    static byte[] mutate(byte[] in, Random random, String[] what) {
        int at = random.nextInt(in.length);
        int n = 1 + random.nextInt(Math.min(64, in.length - at));
        byte[] out;
        switch (random.nextInt(6)) {
            case 0 -> {
                out = in.clone();
                for (int k = 0; k < 1 + random.nextInt(4); k++) out[random.nextInt(out.length)] = (byte) random.nextInt();
                what[0] = "bytes overwritten";
            }
            case 1 -> {
                out = in.clone();
                Arrays.fill(out, at, at + n, (byte) 0);
                what[0] = n + " bytes zeroed at " + at;
            }
            case 2 -> {
                byte[] garbage = new byte[n];
                random.nextBytes(garbage);
                out = splice(in, at, 0, garbage);
                what[0] = n + " bytes inserted at " + at;
            }
            case 3 -> {
                out = splice(in, at, n, new byte[0]);
                what[0] = n + " bytes deleted at " + at;
            }
            case 4 -> {
                out = splice(in, at, 0, Arrays.copyOfRange(in, at, at + n));
                what[0] = n + " bytes repeated at " + at;
            }
            default -> {
                out = Arrays.copyOf(in, at);
                for (int k = 0; k < 1 + random.nextInt(3); k++) {
                    if (out.length > 0) out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                }
                what[0] = "cut to " + at + " bytes, bits flipped";
            }
        }
        return out;
    }

    private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
        byte[] out = new byte[in.length - remove + insert.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(in, at + remove, out, at + insert.length, in.length - at - remove);
        return out;
    }

    private static void check(String what, byte[] bytes) {
        long before = allocated();
        try (Recovery r = Recovery.of(MemorySegment.ofArray(bytes), what, IpcReadOptions.DEFAULT)) {
            for (RecordBatch b : r) {
                try (b) {
                    Validator.validate(b, ValidationLevel.FULL);
                    for (Array a : b.columns()) {
                        for (int i = 0; i < a.length(); i++) a.getObject(i);
                    }
                }
            }
            RecoveryReportAssert.tiles(r.report());
        } catch (QuiverException e) {
            assertTrue(e.getMessage().startsWith("nothing can be recovered"), what + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("(" + what + ", at byte "), what + ": " + e.getMessage());
        } catch (RuntimeException e) {
            fail(what + " raised " + e, e);
        }
        long allocated = allocated() - before;
        assertTrue(allocated < (16L << 20) + 64L * bytes.length, what + ": allocated " + allocated + " bytes for "
                + bytes.length);
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
