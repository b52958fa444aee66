package dev.berth.engine.volume;

import java.util.List;

/**
 * Everything a create asks to mount: {@code HostConfig.Binds} ({@code -v}),
 * {@code HostConfig.Mounts} ({@code --mount}), {@code Config.Volumes} (anonymous volumes) and
 * {@code HostConfig.VolumesFrom}. Kept in the container's record as given, for inspect.
 */
public record MountRequests(List<String> binds, List<MountRequest> mounts, List<String> volumes, List<String> volumesFrom) {
    public static final MountRequests NONE = new MountRequests(List.of(), List.of(), List.of(), List.of());

    public MountRequests {
        binds = binds == null ? List.of() : List.copyOf(binds);
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        volumesFrom = volumesFrom == null ? List.of() : List.copyOf(volumesFrom);
    }

    public boolean isEmpty() {
        return binds.isEmpty() && mounts.isEmpty() && volumes.isEmpty() && volumesFrom.isEmpty();
    }
}
