package dev.quiver.ipc;

import dev.quiver.testing.ChildJvm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Defect 1 of issue 8: closing a file reader while other threads read from it must never crash the JVM, on any
 * codec, with or without parallel decompression. The race runs in a child JVM ({@link ReaderCloseRace}), so a
 * crash fails this test with the JVM's crash log instead of killing the build.
 */
class ReaderCloseRaceTest {

    @ParameterizedTest(name = "{0}, useThreads {1}")
    @CsvSource({"none, false", "none, true", "lz4, false", "lz4, true", "zstd, false", "zstd, true"})
    void closingWhileEightThreadsReadGivesOnlyBatchesOrIllegalStateException(String codec, boolean useThreads) {
        String out = ChildJvm.run(ChildJvm.main(ReaderCloseRace.class, codec, String.valueOf(useThreads), "1000")
                .heap("512m")).assertSucceeded();
        assertTrue(out.contains("codec " + codec), out);
    }
}
