package dev.berth.daemon.api;

import dev.berth.common.errors.BerthException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

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

    private static final java.util.regex.Pattern GO_DURATION = java.util.regex.Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|ms|s|m|h)");

    /**
     * The {@code until} of a prune or list filter, as dockerd reads it: a time as {@link #parse}
     * takes it, or a Go duration ({@code 24h}, {@code 1h30m}) back from {@code now}; one at most.
     */
    public static Instant untilFilter(List<String> values, Instant now) {
        if (values.isEmpty()) return null;
        if (values.size() > 1) throw new BerthException.InvalidArgument("more than one until filter specified");
        String v = values.getFirst();
        try {
            return parse(v);
        } catch (RuntimeException notATime) {
            Duration d = goDuration(v);
            if (d == null) throw new BerthException.InvalidArgument("failed to parse value as time or duration: \"" + v + "\"");
            return now.minus(d);
        }
    }

    /** Go's {@code time.ParseDuration}, or null when {@code s} is none. */
    static Duration goDuration(String s) {
        String body = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        java.util.regex.Matcher m = GO_DURATION.matcher(body);
        if (body.isEmpty() || body.equals("0")) return body.equals("0") ? Duration.ZERO : null;
        double nanos = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            if (m.group(1).isEmpty() || m.group(1).equals(".")) return null;
            double unit = switch (m.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            nanos += Double.parseDouble(m.group(1)) * unit;
            end = m.end();
        }
        if (end != body.length()) return null;
        Duration d = Duration.ofNanos((long) nanos);
        return s.startsWith("-") ? d.negated() : d;
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
