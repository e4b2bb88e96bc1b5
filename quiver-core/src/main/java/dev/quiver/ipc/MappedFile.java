package dev.quiver.ipc;

import dev.quiver.FileChangedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file that a reader has memory-mapped, with its size when mapped: turns what a change on disk does to a read
 * through the reader into a {@link FileChangedException}. A mapped page beyond the new end of a truncated file
 * makes the JVM throw {@link InternalError} ("a fault occurred in an unsafe memory access operation") from the
 * Java access that touched it; native code never reads the mapping, so nothing else can happen to the process.
 * Any other failure of a read while the file's size differs from the mapped size is reported the same way.
 */
record MappedFile(Path path, long size) {

    /**
     * The exception to throw for {@code failure}, raised by a read through the reader: a
     * {@link FileChangedException} when the file changed, else {@code failure} itself (an {@link Error} that is
     * not a fault in the mapping is rethrown).
     */
    RuntimeException translate(Throwable failure) {
        if (failure instanceof InternalError e && isMappingFault(e)) return changed(e);
        if (failure instanceof RuntimeException r) {
            if (r instanceof IllegalStateException || r instanceof FileChangedException || !sizeChanged()) return r;
            return changed(r);
        }
        if (failure instanceof Error e) throw e;
        throw new IllegalStateException(failure);
    }

    /** The JVM's message for a fault in an unsafe (here: mapped) memory access. */
    static boolean isMappingFault(InternalError e) {
        return e.getMessage() != null && e.getMessage().contains("unsafe memory access");
    }

    private boolean sizeChanged() {
        try {
            return Files.size(path) != size;
        } catch (IOException e) {
            return true;
        }
    }

    private FileChangedException changed(Throwable cause) {
        String now;
        try {
            now = "it is now " + Files.size(path) + " bytes";
        } catch (IOException e) {
            now = "it can no longer be read (" + e.getMessage() + ")";
        }
        return new FileChangedException("the file changed while it was mapped: " + now + ", it was " + size
                + " bytes when the reader opened it", path.toString(), cause);
    }
}
