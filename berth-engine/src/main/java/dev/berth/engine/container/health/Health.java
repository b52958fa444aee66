package dev.berth.engine.container.health;

import java.time.Instant;
import java.util.List;

/** {@code State.Health}: the current verdict, the run of failures and the last probes (at most 5). */
public record Health(String status, int failingStreak, List<Probe> log) {
    public static final String STARTING = "starting";
    public static final String HEALTHY = "healthy";
    public static final String UNHEALTHY = "unhealthy";
    static final int KEPT_PROBES = 5;

    public Health {
        log = List.copyOf(log);
    }

    /** One probe: when it ran, its exit code (-1 when it could not run or timed out) and output. */
    public record Probe(Instant start, Instant end, int exitCode, String output) {}

    static Health starting() {
        return new Health(STARTING, 0, List.of());
    }

    /**
     * The state after a probe. Failures inside the start period do not count against the
     * container, but a success there ends the start period early (Docker's rule).
     */
    Health after(Probe p, boolean inStartPeriod, int retries) {
        java.util.ArrayList<Probe> kept = new java.util.ArrayList<>(log);
        kept.add(p);
        while (kept.size() > KEPT_PROBES) kept.removeFirst();
        if (p.exitCode() == 0) return new Health(HEALTHY, 0, kept);
        if (inStartPeriod && !status.equals(HEALTHY)) return new Health(status, failingStreak, kept);
        int streak = failingStreak + 1;
        return new Health(streak >= retries ? UNHEALTHY : status, streak, kept);
    }
}
