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
 *                   buffers of 256 KiB or more and on machines with more than one core
 */
public record IpcReadOptions(ValidationLevel validation, IpcLimits limits, boolean useThreads) {
    public static final IpcReadOptions DEFAULT = new IpcReadOptions(ValidationLevel.FULL, IpcLimits.DEFAULT, true);

    public IpcReadOptions {
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(limits, "limits");
    }

    public static IpcReadOptions defaults() { return DEFAULT; }

    public IpcReadOptions withValidation(ValidationLevel v) { return new IpcReadOptions(v, limits, useThreads); }
    public IpcReadOptions withLimits(IpcLimits l) { return new IpcReadOptions(validation, l, useThreads); }
    public IpcReadOptions withUseThreads(boolean threads) { return new IpcReadOptions(validation, limits, threads); }
}
