package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;

/** Parses Docker's human sizes: {@code 10m}, {@code 1g}, {@code 512k}, {@code 100} (bytes). */
public final class Sizes {
    private Sizes() {}

    public static long parse(String s) {
        String t = s.trim().toLowerCase();
        if (t.endsWith("b") && t.length() > 1 && !Character.isDigit(t.charAt(t.length() - 2))) t = t.substring(0, t.length() - 1);
        else if (t.endsWith("b")) t = t.substring(0, t.length() - 1);
        long mult = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        switch (last) {
            case 'k' -> mult = 1024L;
            case 'm' -> mult = 1024L * 1024;
            case 'g' -> mult = 1024L * 1024 * 1024;
            case 't' -> mult = 1024L * 1024 * 1024 * 1024;
            default -> { }
        }
        if (mult > 1) t = t.substring(0, t.length() - 1);
        try {
            return (long) (Double.parseDouble(t) * mult);
        } catch (NumberFormatException e) {
            throw new BerthException.InvalidArgument("invalid size: '" + s + "'");
        }
    }
}
