package dev.berth.engine.network;

import java.util.List;

/**
 * What a client asked of a container's endpoint on a network (Docker's {@code EndpointSettings}):
 * network-scoped aliases, a fixed IPv4 address ({@code --ip}) and MAC ({@code --mac-address}).
 * Empty strings mean "any".
 */
public record EndpointSettings(List<String> aliases, String ipv4Address, String macAddress) {
    public static final EndpointSettings NONE = new EndpointSettings(List.of(), "", "");

    public EndpointSettings {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        if (ipv4Address == null) ipv4Address = "";
        if (macAddress == null) macAddress = "";
    }
}
