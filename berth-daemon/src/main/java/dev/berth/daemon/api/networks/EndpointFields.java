package dev.berth.daemon.api.networks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.errors.BerthException;
import dev.berth.engine.network.EndpointSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * Docker's {@code EndpointSettings} on the wire (a create's {@code NetworkingConfig.EndpointsConfig}
 * entries, a connect's {@code EndpointConfig}) into the engine's {@link EndpointSettings}. What
 * berth does not act on is refused, naming the field; the read-only fields clients echo back
 * ({@code NetworkID}, {@code IPAddress}...) are ignored, as dockerd ignores them.
 */
public final class EndpointFields {
    private EndpointFields() {}

    public static EndpointSettings parse(JsonNode ep, String where) {
        if (ep == null || ep.isNull() || ep.isMissingNode()) return EndpointSettings.NONE;
        JsonNode ipam = ep.path("IPAMConfig");
        if (!text(ipam, "IPv6Address").isEmpty()) throw refused(where + ".IPAMConfig.IPv6Address");
        if (ipam.path("LinkLocalIPs").size() > 0) throw refused(where + ".IPAMConfig.LinkLocalIPs");
        if (ep.path("Links").size() > 0) throw refused(where + ".Links");
        if (ep.path("DriverOpts").size() > 0) throw refused(where + ".DriverOpts");
        List<String> aliases = new ArrayList<>();
        ep.path("Aliases").forEach(a -> aliases.add(a.asText()));
        return new EndpointSettings(aliases, text(ipam, "IPv4Address"), text(ep, "MacAddress"));
    }

    private static BerthException refused(String field) {
        return new BerthException.NotImplemented("berth: " + field + " is not implemented yet");
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
