package dev.berth.engine.mount;

import java.util.List;

/**
 * A mount to perform, as data: the common language between whoever plans mounts (snapshotters,
 * volume resolution) and the single executor, {@link Mounts}.
 */
public record Mount(String type, String source, List<String> options) {
    public Mount {
        options = List.copyOf(options);
    }
}
