package dev.berth.engine.volume;

import java.util.Map;

/**
 * One {@code HostConfig.Mounts} entry ({@code --mount type=...}) in the engine's terms. Fields of
 * the API's mount that berth does not act on are refused by the API layer before this is made.
 */
public record MountRequest(String type, String source, String target, boolean readOnly, String propagation,
                           boolean createMountpoint, boolean noCopy, Map<String, String> volumeLabels,
                           String volumeDriver, Map<String, String> volumeOptions, long tmpfsSize, int tmpfsMode) {
    public MountRequest {
        type = type == null ? "" : type;
        source = source == null ? "" : source;
        target = target == null ? "" : target;
        propagation = propagation == null ? "" : propagation;
        volumeLabels = volumeLabels == null ? Map.of() : Map.copyOf(volumeLabels);
        volumeDriver = volumeDriver == null ? "" : volumeDriver;
        volumeOptions = volumeOptions == null ? Map.of() : Map.copyOf(volumeOptions);
    }
}
