package dev.berth.engine.network;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.json.Json;
import dev.berth.engine.network.ipam.Cidr;
import dev.berth.engine.network.ipam.IpamPool;

import java.nio.file.Path;

/**
 * A user network's CNI configuration (describe first): the driver's plugin with host-local IPAM
 * over the network's pools, reservations kept in the network's own directory.
 */
final class CniConfigs {
    private CniConfigs() {}

    /**
     * {@code fixedAddress}: a container asked for an address ({@code --ip}): the ranges then span
     * whole subnets, since Docker lets a fixed address sit outside {@code --ip-range}.
     */
    static ObjectNode of(NetworkConfig n, Path ipamDir, boolean fixedAddress) {
        ObjectNode ipam = Json.object();
        ipam.put("type", "host-local");
        ipam.put("dataDir", ipamDir.toString());
        ArrayNode set = ipam.putArray("ranges").addArray();
        for (IpamPool p : n.ipam()) {
            Cidr subnet = p.cidr();
            ObjectNode r = set.addObject().put("subnet", subnet.toString());
            // macvlan/ipvlan gateways are the outside router; a bridge's is its own address
            r.put("gateway", p.gateway());
            if (!p.ipRange().isEmpty() && !fixedAddress) {
                Cidr range = Cidr.parse(p.ipRange(), "ip-range");
                r.put("rangeStart", Cidr.format(Math.max(range.base(), subnet.base() + 1)));
                r.put("rangeEnd", Cidr.format(Math.min(range.last(), subnet.last() - 1)));
            }
        }
        if (!n.internal()) ipam.putArray("routes").addObject().put("dst", "0.0.0.0/0");
        ObjectNode conf = NetworkDriver.of(n.driver()).plugin(n, ipam);
        conf.put("cniVersion", "1.0.0");
        conf.put("name", "berth-" + n.shortId());
        return conf;
    }
}
