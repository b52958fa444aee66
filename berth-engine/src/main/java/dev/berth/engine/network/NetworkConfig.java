package dev.berth.engine.network;

import dev.berth.engine.network.ipam.IpamPool;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A user-defined network as created: what {@code docker network inspect} echoes back (compose
 * compares it with its file) and what the driver needs to wire containers to it. Never changes.
 *
 * @param bridge the Linux interface the network owns: its bridge ({@code br-<12 hex>} or the
 *               {@code com.docker.network.bridge.name} option); empty for macvlan and ipvlan
 */
public record NetworkConfig(String id, String name, String driver, Instant created, List<IpamPool> ipam,
                            Map<String, String> options, Map<String, String> labels, boolean internal,
                            boolean attachable, boolean enableIpv6, String bridge) {
    public NetworkConfig {
        ipam = List.copyOf(ipam);
        options = Map.copyOf(options);
        labels = Map.copyOf(labels);
        if (bridge == null) bridge = "";
    }

    public String shortId() {
        return id.substring(0, 12);
    }

    /** The first pool's gateway: where the embedded DNS listens and what {@code Gateway} shows. */
    public String gateway() {
        return ipam.isEmpty() ? "" : ipam.getFirst().gateway();
    }
}
