package dev.berth.cli.help;

import java.util.ArrayList;
import java.util.List;

/**
 * The option list of a help page, laid out as spf13/pflag's {@code FlagUsagesWrapped} does for
 * docker: {@code "  -a, --attach list"} or {@code "      --add-host list"}, descriptions starting two
 * columns after the longest flag, wrapped to the width with pflag's "no short orphan" slop.
 */
public final class FlagUsages {
    /** One option: short name without dash (or null), long name without dashes, type word (or null for booleans). */
    public record Flag(String shortName, String longName, String type, String description) {}

    private FlagUsages() {}

    public static String render(List<Flag> flags, int columns) {
        List<String> lefts = new ArrayList<>();
        int maxlen = 0;
        for (Flag f : flags) {
            String left = f.shortName() != null ? "  -" + f.shortName() + ", --" + f.longName() : "      --" + f.longName();
            if (f.type() != null) left += " " + f.type();
            lefts.add(left);
            maxlen = Math.max(maxlen, left.length() + 1);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < flags.size(); i++) {
            String left = lefts.get(i);
            sb.append(left).append(' ').append(" ".repeat(maxlen - left.length())).append(' ')
                    .append(wrap(maxlen + 2, columns, flags.get(i).description())).append('\n');
        }
        return sb.toString();
    }

    /** pflag's {@code wrap}: text wrapped into columns {@code indent..width}, continuation lines indented. */
    static String wrap(int indent, int width, String s) {
        if (width == 0) return s.replace("\n", "\n" + " ".repeat(indent));
        int room = width - indent;
        StringBuilder r = new StringBuilder();
        if (room < 24) {
            indent = 16;
            room = width - indent;
            r.append('\n').append(" ".repeat(indent));
        }
        if (room < 24) return r + s.replace("\n", r.toString());
        int slop = 5;
        room -= slop;
        String[] first = wrapN(room, slop, s);
        r.append(first[0].replace("\n", "\n" + " ".repeat(indent)));
        String rest = first[1];
        while (!rest.isEmpty()) {
            String[] next = wrapN(room, slop, rest);
            r.append('\n').append(" ".repeat(indent)).append(next[0].replace("\n", "\n" + " ".repeat(indent)));
            rest = next[1];
        }
        return r.toString();
    }

    private static String[] wrapN(int i, int slop, String s) {
        if (i + slop > s.length()) return new String[]{s, ""};
        String head = s.substring(0, i);
        int w = Math.max(Math.max(head.lastIndexOf(' '), head.lastIndexOf('\t')), head.lastIndexOf('\n'));
        if (w <= 0) return new String[]{s, ""};
        int nl = head.lastIndexOf('\n');
        if (nl > 0 && nl < w) return new String[]{s.substring(0, nl), s.substring(nl + 1)};
        return new String[]{s.substring(0, w), s.substring(w + 1)};
    }
}
