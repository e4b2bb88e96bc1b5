package dev.quiver.cli;

import dev.quiver.array.Array;
import dev.quiver.array.RecordBatch;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Writes the first rows of a record batch as an aligned text table, one column per field. */
final class TableText {
    private TableText() {}

    static void print(RecordBatch batch, int limit, PrintWriter out) {
        int n = Math.min(limit, batch.numRows());
        int cols = batch.numColumns();
        List<String[]> lines = new ArrayList<>(n + 1);
        String[] header = new String[cols];
        for (int c = 0; c < cols; c++) header[c] = Cells.clip(Cells.escape(batch.schema().field(c).name()), Cells.MAX_WIDTH);
        lines.add(header);
        for (int r = 0; r < n; r++) {
            String[] line = new String[cols];
            for (int c = 0; c < cols; c++) {
                Array a = batch.column(c);
                line[c] = Cells.cell(a.getDisplayObject(r));
            }
            lines.add(line);
        }
        int[] width = new int[cols];
        for (String[] line : lines) {
            for (int c = 0; c < cols; c++) width[c] = Math.max(width[c], length(line[c]));
        }
        for (int i = 0; i < lines.size(); i++) {
            out.println(join(lines.get(i), width));
            if (i == 0) out.println(rule(width));
        }
        if (batch.numRows() > n) {
            out.printf("... %,d more row%s%n", batch.numRows() - n, batch.numRows() - n == 1 ? "" : "s");
        }
    }

    private static String join(String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) sb.append(" | ");
            sb.append(cells[c]);
            if (c < cells.length - 1) sb.append(" ".repeat(width[c] - length(cells[c])));
        }
        return sb.toString();
    }

    private static String rule(int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            if (c > 0) sb.append("-+-");
            sb.append("-".repeat(width[c]));
        }
        return sb.toString();
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
