package dev.berth.engine.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;

import java.util.Map;
import java.util.Set;

/** A Linux bridge per network, made by the CNI bridge plugin; the bridge holds the gateway address. */
final class BridgeDriver implements NetworkDriver {
    static final String NAME_OPTION = "com.docker.network.bridge.name";
    static final String MTU_OPTION = "com.docker.network.driver.mtu";
    /** Options whose Docker default berth behaves as; any other value is refused. */
    private static final Map<String, String> DEFAULTS = Map.of(
            "com.docker.network.bridge.enable_icc", "true",
            "com.docker.network.bridge.enable_ip_masquerade", "true",
            "com.docker.network.bridge.host_binding_ipv4", "0.0.0.0");

    @Override
    public String name() {
        return "bridge";
    }

    @Override
    public void checkOptions(Map<String, String> options) {
        for (var o : options.entrySet()) {
            String k = o.getKey();
            if (k.equals(NAME_OPTION)) {
                if (!o.getValue().matches("[A-Za-z0-9_.-]{1,15}")) {
                    throw new BerthException.InvalidArgument("invalid bridge name " + o.getValue() + ": at most 15 characters of [A-Za-z0-9_.-]");
                }
            } else if (k.equals(MTU_OPTION)) {
                try {
                    int mtu = Integer.parseInt(o.getValue());
                    if (mtu < 68) throw new NumberFormatException();
                } catch (NumberFormatException e) {
                    throw new BerthException.InvalidArgument("invalid MTU number: " + o.getValue());
                }
            } else if (!DEFAULTS.getOrDefault(k, "\0").equals(o.getValue())) {
                throw new BerthException.NotImplemented("berth: bridge driver option " + k + "=" + o.getValue() + " is not supported");
            }
        }
    }

    @Override
    public String hostInterface(String networkId, Map<String, String> options) {
        return options.getOrDefault(NAME_OPTION, "br-" + networkId.substring(0, 12));
    }

    @Override
    public ObjectNode plugin(NetworkConfig network, ObjectNode ipam) {
        ObjectNode c = Json.object();
        c.put("type", "bridge");
        c.put("bridge", network.bridge());
        // the bridge gets the gateway address; routes come from the IPAM part (none when internal)
        c.put("isGateway", true);
        c.put("ipMasq", false);
        c.put("hairpinMode", true);
        if (network.options().containsKey(MTU_OPTION)) c.put("mtu", Integer.parseInt(network.options().get(MTU_OPTION)));
        c.set("ipam", ipam);
        return c;
    }
}
