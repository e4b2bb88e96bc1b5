package dev.quiver.cli.text;

/**
 * How many terminal columns text takes: East Asian wide and fullwidth characters (CJK ideographs, kana, Hangul,
 * fullwidth forms) and emoji take two, combining marks and format characters (zero-width joiner...) none, every
 * other character one, as {@code wcwidth} counts them. Used to align tables and to cut cells to a width.
 */
public final class DisplayWidth {
    private DisplayWidth() {}

    /** The ellipsis that ends a cut cell. */
    public static final String ELLIPSIS = "\u2026";

    // [from, to] ranges of wide characters (Unicode East_Asian_Width W and F, and the emoji blocks)
    private static final int[] WIDE = {
            0x1100, 0x115F, 0x231A, 0x231B, 0x2329, 0x232A, 0x23E9, 0x23EC, 0x23F0, 0x23F0, 0x23F3, 0x23F3,
            0x25FD, 0x25FE, 0x2614, 0x2615, 0x2648, 0x2653, 0x267F, 0x267F, 0x2693, 0x2693, 0x26A1, 0x26A1,
            0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4, 0x26C5, 0x26CE, 0x26CE, 0x26D4, 0x26D4, 0x26EA, 0x26EA,
            0x26F2, 0x26F3, 0x26F5, 0x26F5, 0x26FA, 0x26FA, 0x26FD, 0x26FD, 0x2705, 0x2705, 0x270A, 0x270B,
            0x2728, 0x2728, 0x274C, 0x274C, 0x274E, 0x274E, 0x2753, 0x2755, 0x2757, 0x2757, 0x2795, 0x2797,
            0x27B0, 0x27B0, 0x27BF, 0x27BF, 0x2B1B, 0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B55,
            0x2E80, 0x303E, 0x3041, 0x33FF, 0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xA000, 0xA4CF, 0xA960, 0xA97F,
            0xAC00, 0xD7A3, 0xF900, 0xFAFF, 0xFE10, 0xFE19, 0xFE30, 0xFE6F, 0xFF00, 0xFF60, 0xFFE0, 0xFFE6,
            0x16FE0, 0x16FE4, 0x17000, 0x18CFF, 0x1B000, 0x1B2FF, 0x1F004, 0x1F004, 0x1F0CF, 0x1F0CF,
            0x1F18E, 0x1F18E, 0x1F191, 0x1F19A, 0x1F200, 0x1F251, 0x1F300, 0x1F64F, 0x1F680, 0x1F6FF,
            0x1F7E0, 0x1F7EB, 0x1F90C, 0x1F9FF, 0x1FA70, 0x1FAFF, 0x20000, 0x2FFFD, 0x30000, 0x3FFFD,
    };

    /** Columns taken by code point {@code cp}: 0, 1 or 2. */
    public static int of(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || (cp >= 0x1160 && cp <= 0x11FF) /* Hangul medial vowels and final consonants */) {
            return 0;
        }
        if (cp < 0x1100) return 1;
        int lo = 0;
        int hi = WIDE.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cp < WIDE[2 * mid]) hi = mid - 1;
            else if (cp > WIDE[2 * mid + 1]) lo = mid + 1;
            else return 2;
        }
        return 1;
    }

    /** Columns taken by {@code s}. */
    public static int of(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += of(cp);
            i += Character.charCount(cp);
        }
        return w;
    }

    /**
     * {@code s} cut to at most {@code max} columns: unchanged when it fits, else its longest prefix that fits with
     * {@link #ELLIPSIS} after it. {@code max} below 1 gives the empty string.
     */
    public static String clip(String s, int max) {
        if (max <= 0) return "";
        if (of(s) <= max) return s;
        int budget = max - 1; // the ellipsis takes one column
        int w = 0;
        int end = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int cw = of(cp);
            if (w + cw > budget) break;
            w += cw;
            i += Character.charCount(cp);
            end = i;
        }
        return s.substring(0, end) + ELLIPSIS;
    }

    /** {@code s} followed by spaces up to {@code width} columns (unchanged when it is already as wide). */
    public static String padRight(String s, int width) {
        int w = of(s);
        return w >= width ? s : s + " ".repeat(width - w);
    }

    /** Spaces up to {@code width} columns, then {@code s}. */
    public static String padLeft(String s, int width) {
        int w = of(s);
        return w >= width ? s : " ".repeat(width - w) + s;
    }
}
