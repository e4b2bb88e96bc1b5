package dev.quiver.interop;

import java.util.List;

/** The cpp-21.0.0 gold cases exchanged with Arrow Java, and those it cannot read. */
final class GoldCases {
    private GoldCases() {}

    static final String FOLDER = "cpp-21.0.0";

    /** Every case here is read and written by both libraries. */
    static final List<String> SUPPORTED = List.of("primitive", "primitive_zerolength", "primitive_no_batches",
            "binary", "binary_zerolength", "binary_no_batches", "large_binary", "datetime", "duration", "decimal",
            "decimal256", "interval", "interval_mdn", "null", "null_trivial", "custom_metadata");

    /**
     * Decimal with a bit width of 32 or 64 (format/Schema.fbs, added in Arrow 18): Arrow Java 19 has no vector
     * for them, so it can neither read these files nor write them; {@code ArrowJavaLimitsTest} pins this.
     */
    static final List<String> UNSUPPORTED_BY_ARROW_JAVA = List.of("decimal32", "decimal64");
}
