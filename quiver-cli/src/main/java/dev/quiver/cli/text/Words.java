package dev.quiver.cli.text;

import java.util.Locale;

/**
 * Numbers and words in human output, one rule everywhere: every count, size, length and byte offset is written
 * with thousands separators ({@code 1,178}), whatever the locale; identifiers (batch numbers, dictionary ids,
 * field indices) and values printed from data are not. Nouns agree with their count ("1 field", "2 batches").
 * JSON output has plain numbers.
 */
public final class Words {
    private Words() {}

    /** {@code n} with thousands separators: {@code 1,073,741,824}. */
    public static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code n} and the noun that agrees with it: {@code count(1, "batch", "batches")} is "1 batch". */
    public static String count(long n, String one, String many) {
        return number(n) + " " + (n == 1 ? one : many);
    }

    /** As {@link #count(long, String, String)} for nouns whose plural adds an s: "1 row", "2 rows". */
    public static String count(long n, String one) {
        return count(n, one, one + "s");
    }

    /** "1 batch", "2 batches". */
    public static String batches(long n) {
        return count(n, "batch", "batches");
    }

    /** "1 record batch", "2 record batches". */
    public static String recordBatches(long n) {
        return count(n, "record batch", "record batches");
    }

    /** "1 dictionary batch", "2 dictionary batches". */
    public static String dictionaryBatches(long n) {
        return count(n, "dictionary batch", "dictionary batches");
    }

    /** "1 byte", "904 bytes". */
    public static String bytes(long n) {
        return count(n, "byte");
    }

    /** "1 row", "1,000 rows". */
    public static String rows(long n) {
        return count(n, "row");
    }
}
