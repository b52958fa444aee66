package dev.berth.engine.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * macvlan and ipvlan: each container gets a sub-interface of the parent ({@code -o parent=IFACE})
 * through the CNI plugin of that name; the network owns nothing on the host. The gateway is the
 * parent network's router, so it is only a route, never an address of the host.
 */
record SubInterfaceDriver(String name, String modeOption, List<String> modes, String defaultMode) implements NetworkDriver {
    @Override
    public void checkOptions(Map<String, String> options) {
        for (var o : options.entrySet()) {
            if (o.getKey().equals(modeOption)) {
                if (!modes.contains(o.getValue())) {
                    throw new BerthException.InvalidArgument("requested " + name + " mode '" + o.getValue() + "' is not valid, '"
                            + String.join("', '", modes) + "' are the " + name + " modes supported");
                }
            } else if (!o.getKey().equals("parent")) {
                throw new BerthException.NotImplemented("berth: " + name + " driver option " + o.getKey() + " is not supported");
            }
        }
        String parent = options.getOrDefault("parent", "");
        if (parent.isEmpty()) {
            throw new BerthException.NotImplemented("berth: a " + name + " network needs a parent interface (-o parent=IFACE)");
        }
        if (parent.contains(".") || !Files.exists(Path.of("/sys/class/net", parent))) {
            throw new BerthException.InvalidArgument("-o parent interface was not found on the host: " + parent);
        }
    }

    @Override
    public String hostInterface(String networkId, Map<String, String> options) {
        return "";
    }

    @Override
    public ObjectNode plugin(NetworkConfig network, ObjectNode ipam) {
        ObjectNode c = Json.object();
        c.put("type", name);
        c.put("master", network.options().get("parent"));
        c.put("mode", network.options().getOrDefault(modeOption, defaultMode));
        c.set("ipam", ipam);
        return c;
    }
}
