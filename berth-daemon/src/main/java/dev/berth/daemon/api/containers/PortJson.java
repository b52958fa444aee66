package dev.berth.daemon.api.containers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.engine.container.ContainerSpec;
import dev.berth.engine.network.ports.HostBinding;
import dev.berth.engine.network.ports.PublishedPort;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ports of the container documents, in dockerd's shapes: {@code Ports} of a {@code GET
 * /containers/json} item, inspect's {@code NetworkSettings.Ports} (exposed but unpublished ports
 * as {@code null}), and {@code HostConfig.PortBindings}/{@code PublishAllPorts} as the client sent them.
 */
final class PortJson {
    private PortJson() {}

    /** Replaces the summary's {@code Ports}: published ports with their host side, then the others. */
    static void summary(ObjectNode summary, ContainerSpec spec, List<PublishedPort> published) {
        ArrayNode ports = summary.putArray("Ports");
        for (PublishedPort p : published) {
            ports.addObject().put("IP", p.hostIp()).put("PrivatePort", p.containerPort()).put("PublicPort", p.hostPort()).put("Type", p.proto());
        }
        for (String exposed : spec.exposedPorts()) {
            if (published.stream().anyMatch(p -> p.key().equals(exposed))) continue;
            String[] pt = exposed.split("/");
            ports.addObject().put("PrivatePort", Integer.parseInt(pt[0])).put("Type", pt.length > 1 ? pt[1] : "tcp");
        }
    }

    /** Fills inspect's {@code NetworkSettings.Ports} (only while running, as dockerd) and the two HostConfig fields. */
    static void inspect(ObjectNode inspect, ContainerSpec spec, boolean running, List<PublishedPort> published) {
        ObjectNode ports = ((ObjectNode) inspect.path("NetworkSettings")).putObject("Ports");
        if (running) {
            Map<String, ArrayNode> byKey = new LinkedHashMap<>();
            for (PublishedPort p : published) {
                ArrayNode a = byKey.computeIfAbsent(p.key(), k -> ports.putArray(k));
                a.addObject().put("HostIp", p.hostIp()).put("HostPort", Integer.toString(p.hostPort()));
            }
            for (String exposed : spec.exposedPorts()) if (!byKey.containsKey(exposed)) ports.putNull(exposed);
        }
        ObjectNode hc = (ObjectNode) inspect.path("HostConfig");
        ObjectNode pb = hc.putObject("PortBindings");
        spec.ports().bindings().forEach((key, list) -> {
            ArrayNode a = pb.putArray(key);
            for (HostBinding b : list) a.addObject().put("HostIp", b.hostIp()).put("HostPort", b.hostPort());
        });
        hc.put("PublishAllPorts", spec.ports().publishAll());
    }
}
