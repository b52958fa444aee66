package dev.berth.daemon.api;

import dev.berth.common.errors.BerthException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimesTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void goDurations() {
        assertEquals(Duration.ofHours(24), Times.goDuration("24h"));
        assertEquals(Duration.ofMinutes(90), Times.goDuration("1h30m"));
        assertEquals(Duration.ofMillis(1500), Times.goDuration("1.5s"));
        assertEquals(Duration.ofMillis(-300), Times.goDuration("-300ms"));
        assertEquals(Duration.ZERO, Times.goDuration("0"));
        for (String bad : List.of("", "h", "24", "1d", "1h30", ".h", "1hh")) assertNull(Times.goDuration(bad), bad);
    }

    @Test
    void untilTakesATimeOrADurationBackFromNowAndOnlyOne() {
        assertNull(Times.untilFilter(List.of(), NOW));
        assertEquals(NOW.minus(Duration.ofHours(24)), Times.untilFilter(List.of("24h"), NOW));
        assertEquals(Instant.ofEpochSecond(1700000000), Times.untilFilter(List.of("1700000000"), NOW));
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), Times.untilFilter(List.of("2026-01-02T03:04:05Z"), NOW));
        var bad = assertThrows(BerthException.InvalidArgument.class, () -> Times.untilFilter(List.of("yesterday"), NOW));
        assertEquals("failed to parse value as time or duration: \"yesterday\"", bad.getMessage());
        var two = assertThrows(BerthException.InvalidArgument.class, () -> Times.untilFilter(List.of("1h", "2h"), NOW));
        assertEquals("more than one until filter specified", two.getMessage());
    }
}
