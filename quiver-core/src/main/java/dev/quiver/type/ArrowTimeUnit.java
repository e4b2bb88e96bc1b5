package dev.quiver.type;

/** {@code ArrowTimeUnit} as in {@code format/Schema.fbs}; ordinals equal the Flatbuffers enum values. */
public enum ArrowTimeUnit {
    SECOND, MILLISECOND, MICROSECOND, NANOSECOND;

    /** How many of this unit make a second: 1, 1 000, 1 000 000 or 1 000 000 000. */
    public long perSecond() {
        return switch (this) {
            case SECOND -> 1L;
            case MILLISECOND -> 1_000L;
            case MICROSECOND -> 1_000_000L;
            case NANOSECOND -> 1_000_000_000L;
        };
    }

    /** The symbol Arrow writes for the unit: {@code s}, {@code ms}, {@code us}, {@code ns}. */
    public String symbol() {
        return switch (this) {
            case SECOND -> "s";
            case MILLISECOND -> "ms";
            case MICROSECOND -> "us";
            case NANOSECOND -> "ns";
        };
    }
}
