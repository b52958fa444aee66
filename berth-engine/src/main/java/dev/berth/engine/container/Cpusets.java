package dev.berth.engine.container;

import java.util.BitSet;

/**
 * The kernel's cpuset list syntax ({@code "0-2,4"}, as in {@code cpuset.cpus}) and Docker's check
 * that a requested list lies inside the host's. Duplicates and overlapping ranges are allowed, as
 * the kernel allows them.
 */
final class Cpusets {
    /** Linux's usual CPU ceiling; a request may name up to this (or the host's highest) number. */
    static final int USUAL_MAX = 8192;

    private Cpusets() {}

    /**
     * The members of {@code list}; an empty list is the empty set.
     *
     * @param maximum the highest member allowed, or 0 for no bound (the host's own list)
     * @throws IllegalArgumentException with Docker's wording, which callers append to theirs
     */
    static BitSet parse(String list, long maximum) {
        BitSet members = new BitSet();
        if (list.isEmpty()) return members;
        for (String part : list.split(",", -1)) {
            int dash = part.indexOf('-');
            long low = number(dash < 0 ? part : part.substring(0, dash), list);
            long high = dash < 0 ? low : number(part.substring(dash + 1), list);
            if (high < low) throw new IllegalArgumentException("invalid format: " + list);
            // the bound also keeps a request like 0-2000000000 from allocating gigabytes of bits
            long bound = maximum != 0 ? maximum : Integer.MAX_VALUE - 1;
            if (high > bound) throw new IllegalArgumentException("value of out range, maximum is " + bound);
            members.set((int) low, (int) high + 1);
        }
        return members;
    }

    /**
     * Whether every member of {@code requested} is in {@code available}.
     *
     * @throws IllegalArgumentException when either list does not parse
     */
    static boolean available(String requested, String available) {
        BitSet host = parse(available, 0);
        long maximum = Math.max(USUAL_MAX, host.length() - 1);
        BitSet wanted = parse(requested, maximum);
        wanted.andNot(host);
        return wanted.isEmpty();
    }

    private static long number(String digits, String list) {
        // Long.parseLong accepts a leading sign as Go's Atoi does; a negative member cannot
        // reach here because its '-' is taken for a range separator
        try {
            long n = Long.parseLong(digits);
            if (n < 0) throw new IllegalArgumentException("invalid format: " + list);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid format: " + list);
        }
    }
}
