package dev.berth.daemon.api.networks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.errors.BerthException;
import dev.berth.engine.network.NetworkRequest;
import dev.berth.engine.network.ipam.IpamPool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /networks/create}'s body into a {@link NetworkRequest}; fields berth does not act on are refused by name. */
final class NetworkRequests {
    private NetworkRequests() {}

    static NetworkRequest parse(JsonNode body) {
        String name = EndpointFields.text(body, "Name");
        if (name.isEmpty()) throw new BerthException.InvalidArgument("network name cannot be empty");
        if (body.path("Ingress").asBoolean(false)) throw refused("Ingress");
        if (body.path("ConfigOnly").asBoolean(false)) throw refused("ConfigOnly");
        if (!EndpointFields.text(body.path("ConfigFrom"), "Network").isEmpty()) throw refused("ConfigFrom");
        String scope = EndpointFields.text(body, "Scope");
        if (!scope.isEmpty() && !scope.equals("local")) throw refused("Scope=" + scope);
        JsonNode ipam = body.path("IPAM");
        String ipamDriver = EndpointFields.text(ipam, "Driver");
        if (!ipamDriver.isEmpty() && !ipamDriver.equals("default")) throw refused("IPAM.Driver=" + ipamDriver);
        if (ipam.path("Options").size() > 0) throw refused("IPAM.Options");
        List<IpamPool> pools = new ArrayList<>();
        for (JsonNode c : ipam.path("Config")) {
            pools.add(new IpamPool(EndpointFields.text(c, "Subnet"), EndpointFields.text(c, "Gateway"),
                    EndpointFields.text(c, "IPRange"), strings(c.path("AuxiliaryAddresses"))));
        }
        return new NetworkRequest(name, EndpointFields.text(body, "Driver"), pools, strings(body.path("Options")),
                strings(body.path("Labels")), body.path("Internal").asBoolean(false), body.path("Attachable").asBoolean(false),
                body.path("EnableIPv6").asBoolean(false));
    }

    private static BerthException refused(String field) {
        return new BerthException.NotImplemented("berth: network " + field + " is not supported");
    }

    static Map<String, String> strings(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().asText("")));
        return out;
    }
}
