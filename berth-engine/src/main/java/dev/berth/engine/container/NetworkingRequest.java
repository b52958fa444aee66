package dev.berth.engine.container;

import dev.berth.engine.network.EndpointSettings;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A create's networking beyond {@code HostConfig.NetworkMode}: Docker's
 * {@code NetworkingConfig.EndpointsConfig} (network name or id, or {@code default}, to the
 * endpoint's aliases, {@code --ip} and MAC) and the older {@code Config.MacAddress}.
 */
public record NetworkingRequest(Map<String, EndpointSettings> endpoints, String macAddress) {
    public static final NetworkingRequest NONE = new NetworkingRequest(Map.of(), "");

    public NetworkingRequest {
        endpoints = endpoints == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
        if (macAddress == null) macAddress = "";
    }
}
