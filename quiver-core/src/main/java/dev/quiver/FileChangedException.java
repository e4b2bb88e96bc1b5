package dev.quiver;

/**
 * A file changed on disk (it was truncated, or rewritten shorter) while a reader had it memory-mapped, so that
 * reading through the reader found bytes missing: the JVM's report of the fault, an {@link InternalError},
 * becomes this exception, which names the file and its sizes. An {@link InvalidDataException}: the bytes the
 * reader holds no longer form the file it opened. Batches read before the change may still be read, but the
 * values of a mapped batch may then have changed too, or be unreadable; read files that may change with
 * {@link dev.quiver.ipc.IpcReadOptions#withMemoryMap(boolean) withMemoryMap(false)}.
 */
public class FileChangedException extends InvalidDataException {
    public FileChangedException(String detail, String resource, Throwable cause) {
        super(detail, resource, -1, null, cause);
    }
}
