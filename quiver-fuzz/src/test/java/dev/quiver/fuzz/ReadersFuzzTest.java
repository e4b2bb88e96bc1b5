package dev.quiver.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.quiver.InvalidDataException;
import dev.quiver.QuiverException;
import dev.quiver.array.Array;
import dev.quiver.array.ArrayData;
import dev.quiver.array.RecordBatch;
import dev.quiver.ipc.Ipc;
import dev.quiver.ipc.IpcReadOptions;
import dev.quiver.ipc.RecordBatchFileReader;
import dev.quiver.ipc.RecordBatchReader;
import dev.quiver.ipc.RecordBatchStreamReader;
import dev.quiver.ipc.StreamDecoder;
import dev.quiver.json.IntegrationJson;
import dev.quiver.json.JsonBatch;
import dev.quiver.json.JsonFile;
import dev.quiver.testing.GetterContract;
import dev.quiver.type.Field;
import dev.quiver.validate.ValidationLevel;
import dev.quiver.validate.Validator;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzz targets (Jazzer) for every reader of untrusted input, each at validation level FULL, BASIC
 * and NONE on every input: the file reader over memory and over a mapped file, the stream reader over memory, over
 * a channel and over an InputStream that returns short reads, the push decoder fed in small chunks, and the
 * integration JSON reader. Whatever is read has every value touched through every typed getter
 * ({@link GetterContract}).
 *
 * <p>The contract: reading throws nothing but {@link QuiverException}, and the getters only what
 * {@link ValidationLevel} documents for the level; any other exception (or an error, a hang, an allocation out of
 * proportion to the input) is a finding. Without {@code JAZZER_FUZZ} each target runs as a regression test on the
 * empty input, the seeds below and the inputs committed under {@code ReadersFuzzTestInputs/<target>/}; with it
 * (one target per JVM, see the module's pom and {@code bin/fuzz}) Jazzer mutates from those seeds. Seeds: the gold
 * files of arrow-testing's integration folders and its fuzz corpus (found as {@link dev.quiver.testing.TestData}
 * says; inputs over {@value #MAX_SEED} bytes are left out to keep the fuzzer fast).
 */
class ReadersFuzzTest {
    static final int MAX_SEED = 64 << 10;
    /** Slots checked per array (and per child array): fuzz inputs can declare lengths far beyond their bytes. */
    private static final int MAX_SLOTS = 2048;
    private static final ValidationLevel[] LEVELS = ValidationLevel.values();

    // ---- the targets ---------------------------------------------------------------------------------

    @MethodSource("fileSeeds")
    @FuzzTest(maxDuration = "20s")
    void fileReader(byte[] input) {
        for (ValidationLevel level : LEVELS) {
            bounded(input, level, () -> {
                try (RecordBatchFileReader r = Ipc.openFile(MemorySegment.ofArray(input), options(level), "fuzz")) {
                    readAll(r, level);
                }
            });
        }
    }

    @MethodSource("fileSeeds")
    @FuzzTest(maxDuration = "20s")
    void mappedFileReader(byte[] input) throws IOException {
        Path file = scratch();
        Files.write(file, input);
        for (ValidationLevel level : LEVELS) {
            bounded(input, level, () -> {
                try (RecordBatchFileReader r = Ipc.openFile(file, options(level).withMemoryMap(true))) {
                    readAll(r, level);
                }
            });
        }
    }

    @MethodSource("streamSeeds")
    @FuzzTest(maxDuration = "20s")
    void streamReader(byte[] input) {
        for (ValidationLevel level : LEVELS) {
            bounded(input, level, () -> {
                try (RecordBatchStreamReader r = Ipc.openStream(MemorySegment.ofArray(input), options(level))) {
                    readAll(r, level);
                }
            });
        }
    }

    @MethodSource("streamSeeds")
    @FuzzTest(maxDuration = "20s")
    void streamReaderOverChannel(byte[] input) {
        for (ValidationLevel level : LEVELS) {
            bounded(input, level, () -> {
                try (RecordBatchStreamReader r = Ipc.openStream(Channels.newChannel(new ByteArrayInputStream(input)),
                        options(level))) {
                    readAll(r, level);
                }
            });
            bounded(input, level, () -> {
                try (RecordBatchStreamReader r = Ipc.openStream(new ShortReads(input), options(level), "fuzz")) {
                    readAll(r, level);
                }
            });
        }
    }

    @MethodSource("streamSeeds")
    @FuzzTest(maxDuration = "20s")
    void streamDecoder(byte[] input) {
        for (ValidationLevel level : LEVELS) {
            bounded(input, level, () -> {
                List<RecordBatch> batches = new ArrayList<>();
                try (StreamDecoder d = new StreamDecoder(new StreamDecoder.Listener() {
                    @Override public void onRecordBatch(RecordBatch batch) { batches.add(batch); }
                }, options(level), "fuzz")) {
                    // chunks of 1 to 13 bytes, in a pattern that depends on the input
                    int at = 0;
                    for (int k = input.length; at < input.length && !d.isEnded(); k++) {
                        int n = Math.min(input.length - at, 1 + Math.floorMod(k * 7 + (input[at] & 0xFF), 13));
                        d.consume(input, at, n);
                        at += n;
                    }
                    if (!d.isEnded()) d.finish();
                    for (RecordBatch b : batches) touch(b, level);
                }
            });
        }
    }

    @MethodSource("jsonSeeds")
    @FuzzTest(maxDuration = "20s")
    void integrationJson(byte[] input) throws IOException {
        JsonFile f;
        try {
            f = IntegrationJson.read(new ByteArrayInputStream(input), "fuzz.json");
            IntegrationJson.toJson(f);
        } catch (QuiverException e) {
            assertNotNull(e.getMessage());
            return;
        }
        for (ValidationLevel level : LEVELS) {
            GetterContract contract = new GetterContract(level, "integration JSON", MAX_SLOTS);
            for (JsonBatch b : f.batches()) {
                for (int c = 0; c < b.columns().size(); c++) {
                    Field field = f.schema().field(c);
                    ArrayData data = b.columns().get(c);
                    try {
                        if (level != ValidationLevel.NONE) Validator.validate(field, data, level);
                    } catch (InvalidDataException e) {
                        continue;
                    }
                    contract.exercise(Array.of(data), 0);
                }
            }
        }
    }

    /** The targets above by number: what {@link #allReaders} dispatches to. */
    static final List<String> TARGETS = List.of("fileReader", "mappedFileReader", "streamReader",
            "streamReaderOverChannel", "streamDecoder", "integrationJson");

    /**
     * All the targets in one, for a time budget in one JVM (Jazzer fuzzes one target per JVM, and starting one
     * costs about as much as 20 seconds of fuzzing): the first byte of the input picks the target (modulo their
     * number, in the order of {@link #TARGETS}), the rest is its input. This is what CI fuzzes.
     */
    @MethodSource("allSeeds")
    @FuzzTest(maxDuration = "120s")
    void allReaders(byte[] input) throws IOException {
        if (input.length == 0 || seedInvocationWhileFuzzing()) return;
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        switch (Math.floorMod(input[0], TARGETS.size())) {
            case 0 -> fileReader(rest);
            case 1 -> mappedFileReader(rest);
            case 2 -> streamReader(rest);
            case 3 -> streamReaderOverChannel(rest);
            case 4 -> streamDecoder(rest);
            default -> integrationJson(rest);
        }
    }

    private static final boolean FUZZING = fuzzing();

    private static boolean fuzzing() {
        String fuzz = System.getenv("JAZZER_FUZZ") != null ? System.getenv("JAZZER_FUZZ") : System.getProperty("JAZZER_FUZZ");
        return fuzz != null && !fuzz.isEmpty() && !fuzz.equals("0") && !fuzz.equalsIgnoreCase("false");
    }

    /**
     * Whether this is JUnit running a seed of {@link #allSeeds} while fuzzing: Jazzer records the seed for libFuzzer
     * before the invocation, and libFuzzer then runs it itself, so running it here too only doubles the start.
     */
    private static boolean seedInvocationWhileFuzzing() {
        return FUZZING && StackWalker.getInstance().walk(frames ->
                frames.noneMatch(f -> f.getClassName().startsWith("com.code_intelligence.jazzer.driver.")));
    }

    // ---- reading and touching ------------------------------------------------------------------------

    private static IpcReadOptions options(ValidationLevel level) {
        // one thread: deterministic, and the allocation bound below counts this thread's allocations
        return IpcReadOptions.DEFAULT.withValidation(level).withUseThreads(false);
    }

    private static void readAll(RecordBatchFileReader r, ValidationLevel level) {
        r.schema();
        for (int i = 0; i < r.numRecordBatches(); i++) {
            try (RecordBatch b = r.recordBatch(i)) {
                touch(b, level);
            }
        }
    }

    private static void readAll(RecordBatchReader r, ValidationLevel level) throws IOException {
        while (true) {
            try (RecordBatch b = r.readNext()) {
                if (b == null) return;
                touch(b, level);
            }
        }
    }

    private static void touch(RecordBatch b, ValidationLevel level) {
        new GetterContract(level, "batch of " + b.numRows() + " rows", MAX_SLOTS).exercise(b);
    }

    interface Read {
        void run() throws IOException;
    }

    /**
     * Runs {@code read}: a {@link QuiverException} is a clean refusal (it must say something); anything else passes
     * through to Jazzer as a finding. Allocation beyond 64 MiB plus 256 times the input is a finding too, when a
     * second run allocates as much (the first run of a new code path also counts loading and instrumenting its
     * classes).
     */
    private static void bounded(byte[] input, ValidationLevel level, Read read) {
        long bound = (64L << 20) + 256L * input.length;
        long used = allocatedBy(read);
        if (used >= bound) used = allocatedBy(read);
        assertTrue(used < bound, "at " + level + ": allocated " + used + " bytes for an input of " + input.length);
    }

    private static long allocatedBy(Read read) {
        long before = allocated();
        try {
            read.run();
        } catch (QuiverException e) {
            assertNotNull(e.getMessage(), "a QuiverException says what is wrong");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return allocated() - before;
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static Path scratchFile;

    private static synchronized Path scratch() throws IOException {
        if (scratchFile == null) {
            scratchFile = Files.createTempFile("quiver-fuzz-", ".arrow");
            scratchFile.toFile().deleteOnExit();
        }
        return scratchFile;
    }

    /** An InputStream that returns 1 to 7 bytes per read. */
    private static final class ShortReads extends InputStream {
        private final byte[] data;
        private int at;
        private int calls;

        ShortReads(byte[] data) { this.data = data; }

        @Override public int read() {
            return at < data.length ? data[at++] & 0xFF : -1;
        }

        @Override public int read(byte[] b, int off, int len) {
            if (len == 0) return 0;
            if (at >= data.length) return -1;
            int n = Math.min(Math.min(len, data.length - at), 1 + calls++ % 7);
            System.arraycopy(data, at, b, off, n);
            at += n;
            return n;
        }
    }

    // ---- seeds ---------------------------------------------------------------------------------------

    static Stream<Arguments> fileSeeds() { return Seeds.ipc(".arrow_file", "file"); }

    static Stream<Arguments> streamSeeds() { return Seeds.ipc(".stream", "stream"); }

    static Stream<Arguments> jsonSeeds() { return Seeds.json(); }

    /**
     * Each seed once, prefixed with the number of a target that reads its format (in turn); none when not fuzzing
     * (the targets above already run every seed as a regression test).
     */
    static Stream<Arguments> allSeeds() {
        if (!FUZZING) return Stream.empty();
        return Stream.of(Seeds.prefixed(fileSeeds(), 0, 1), Seeds.prefixed(streamSeeds(), 2, 3, 4),
                Seeds.prefixed(jsonSeeds(), 5)).flatMap(s -> s);
    }
}
