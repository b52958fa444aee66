package dev.berth.engine.container.health;

import java.time.Duration;
import java.util.List;

/**
 * Docker's healthcheck settings ({@code Config.Healthcheck}). Durations are nanoseconds as on the
 * wire; zero means Docker's default. {@code test} is {@code ["CMD", args...]},
 * {@code ["CMD-SHELL", command]} or {@code ["NONE"]}.
 */
public record HealthCheck(List<String> test, long intervalNanos, long timeoutNanos, long startPeriodNanos,
                          long startIntervalNanos, int retries) {
    public HealthCheck {
        test = test == null ? List.of() : List.copyOf(test);
    }

    /** True when there is a probe to run (not absent, not NONE). */
    public boolean enabled() {
        return !test.isEmpty() && !test.getFirst().equals("NONE");
    }

    /** The probe's argv inside the container. */
    public List<String> command() {
        if (test.isEmpty()) return List.of();
        return switch (test.getFirst()) {
            case "CMD" -> test.subList(1, test.size());
            case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", test.subList(1, test.size())));
            default -> test; // a bare command: Docker treats it as CMD-SHELL only from the CLI; keep it as argv
        };
    }

    public Duration interval() {
        return intervalNanos > 0 ? Duration.ofNanos(intervalNanos) : Duration.ofSeconds(30);
    }

    public Duration timeout() {
        return timeoutNanos > 0 ? Duration.ofNanos(timeoutNanos) : Duration.ofSeconds(30);
    }

    public Duration startPeriod() {
        return Duration.ofNanos(Math.max(0, startPeriodNanos));
    }

    public Duration startInterval() {
        return startIntervalNanos > 0 ? Duration.ofNanos(startIntervalNanos) : Duration.ofSeconds(5);
    }

    public int effectiveRetries() {
        return retries > 0 ? retries : 3;
    }
}
