package dev.berth.daemon.api.networks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.json.Json;
import dev.berth.daemon.api.Times;
import dev.berth.engine.network.Attachment;
import dev.berth.engine.network.NetworkConfig;
import dev.berth.engine.network.ipam.IpamPool;

import java.util.List;

/**
 * A user-defined network as dockerd's {@code GET /networks/{id}} shows it: the IPAM config, driver
 * options and labels exactly as created (compose compares them with its file), and the running
 * containers' endpoints under {@code Containers}.
 */
final class NetworkJson {
    private NetworkJson() {}

    static ObjectNode of(NetworkConfig n, List<Attachment> active, boolean withContainers) {
        ObjectNode o = Json.object();
        o.put("Name", n.name());
        o.put("Id", n.id());
        o.put("Created", Times.rfc3339(n.created()));
        o.put("Scope", "local");
        o.put("Driver", n.driver());
        o.put("EnableIPv6", n.enableIpv6());
        ObjectNode ipam = o.putObject("IPAM");
        ipam.put("Driver", "default");
        ipam.putObject("Options");
        ArrayNode config = ipam.putArray("Config");
        for (IpamPool p : n.ipam()) {
            ObjectNode c = config.addObject();
            c.put("Subnet", p.subnet());
            if (!p.ipRange().isEmpty()) c.put("IPRange", p.ipRange());
            c.put("Gateway", p.gateway());
            if (!p.auxAddresses().isEmpty()) {
                ObjectNode aux = c.putObject("AuxiliaryAddresses");
                p.auxAddresses().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> aux.put(e.getKey(), e.getValue()));
            }
        }
        o.put("Internal", n.internal());
        o.put("Attachable", n.attachable());
        o.put("Ingress", false);
        o.putObject("ConfigFrom").put("Network", "");
        o.put("ConfigOnly", false);
        ObjectNode containers = o.putObject("Containers");
        if (withContainers) {
            for (Attachment a : active) {
                ObjectNode e = containers.putObject(a.containerId());
                e.put("Name", a.containerName());
                e.put("EndpointID", a.endpoint().endpointId());
                e.put("MacAddress", a.endpoint().macAddress());
                e.put("IPv4Address", a.endpoint().ipAddress() + "/" + a.endpoint().prefixLength());
                e.put("IPv6Address", "");
            }
        }
        ObjectNode options = o.putObject("Options");
        n.options().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> options.put(e.getKey(), e.getValue()));
        ObjectNode labels = o.putObject("Labels");
        n.labels().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> labels.put(e.getKey(), e.getValue()));
        return o;
    }
}
