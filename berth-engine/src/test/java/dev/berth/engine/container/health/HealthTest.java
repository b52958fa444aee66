package dev.berth.engine.container.health;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class HealthTest {
    private static Health.Probe probe(int code) {
        return new Health.Probe(Instant.now(), Instant.now(), code, "");
    }

    @Test
    void retriesConsecutiveFailuresMakeItUnhealthyAndOneSuccessHeals() {
        Health h = Health.starting();
        h = h.after(probe(1), false, 2);
        assertEquals(Health.STARTING, h.status());
        h = h.after(probe(1), false, 2);
        assertEquals(Health.UNHEALTHY, h.status());
        assertEquals(2, h.failingStreak());
        h = h.after(probe(0), false, 2);
        assertEquals(Health.HEALTHY, h.status());
        assertEquals(0, h.failingStreak());
    }

    @Test
    void failuresInTheStartPeriodDoNotCount() {
        Health h = Health.starting();
        for (int i = 0; i < 5; i++) h = h.after(probe(1), true, 1);
        assertEquals(Health.STARTING, h.status());
        assertEquals(0, h.failingStreak());
        assertEquals(5, h.log().size());
        h = h.after(probe(1), true, 1);
        assertEquals(5, h.log().size(), "only the last five probes are kept");
    }

    @Test
    void commandsAndDefaultsFollowDocker() {
        HealthCheck shell = new HealthCheck(List.of("CMD-SHELL", "curl -f localhost"), 0, 0, 0, 0, 0);
        assertEquals(List.of("/bin/sh", "-c", "curl -f localhost"), shell.command());
        assertEquals(Duration.ofSeconds(30), shell.interval());
        assertEquals(3, shell.effectiveRetries());
        assertEquals(List.of("true"), new HealthCheck(List.of("CMD", "true"), 0, 0, 0, 0, 0).command());
        assertFalse(new HealthCheck(List.of("NONE"), 0, 0, 0, 0, 0).enabled());
    }
}
