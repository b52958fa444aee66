package dev.berth.engine.volume;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A volume as berthd records it. {@code options} are the driver's ({@code -o type=tmpfs}...);
 * an anonymous volume is one carrying {@link #ANONYMOUS_LABEL}, as Docker 23+ marks them, which is
 * what {@code volume prune} without {@code all} looks for.
 */
public record Volume(String name, String driver, Instant createdAt, Map<String, String> labels,
                     Map<String, String> options, Path mountpoint) {
    public static final String ANONYMOUS_LABEL = "com.docker.volume.anonymous";
    public static final String LOCAL = "local";

    public Volume {
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        options = Collections.unmodifiableMap(new TreeMap<>(options));
    }

    public boolean anonymous() {
        return labels.containsKey(ANONYMOUS_LABEL);
    }
}
