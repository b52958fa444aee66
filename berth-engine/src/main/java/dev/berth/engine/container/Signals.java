package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;

import java.util.Map;

/** Linux signal names and numbers as Docker accepts them: {@code KILL}, {@code SIGKILL}, {@code 9}. */
public final class Signals {
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4), Map.entry("TRAP", 5),
            Map.entry("ABRT", 6), Map.entry("IOT", 6), Map.entry("BUS", 7), Map.entry("FPE", 8), Map.entry("KILL", 9),
            Map.entry("USR1", 10), Map.entry("SEGV", 11), Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14),
            Map.entry("TERM", 15), Map.entry("STKFLT", 16), Map.entry("CHLD", 17), Map.entry("CONT", 18), Map.entry("STOP", 19),
            Map.entry("TSTP", 20), Map.entry("TTIN", 21), Map.entry("TTOU", 22), Map.entry("URG", 23), Map.entry("XCPU", 24),
            Map.entry("XFSZ", 25), Map.entry("VTALRM", 26), Map.entry("PROF", 27), Map.entry("WINCH", 28), Map.entry("IO", 29),
            Map.entry("POLL", 29), Map.entry("PWR", 30), Map.entry("SYS", 31));
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    private Signals() {}

    public static int parse(String s) {
        if (s == null || s.isEmpty()) return SIGKILL;
        String t = s.trim().toUpperCase();
        if (t.matches("\\d+")) {
            int n = Integer.parseInt(t);
            if (n < 1 || n > 64) throw new BerthException.InvalidArgument("Invalid signal: " + s);
            return n;
        }
        if (t.startsWith("SIG")) t = t.substring(3);
        if (t.startsWith("RTMIN") || t.startsWith("RTMAX")) {
            throw new BerthException.InvalidArgument("Invalid signal: " + s);
        }
        Integer n = NUMBERS.get(t);
        if (n == null) throw new BerthException.InvalidArgument("Invalid signal: " + s);
        return n;
    }
}
