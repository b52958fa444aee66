package dev.berth.engine.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.errors.BerthException;

import java.util.Map;

/**
 * What differs between Docker's local network drivers: the options each accepts, the interface
 * the network owns on the host, and the CNI plugin configuration that wires a container to it.
 * The IPAM part of that configuration is common ({@link CniConfigs}).
 */
sealed interface NetworkDriver permits BridgeDriver, SubInterfaceDriver {
    /** The driver for {@code name}, or dockerd's answer for one it does not know. */
    static NetworkDriver of(String name) {
        return switch (name) {
            case "bridge" -> new BridgeDriver();
            case "macvlan" -> new SubInterfaceDriver("macvlan", "macvlan_mode", java.util.List.of("bridge", "private", "vepa", "passthru"), "bridge");
            case "ipvlan" -> new SubInterfaceDriver("ipvlan", "ipvlan_mode", java.util.List.of("l2", "l3", "l3s"), "l2");
            case "host", "null" -> throw new BerthException.Forbidden("only one instance of \"" + name + "\" network is allowed");
            case "overlay" -> throw new BerthException.NotImplemented("berth: the overlay driver needs a swarm; this node is not part of one");
            default -> throw new BerthException.NotFound("plugin \"" + name + "\" not found");
        };
    }

    String name();

    /** Checks the driver options ({@code -o}), refusing what this driver does not act on, naming it. */
    void checkOptions(Map<String, String> options);

    /** The host interface the network owns ({@code br-<12 hex>} by default), or empty. */
    String hostInterface(String networkId, Map<String, String> options);

    /** The plugin part of the CNI configuration; {@code ipam} goes in as the plugin's IPAM. */
    ObjectNode plugin(NetworkConfig network, ObjectNode ipam);
}
