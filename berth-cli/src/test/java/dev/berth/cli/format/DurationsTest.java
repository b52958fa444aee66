package dev.berth.cli.format;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationsTest {
    @Test
    void humanDurationsLikeGoUnits() {
        assertEquals("Less than a second", Durations.human(Duration.ofMillis(300)));
        assertEquals("1 second", Durations.human(Duration.ofSeconds(1)));
        assertEquals("59 seconds", Durations.human(Duration.ofSeconds(59)));
        assertEquals("About a minute", Durations.human(Duration.ofSeconds(60)));
        assertEquals("About a minute", Durations.human(Duration.ofSeconds(119)));
        assertEquals("2 minutes", Durations.human(Duration.ofSeconds(120)));
        assertEquals("59 minutes", Durations.human(Duration.ofMinutes(59)));
        assertEquals("About an hour", Durations.human(Duration.ofMinutes(60)));
        assertEquals("About an hour", Durations.human(Duration.ofMinutes(89)));
        assertEquals("2 hours", Durations.human(Duration.ofMinutes(90)));
        assertEquals("47 hours", Durations.human(Duration.ofHours(47)));
        assertEquals("2 days", Durations.human(Duration.ofHours(48)));
        assertEquals("13 days", Durations.human(Duration.ofDays(13)));
        assertEquals("2 weeks", Durations.human(Duration.ofDays(14)));
        assertEquals("2 months", Durations.human(Duration.ofDays(60)));
        assertEquals("2 years", Durations.human(Duration.ofDays(800)));
    }

    @Test
    void goDurations() {
        assertEquals(Duration.ofMinutes(90), Durations.parseGo("1h30m"));
        assertEquals(Duration.ofMillis(1500), Durations.parseGo("1.5s"));
        assertEquals(Duration.ofSeconds(-10), Durations.parseGo("-10s"));
        assertEquals(Duration.ZERO, Durations.parseGo("0"));
        assertNull(Durations.parseGo("10"));
        assertNull(Durations.parseGo("2020-01-01"));
        assertNull(Durations.parseGo("5x"));
    }

    @Test
    void sinceAndUntilLikeTheDockerCli() {
        Instant now = Instant.parse("2026-01-10T12:00:00Z");
        ZoneId utc = ZoneOffset.UTC;
        assertEquals(Long.toString(now.getEpochSecond() - 600), Timestamps.toApi("10m", now, utc));
        assertEquals("1577836800.000000000", Timestamps.toApi("2020-01-01T00:00:00", now, utc));
        assertEquals("1577836800.000000000", Timestamps.toApi("2020-01-01", now, utc));
        assertEquals("1577836800.000000000", Timestamps.toApi("2020-01-01T00:00:00Z", now, utc));
        assertEquals("1577833200.000000000", Timestamps.toApi("2020-01-01T00:00:00+01:00", now, utc));
        assertEquals("1577836800.500000000", Timestamps.toApi("2020-01-01T00:00:00.5Z", now, utc));
        assertEquals("1577840400.000000000", Timestamps.toApi("2020-01-01T01", now, utc));
        assertEquals("1577836800.000000000", Timestamps.toApi("2020-01-01T00:00:00", now, ZoneOffset.UTC));
        assertEquals("1577833200.000000000", Timestamps.toApi("2020-01-01T00:00:00", now, ZoneOffset.ofHours(1)), "no zone: local time");
        assertEquals("1600000000", Timestamps.toApi("1600000000", now, utc));
        assertEquals("1600000000.5", Timestamps.toApi("1600000000.5", now, utc));
        assertThrows(IllegalArgumentException.class, () -> Timestamps.toApi("yesterday", now, utc));
    }

    @Test
    void eventTimesInRfc3339Nano() {
        assertEquals("2026-11-23T18:20:20.153272983Z", Timestamps.rfc3339Nano(Instant.parse("2026-11-23T18:20:20.153272983Z"), ZoneOffset.UTC));
        assertEquals("2026-11-23T19:20:20.000000000+01:00", Timestamps.rfc3339Nano(Instant.parse("2026-11-23T18:20:20Z"), ZoneOffset.ofHours(1)));
    }
}
