package dev.berth.engine.network;

import dev.berth.engine.network.ipam.IpamPool;

import java.util.List;
import java.util.Map;

/** {@code docker network create}: what the client asked for, before a subnet is picked and checks run. */
public record NetworkRequest(String name, String driver, List<IpamPool> ipam, Map<String, String> options,
                             Map<String, String> labels, boolean internal, boolean attachable, boolean enableIpv6) {
    public NetworkRequest {
        if (driver == null || driver.isEmpty()) driver = "bridge";
        ipam = ipam == null ? List.of() : List.copyOf(ipam);
        options = options == null ? Map.of() : Map.copyOf(options);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
