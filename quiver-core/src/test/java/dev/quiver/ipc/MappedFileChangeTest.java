package dev.quiver.ipc;

import dev.quiver.testing.ChildJvm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Defect 2 of issue 8: a file truncated, overwritten or rewritten while a reader has it memory-mapped must give
 * batches or documented {@link dev.quiver.QuiverException}s through the reader, never a JVM crash (native code
 * reading the mapping) nor the JVM's {@code InternalError}. Runs {@link MappedFileChange} in a child JVM.
 */
class MappedFileChangeTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"none", "lz4", "zstd"})
    void filesChangingUnderAMappedReaderGiveOnlyBatchesOrQuiverExceptions(String codec) {
        String out = ChildJvm.run(ChildJvm.main(MappedFileChange.class, codec)).assertSucceeded();
        assertTrue(out.contains("codec " + codec + ": only batches and QuiverExceptions"), out);
        assertTrue(out.contains("FileChangedException"), "the change is reported as such:\n" + out);
        String message = out.lines().filter(l -> l.startsWith("message: ")).findFirst().orElseThrow();
        assertTrue(message.matches("message: the file changed while it was mapped: it is now \\d+ bytes, it was \\d+ "
                + "bytes when the reader opened it \\(/.*quiver-mapped-change.*\\)"), message);
    }
}
