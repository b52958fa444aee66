package dev.berth.daemon.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Docker's time formats: RFC 3339 with nanoseconds, and the human durations of {@code docker ps}. */
public final class Times {
    private static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);

    private Times() {}

    public static String rfc3339(Instant t) {
        if (t == null || t.getEpochSecond() < 0) return "0001-01-01T00:00:00Z";
        return NANOS.format(t);
    }

    /** go-units HumanDuration. */
    public static String human(Duration d) {
        long s = d.getSeconds();
        if (s < 1) return "Less than a second";
        if (s == 1) return "1 second";
        if (s < 60) return s + " seconds";
        long m = d.toMinutes();
        if (m == 1) return "About a minute";
        if (m < 60) return m + " minutes";
        long h = Math.round(d.toMinutes() / 60.0);
        if (h == 1) return "About an hour";
        if (h < 48) return h + " hours";
        if (h < 24 * 7 * 2) return (h / 24) + " days";
        if (h < 24 * 30 * 2) return (h / 24 / 7) + " weeks";
        if (h < 24 * 365 * 2) return (h / 24 / 30) + " months";
        return (h / 24 / 365) + " years";
    }

    /** Parses {@code since}/{@code until}: Unix seconds with optional fraction, or RFC 3339. */
    public static Instant parse(String s) {
        if (s == null || s.isEmpty()) return null;
        if (s.matches("-?\\d+(\\.\\d+)?")) {
            String[] p = s.split("\\.");
            long sec = Long.parseLong(p[0]);
            long nanos = p.length > 1 ? Long.parseLong((p[1] + "000000000").substring(0, 9)) : 0;
            return Instant.ofEpochSecond(sec, nanos);
        }
        return java.time.OffsetDateTime.parse(s).toInstant();
    }
}
