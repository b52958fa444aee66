package dev.berth.engine.network.ports;

import java.util.List;

/**
 * What a container published, recorded under the exec root while it runs: enough to remove its
 * rules after a daemon crash, and to take its host ports again when the daemon comes back.
 */
public record Publication(String containerId, String bridge, String containerIp, List<PublishedPort> ports) {
    public Publication {
        ports = List.copyOf(ports);
    }

    List<PortRules.Rule> rules() {
        return PortRules.containerRules(bridge, containerId, containerIp, ports);
    }
}
