package dev.berth.daemon.api.containers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.errors.BerthException;
import dev.berth.engine.network.ports.HostBinding;
import dev.berth.engine.network.ports.PortRequests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code HostConfig.PortBindings} and {@code PublishAllPorts} of a create body; checked by {@link PortRequests}. */
final class PortFields {
    private PortFields() {}

    static PortRequests parse(JsonNode hostConfig) {
        JsonNode pb = hostConfig.path("PortBindings");
        Map<String, List<HostBinding>> bindings = new LinkedHashMap<>();
        if (pb.isObject()) {
            pb.fields().forEachRemaining(f -> {
                List<HostBinding> list = new ArrayList<>();
                if (f.getValue().isArray()) {
                    for (JsonNode b : f.getValue()) list.add(new HostBinding(text(b, "HostIp"), text(b, "HostPort")));
                } else if (!f.getValue().isNull()) {
                    throw new BerthException.InvalidArgument("invalid PortBindings for " + f.getKey() + ": not a list");
                }
                bindings.put(f.getKey(), list);
            });
        } else if (!pb.isMissingNode() && !pb.isNull()) {
            throw new BerthException.InvalidArgument("invalid HostConfig.PortBindings: not an object");
        }
        return new PortRequests(bindings, hostConfig.path("PublishAllPorts").asBoolean(false));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
