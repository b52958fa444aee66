package dev.berth.cli.format;

/** Shortening of table cells as docker does it. */
public final class Ellipsis {
    private Ellipsis() {}

    /** {@code formatter.Ellipsis}: at most {@code max} characters, the last one "…" when cut. */
    public static String cut(String s, int max) {
        if (max <= 0) return "";
        int n = s.codePointCount(0, s.length());
        if (n <= max) return s;
        if (max == 1) return s.substring(0, s.offsetByCodePoints(0, 1));
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }

    /** {@code stringid.TruncateID}: the 12-character short form of an id, without its algorithm prefix. */
    public static String shortId(String id) {
        int colon = id.indexOf(':');
        String hex = colon >= 0 ? id.substring(colon + 1) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
