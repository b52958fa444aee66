package dev.berth.cli.format;

import java.time.Duration;

/** Docker's human durations (go-units {@code HumanDuration}): "Less than a second", "About a minute", "3 days". */
public final class Durations {
    private Durations() {}

    public static String human(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < 1) return "Less than a second";
        if (seconds == 1) return "1 second";
        if (seconds < 60) return seconds + " seconds";
        long minutes = d.toMinutes();
        if (minutes == 1) return "About a minute";
        if (minutes < 60) return minutes + " minutes";
        long hours = (long) (d.toMillis() / 3_600_000.0 + 0.5);
        if (hours == 1) return "About an hour";
        if (hours < 48) return hours + " hours";
        if (hours < 24 * 7 * 2) return hours / 24 + " days";
        if (hours < 24 * 30 * 2) return hours / 24 / 7 + " weeks";
        if (hours < 24 * 365 * 2) return hours / 24 / 30 + " months";
        return d.toHours() / 24 / 365 + " years";
    }

    /**
     * Go's {@code time.ParseDuration}: a signed sequence of decimal numbers with units
     * {@code ns us µs ms s m h}, e.g. {@code 1h30m}, {@code 1.5s}. Returns null if it is not one.
     */
    public static Duration parseGo(String s) {
        if (s == null || s.isEmpty()) return null;
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            negative = s.charAt(0) == '-';
            i++;
        }
        if (s.substring(i).equals("0")) return Duration.ZERO;
        if (i >= s.length()) return null;
        double nanos = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
            if (start == i) return null;
            double value;
            try {
                value = Double.parseDouble(s.substring(start, i));
            } catch (NumberFormatException e) {
                return null;
            }
            int us = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') i++;
            double unit = switch (s.substring(us, i)) {
                case "ns" -> 1;
                case "us", "µs", "μs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                case "h" -> 3600e9;
                default -> -1;
            };
            if (unit < 0) return null;
            nanos += value * unit;
        }
        long n = (long) nanos;
        return Duration.ofNanos(negative ? -n : n);
    }
}
