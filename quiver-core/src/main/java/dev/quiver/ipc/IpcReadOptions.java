package dev.quiver.ipc;

import dev.quiver.validate.ValidationLevel;

import java.util.Objects;

/**
 * How to read IPC data.
 *
 * @param validation how thoroughly decoded arrays are checked before they are handed out (default FULL:
 *                   every offset and UTF-8 string is checked, so typed access can never fail on bad bytes)
 * @param limits     limits on untrusted sizes
 */
public record IpcReadOptions(ValidationLevel validation, IpcLimits limits) {
    public static final IpcReadOptions DEFAULT = new IpcReadOptions(ValidationLevel.FULL, IpcLimits.DEFAULT);

    public IpcReadOptions {
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(limits, "limits");
    }

    public static IpcReadOptions defaults() { return DEFAULT; }

    public IpcReadOptions withValidation(ValidationLevel v) { return new IpcReadOptions(v, limits); }
    public IpcReadOptions withLimits(IpcLimits l) { return new IpcReadOptions(validation, l); }
}
