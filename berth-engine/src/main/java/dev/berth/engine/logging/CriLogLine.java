package dev.berth.engine.logging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * One line of the CRI log format conmon writes: {@code <RFC3339Nano> <stdout|stderr> <F|P> <content>};
 * {@code P} marks a partial chunk whose newline has not come yet.
 */
public final class CriLogLine {
    private CriLogLine() {}

    /** Parses one line (without its newline); null if it is not a record. */
    public static LogRecord parse(String line) {
        int a = line.indexOf(' ');
        if (a < 0) return null;
        int b = line.indexOf(' ', a + 1);
        if (b < 0) return null;
        int c = line.indexOf(' ', b + 1);
        String tag = c < 0 ? line.substring(b + 1) : line.substring(b + 1, c);
        String content = c < 0 ? "" : line.substring(c + 1);
        Instant t;
        try {
            t = OffsetDateTime.parse(line.substring(0, a)).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
        int stream = line.startsWith("stderr", a + 1) ? 2 : 1;
        String data = tag.equals("P") ? content : content + "\n";
        return new LogRecord(t, stream, data.getBytes(StandardCharsets.UTF_8));
    }
}
