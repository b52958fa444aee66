package dev.berth.registry.handlers;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One inclusive byte range of a {@code Range: bytes=a-b} request header (multi-range requests are served whole). */
record ByteRange(long first, long last) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    long length() {
        return last - first + 1;
    }

    /**
     * The range within a blob of {@code size} bytes; empty when the header is absent or not a single
     * range (serve the whole blob); {@code null}-free: an unsatisfiable range throws.
     */
    static Optional<ByteRange> parse(String header, long size) {
        if (header == null) return Optional.empty();
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) return Optional.empty();
        long first;
        long last;
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            first = Math.max(0, size - suffix);
            last = size - 1;
        } else {
            first = Long.parseLong(m.group(1));
            last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
        }
        if (first >= size || first > last) throw new Unsatisfiable();
        return Optional.of(new ByteRange(first, last));
    }

    static final class Unsatisfiable extends RuntimeException {
        Unsatisfiable() {
            super(null, null, false, false);
        }
    }

    /** Matches the {@code <start>-<end>} of an upload PATCH's Content-Range (inclusive end). */
    static Optional<long[]> uploadRange(String header) {
        if (header == null || header.isBlank()) return Optional.empty();
        Matcher m = Pattern.compile("(?:bytes[ =])?(\\d+)-(\\d+)").matcher(header.trim());
        if (!m.matches()) return Optional.of(new long[] {-2, -2});
        return Optional.of(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
    }
}
