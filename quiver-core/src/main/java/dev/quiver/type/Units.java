package dev.quiver.type;

final class Units {
    private Units() {}

    static String abbrev(ArrowTimeUnit unit) {
        return switch (unit) {
            case SECOND -> "s";
            case MILLISECOND -> "ms";
            case MICROSECOND -> "us";
            case NANOSECOND -> "ns";
        };
    }
}
