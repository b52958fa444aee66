package dev.berth.daemon.api.containers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.json.Json;
import dev.berth.engine.container.ContainerNetworking;
import dev.berth.engine.container.ContainerSpec;
import dev.berth.engine.network.Attachment;
import dev.berth.engine.network.Endpoint;

import java.util.List;

/**
 * {@code NetworkSettings.Networks} of inspect and ps: the default bridge (or host, none) by the
 * network mode, then every user-defined network the container is attached to, with its
 * aliases, fixed address, and while it runs its address, gateway, MAC and endpoint id.
 */
final class NetworkSettingsJson {
    private NetworkSettingsJson() {}

    static void networks(ObjectNode nets, ContainerSpec spec, Endpoint bridge, List<ContainerNetworking.Joined> joined) {
        String mode = spec.host().networkMode();
        // by name, as dockerd's JSON encoder writes a map
        java.util.TreeMap<String, ObjectNode> sorted = new java.util.TreeMap<>();
        if (mode.equals("host") || mode.equals("none")) sorted.put(mode, ContainerJson.endpoint(Endpoint.NONE));
        else if (List.of("", "default", "bridge").contains(mode)) sorted.put("bridge", ContainerJson.endpoint(bridge));
        for (ContainerNetworking.Joined j : joined) sorted.put(j.network(), endpoint(spec, j.attachment()));
        sorted.forEach(nets::set);
    }

    private static ObjectNode endpoint(ContainerSpec spec, Attachment a) {
        ObjectNode n = ContainerJson.endpoint(a.endpoint());
        if (a.settings().ipv4Address().isEmpty()) n.putNull("IPAMConfig");
        else n.putObject("IPAMConfig").put("IPv4Address", a.settings().ipv4Address());
        ArrayNode aliases = n.putArray("Aliases");
        a.settings().aliases().forEach(aliases::add);
        // as dockerd up to API 1.44: a running container's short id is one of its aliases
        if (a.active()) aliases.add(a.shortId());
        n.put("NetworkID", a.networkId());
        if (!a.active()) n.put("MacAddress", a.settings().macAddress());
        if (a.active()) {
            ArrayNode names = n.putArray("DNSNames");
            names.add(spec.name());
            a.settings().aliases().forEach(names::add);
            names.add(a.shortId());
        }
        return n;
    }
}
