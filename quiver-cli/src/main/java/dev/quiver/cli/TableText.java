package dev.quiver.cli;

import dev.quiver.cli.text.DisplayWidth;

import java.io.PrintWriter;
import java.util.List;

/**
 * Writes rows as an aligned text table, one column per field, fitted to a width: columns are aligned by the columns
 * their text takes on a terminal (a CJK character takes two); when the table is wider than the width, the widest
 * columns are narrowed first, cells cut with an ellipsis, and when even narrow columns do not fit, the last columns
 * are left out and a final {@code …} column says so.
 */
final class TableText {
    /** Narrowest a column is cut to (or its own width, when smaller). */
    static final int MIN_COLUMN = 6;
    private static final String SEP = " | ";

    private TableText() {}

    /** How many columns were shown. */
    static int print(String[] header, List<String[]> rows, int width, PrintWriter out) {
        int cols = header.length;
        int[] natural = new int[cols];
        for (int c = 0; c < cols; c++) natural[c] = DisplayWidth.of(header[c]);
        for (String[] r : rows) for (int c = 0; c < cols; c++) natural[c] = Math.max(natural[c], DisplayWidth.of(r[c]));
        int[] w = fit(natural, width);
        int shown = w.length;
        boolean cut = shown < cols;
        out.println(line(header, w, cut));
        out.println(rule(w, cut));
        for (String[] r : rows) out.println(line(r, w, cut));
        return shown;
    }

    /** Column widths that fit {@code width} (0: no limit); fewer than given when not all fit. */
    static int[] fit(int[] natural, int width) {
        int cols = natural.length;
        if (width <= 0 || total(natural, cols, Integer.MAX_VALUE) <= width) return natural.clone();
        // the largest cap X at which every column min(natural, X) fits; at least MIN_COLUMN
        int lo = MIN_COLUMN;
        int hi = 0;
        for (int n : natural) hi = Math.max(hi, n);
        if (total(natural, cols, lo) <= width) {
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (total(natural, cols, mid) <= width) lo = mid; else hi = mid - 1;
            }
            int[] w = new int[cols];
            for (int c = 0; c < cols; c++) w[c] = Math.min(natural[c], lo);
            return w;
        }
        // even narrow columns are too wide: keep as many as fit, with the "…" column after them
        int shown = cols;
        while (shown > 1 && total(natural, shown, MIN_COLUMN) + SEP.length() + 1 > width) shown--;
        int[] w = new int[shown];
        for (int c = 0; c < shown; c++) w[c] = Math.min(natural[c], MIN_COLUMN);
        return w;
    }

    private static int total(int[] natural, int cols, int cap) {
        long t = (long) SEP.length() * Math.max(0, cols - 1);
        for (int c = 0; c < cols; c++) t += Math.min(natural[c], cap);
        return (int) Math.min(Integer.MAX_VALUE, t);
    }

    private static String line(String[] cells, int[] w, boolean cut) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < w.length; c++) {
            if (c > 0) sb.append(SEP);
            String cell = DisplayWidth.clip(cells[c], w[c]);
            sb.append(c < w.length - 1 || cut ? DisplayWidth.padRight(cell, w[c]) : cell);
        }
        if (cut) sb.append(SEP).append(DisplayWidth.ELLIPSIS);
        return sb.toString();
    }

    private static String rule(int[] w, boolean cut) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < w.length; c++) {
            if (c > 0) sb.append("-+-");
            sb.append("-".repeat(w[c]));
        }
        if (cut) sb.append("-+-").append("-");
        return sb.toString();
    }
}
