package dev.berth.engine.network;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /networks} shows of one network: the predefined {@code bridge}, {@code host}
 * and {@code none} for now, with the running containers attached to each.
 *
 * @param driver docker's driver name: {@code bridge}, {@code host} or {@code null}
 * @param subnet CIDR, or empty for a network without addresses (host, none)
 */
public record NetworkInfo(String name, String id, String driver, Instant created, String subnet, String gateway,
                          Map<String, String> options, List<Attachment> containers) {
    /** One container on the network; address fields are empty on host and none. */
    public record Attachment(String containerId, String name, String endpointId, String macAddress, String ipv4Address) {}

    /** The stable id of a predefined network of the daemon that owns {@code bridgeName}. */
    public static String predefinedId(String name, String bridgeName) {
        return dev.berth.oci.Digest.of(("berth-" + name + "-" + bridgeName).getBytes(java.nio.charset.StandardCharsets.UTF_8)).hex();
    }
}
