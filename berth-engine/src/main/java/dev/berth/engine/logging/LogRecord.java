package dev.berth.engine.logging;

import java.time.Instant;
import java.util.Map;

/** One chunk of container output as logged: stream 1 = stdout, 2 = stderr; {@code attrs} from the log options. */
public record LogRecord(Instant time, int stream, byte[] data, Map<String, String> attrs) {
    public LogRecord {
        attrs = Map.copyOf(attrs);
    }

    public LogRecord(Instant time, int stream, byte[] data) {
        this(time, stream, data, Map.of());
    }
}
