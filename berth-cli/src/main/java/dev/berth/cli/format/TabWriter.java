package dev.berth.cli.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligns tab-separated cells into columns exactly as Go's text/tabwriter does, which is what
 * docker's tables are made with ({@code minwidth 10, tabwidth 1, padding 3, padchar ' '}; docker
 * top uses minwidth 20).
 *
 * <p>A cell is text terminated by a tab; the text after a line's last tab is not part of any
 * column and is printed as is. Columns are aligned per <em>column block</em>: consecutive lines
 * that have a cell in that column. So a line with fewer cells ends the block for the columns it
 * lacks, just as in Go.
 */
public final class TabWriter {
    private final int minWidth;
    private final int padding;
    private final StringBuilder text = new StringBuilder();

    public TabWriter(int minWidth, int padding) {
        this.minWidth = minWidth;
        this.padding = padding;
    }

    /** Docker's table settings. */
    public static TabWriter forTables() {
        return new TabWriter(10, 3);
    }

    public TabWriter write(String s) {
        text.append(s);
        return this;
    }

    /** Formats everything written so far. */
    public String flush() {
        List<List<String>> lines = new ArrayList<>();
        String all = text.toString();
        text.setLength(0);
        int start = 0;
        while (start <= all.length()) {
            int nl = all.indexOf('\n', start);
            String line = nl < 0 ? all.substring(start) : all.substring(start, nl);
            if (nl < 0 && line.isEmpty()) break;
            List<String> cells = new ArrayList<>();
            int cs = 0;
            int tab;
            while ((tab = line.indexOf('\t', cs)) >= 0) {
                cells.add(line.substring(cs, tab));
                cs = tab + 1;
            }
            cells.add(line.substring(cs));
            lines.add(cells);
            if (nl < 0) break;
            start = nl + 1;
        }
        boolean endsWithNewline = all.endsWith("\n");
        StringBuilder out = new StringBuilder();
        format(out, lines, new ArrayList<>(), 0, lines.size());
        if (!endsWithNewline && !out.isEmpty()) out.setLength(out.length() - 1);
        return out.toString();
    }

    private void format(StringBuilder out, List<List<String>> lines, List<Integer> widths, int line0, int line1) {
        int column = widths.size();
        for (int i = line0; i < line1; i++) {
            if (column >= lines.get(i).size() - 1) continue;
            // a cell exists in this column: print the lines before the block, then size the block
            writeLines(out, lines, widths, line0, i);
            line0 = i;
            int width = minWidth;
            for (; i < line1; i++) {
                List<String> cells = lines.get(i);
                if (column >= cells.size() - 1) break;
                width = Math.max(width, runes(cells.get(column)) + padding);
            }
            widths.add(width);
            format(out, lines, widths, line0, i);
            widths.removeLast();
            line0 = i;
            i--;
        }
        writeLines(out, lines, widths, line0, line1);
    }

    private void writeLines(StringBuilder out, List<List<String>> lines, List<Integer> widths, int from, int to) {
        for (int i = from; i < to; i++) {
            List<String> cells = lines.get(i);
            for (int j = 0; j < cells.size(); j++) {
                String c = cells.get(j);
                out.append(c);
                if (j < widths.size() && j < cells.size() - 1) out.append(" ".repeat(Math.max(0, widths.get(j) - runes(c))));
            }
            out.append('\n');
        }
    }

    private static int runes(String s) {
        return s.codePointCount(0, s.length());
    }
}
