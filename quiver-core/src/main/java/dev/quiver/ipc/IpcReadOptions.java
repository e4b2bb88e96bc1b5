package dev.quiver.ipc;

import dev.quiver.validate.ValidationLevel;

import java.util.Objects;

/**
 * How to read IPC data. Immutable: start from {@link #DEFAULT} and change one setting at a time with the
 * {@code withX} methods.
 *
 * @param validation how thoroughly decoded arrays are checked before they are handed out (default FULL: every
 *                   offset, UTF-8 string and dictionary index is checked; see {@link ValidationLevel} for what each
 *                   level checks and what the getters may throw afterwards)
 * @param limits     limits on untrusted sizes
 * @param useThreads decompress the large buffers of a compressed batch in parallel on a shared pool of one
 *                   thread per core (as Arrow C++'s {@code use_threads}); on by default, it only acts on
 *                   buffers of 256 KiB or more and on machines with more than one core. When a batch has two such
 *                   buffers or more, an LZ4 buffer of 1 MiB or more written with independent blocks (as Quiver
 *                   writes it) also has its blocks decoded in parallel on that pool; linked blocks (as Arrow C++
 *                   writes them) are decoded in order
 * @param memoryMap  whether a file opened from a path ({@link Ipc#openFile(java.nio.file.Path, IpcReadOptions)},
 *                   and a regular file holding a stream, {@link Ipc#openStream(java.nio.file.Path, IpcReadOptions)})
 *                   is memory-mapped (the default) or read into memory. A mapped reader hands out batches that
 *                   are views of the file's pages: nothing is copied and the operating system pages the file in
 *                   as it is read. If the file changes on disk while it is mapped, the reader sees the change:
 *                   a read through the reader (decoding, validation) that meets bytes cut off by a truncation
 *                   throws {@link dev.quiver.FileChangedException}, and one that meets bytes overwritten in place
 *                   sees them as they are now (usually an {@link dev.quiver.InvalidDataException}); a batch
 *                   already handed out may show the new bytes, and reading its values beyond a truncation throws
 *                   the JVM's {@link InternalError}. Native code never reads the mapping, so no change on disk
 *                   can crash the JVM. Without mapping the file is read once, when the reader opens, into
 *                   memory that the reader owns: later changes do not affect it, at the cost of reading (and
 *                   holding) the whole file up front; a stream is then read message by message.
 * @param backgroundUnmap whether closing a reader of a mapped file unmaps it on a background thread, or before
 *                   {@code close()} returns (the default). Either way the reader and its batches refuse
 *                   access as soon as {@code close()} is called ({@link IllegalStateException}), and no read can
 *                   crash; in the background, an array still held after the close reads the file for the few
 *                   microseconds until the mapping goes, and the caller does not wait for the JVM's handshake
 *                   with all its threads that closing shared memory takes (about 90 µs). Turn it off when the
 *                   mapping must be gone once {@code close()} returns (for instance before the file is deleted on
 *                   a system that refuses to delete mapped files); {@code -Dquiver.backgroundUnmap=true} turns it on in
 *                   {@link #DEFAULT}.
 */
public record IpcReadOptions(ValidationLevel validation, IpcLimits limits, boolean useThreads, boolean memoryMap,
                             boolean backgroundUnmap) {
    public static final IpcReadOptions DEFAULT = new IpcReadOptions(ValidationLevel.FULL, IpcLimits.DEFAULT, true, true,
            Boolean.getBoolean("quiver.backgroundUnmap"));

    public IpcReadOptions {
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(limits, "limits");
    }

    /** Options with memory mapping on. */
    public IpcReadOptions(ValidationLevel validation, IpcLimits limits, boolean useThreads) {
        this(validation, limits, useThreads, true);
    }

    /** Options that unmap as {@link #DEFAULT} does (before close returns, unless {@code -Dquiver.backgroundUnmap=true}). */
    public IpcReadOptions(ValidationLevel validation, IpcLimits limits, boolean useThreads, boolean memoryMap) {
        this(validation, limits, useThreads, memoryMap, DEFAULT.backgroundUnmap);
    }

    public static IpcReadOptions defaults() { return DEFAULT; }

    public IpcReadOptions withValidation(ValidationLevel v) {
        return new IpcReadOptions(v, limits, useThreads, memoryMap, backgroundUnmap);
    }
    public IpcReadOptions withLimits(IpcLimits l) {
        return new IpcReadOptions(validation, l, useThreads, memoryMap, backgroundUnmap);
    }
    public IpcReadOptions withUseThreads(boolean threads) {
        return new IpcReadOptions(validation, limits, threads, memoryMap, backgroundUnmap);
    }
    /** Memory-map files opened from a path (true, the default), or read them into memory (false). */
    public IpcReadOptions withMemoryMap(boolean map) {
        return new IpcReadOptions(validation, limits, useThreads, map, backgroundUnmap);
    }
    /** Unmap a closed reader's file on a background thread (true), or before close returns (false, the default). */
    public IpcReadOptions withBackgroundUnmap(boolean background) {
        return new IpcReadOptions(validation, limits, useThreads, memoryMap, background);
    }
}
