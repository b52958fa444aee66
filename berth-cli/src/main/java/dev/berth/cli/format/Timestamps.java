package dev.berth.cli.format;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The {@code --since}/{@code --until} values of logs and events, converted as the docker CLI does
 * before sending them: a Go duration ({@code 10m}) is relative to now and becomes whole Unix
 * seconds; an RFC 3339 date or date-time (local time when it has no zone) becomes
 * {@code seconds.nanoseconds}; a Unix timestamp passes through unchanged.
 */
public final class Timestamps {
    private static final DateTimeFormatter RFC3339_NANOS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnnXXX");

    private Timestamps() {}

    public static String toApi(String value, Instant now, ZoneId zone) {
        Duration d = Durations.parseGo(value);
        if (d != null && !value.equals("0")) return Long.toString(now.minus(d).getEpochSecond());
        Instant t = parseDate(value, zone);
        if (t != null) return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
        if (value.contains("-")) throw new IllegalArgumentException("parsing time \"" + value + "\": cannot parse as RFC 3339");
        if (!value.matches("\\d+(\\.\\d{1,9})?")) {
            throw new IllegalArgumentException("failed to parse value as time or duration: \"" + value + "\"");
        }
        return value;
    }

    private static Instant parseDate(String v, ZoneId zone) {
        try {
            if (v.matches("\\d{4}-\\d{2}-\\d{2}")) return LocalDate.parse(v).atStartOfDay(zone).toInstant();
            if (v.matches("\\d{4}-\\d{2}-\\d{2}(Z|[+-]\\d{2}:\\d{2})")) {
                String date = v.substring(0, 10);
                String off = v.substring(10);
                return OffsetDateTime.parse(date + "T00:00:00" + off).toInstant();
            }
            if (!v.contains("T")) return null;
            boolean hasZone = v.matches(".*(Z|z|[+-]\\d{2}:\\d{2})$");
            String local = hasZone ? v.replaceAll("(Z|z|[+-]\\d{2}:\\d{2})$", "") : v;
            String zonePart = hasZone ? v.substring(local.length()).toUpperCase() : null;
            // complete missing minutes/seconds as Go's layouts 2006-01-02T15 and T15:04 allow
            String[] hm = local.substring(11).split(":");
            if (hm.length == 1) local += ":00:00";
            else if (hm.length == 2) local += ":00";
            LocalDateTime ldt = LocalDateTime.parse(local);
            if (zonePart == null) return ldt.atZone(zone).toInstant();
            return ZonedDateTime.of(ldt, zonePart.equals("Z") ? ZoneId.of("UTC") : ZoneId.of(zonePart)).toInstant();
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }

    /** Go's RFC3339Nano with fixed 9 digits, in the given zone (docker events prints local time). */
    public static String rfc3339Nano(Instant t, ZoneId zone) {
        return RFC3339_NANOS.format(t.atZone(zone)).replace("+00:00", "Z");
    }
}
