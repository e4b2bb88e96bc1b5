package dev.quiver.interop;

import java.util.List;

/** The cpp-21.0.0 gold cases exchanged with Arrow Java, and those it cannot read. */
final class GoldCases {
    private GoldCases() {}

    static final String FOLDER = "cpp-21.0.0";

    /** Every case here is read and written by both libraries. */
    static final List<String> SUPPORTED = List.of("primitive", "primitive_zerolength", "primitive_no_batches",
            "binary", "binary_zerolength", "binary_no_batches", "large_binary", "datetime", "duration", "decimal",
            "decimal256", "interval", "interval_mdn", "null", "null_trivial", "custom_metadata", "recursive_nested", "nested_large_offsets", "binary_view");

    /**
     * Also written by Quiver and read by Arrow Java. The other way round fails in the test's Arrow Java writer
     * (it writes unions with V4 metadata and has no dictionary provider).
     */
    static final List<String> QUIVER_TO_ARROW_JAVA = List.of("union", "dictionary", "dictionary_unsigned",
            "nested_dictionary", "extension");

    /**
     * Also written by Arrow Java and read by Quiver. The other way round fails in Arrow Java 19's full validation
     * of what it reads (fixed_size_list offsets, map type check, no validator for list views and run-end encoded).
     */
    static final List<String> ARROW_JAVA_TO_QUIVER = List.of("nested", "map", "map_non_canonical", "list_view",
            "run_end_encoded");

    /**
     * Decimal with a bit width of 32 or 64 (format/Schema.fbs, added in Arrow 18): Arrow Java 19 has no vector
     * for them, so it can neither read these files nor write them; {@code ArrowJavaLimitsTest} pins this.
     */
    static final List<String> UNSUPPORTED_BY_ARROW_JAVA = List.of("decimal32", "decimal64");

    /** {@link #SUPPORTED} followed by {@code extra}. */
    static List<String> with(List<String> extra) {
        return java.util.stream.Stream.concat(SUPPORTED.stream(), extra.stream()).toList();
    }
}
