package dev.berth.daemon.api.networks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;
import dev.berth.daemon.api.Router;
import dev.berth.daemon.api.Times;
import dev.berth.dockerapi.Filters;
import dev.berth.engine.container.ContainerStore;
import dev.berth.engine.network.BridgeNetwork;
import dev.berth.engine.network.Endpoint;
import dev.berth.engine.network.NetworkInfo;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code GET /networks} and {@code GET /networks/{id}}, as dockerd answers them for its predefined
 * networks. Clients read them without asking for a network of their own: the docker CLI for
 * {@code network ls/inspect}, Testcontainers (when it runs inside a container) for the bridge's
 * gateway. Creating networks belongs to user-defined networking and answers 501 until then.
 */
public final class NetworkRoutes {
    /** What the routes need of the engine. */
    public interface Backend {
        BridgeNetwork bridge();

        List<ContainerStore.Entry> containers();

        Optional<Endpoint> endpoint(String containerId);
    }

    private static final Set<String> LIST_FILTERS = Set.of("driver", "id", "label", "name", "scope", "type", "dangling");
    private final Backend engine;
    private final Instant created;

    /** {@code created}: when the predefined networks came up, the daemon's start. */
    public NetworkRoutes(Backend engine, Instant created) {
        this.engine = engine;
        this.created = created;
    }

    /**
     * The predefined networks as dockerd shows them, each with the running (or paused) containers
     * on it: a container whose network mode is neither host nor none is on the bridge.
     */
    List<NetworkInfo> networks() {
        Map<String, List<NetworkInfo.Attachment>> on = new HashMap<>();
        for (ContainerStore.Entry e : engine.containers()) {
            if (!e.state().isRunning()) continue;
            String id = e.spec().id();
            String mode = e.spec().host().networkMode();
            String network = mode.equals("host") || mode.equals("none") ? mode : BridgeNetwork.NAME;
            Endpoint ep = engine.endpoint(id).orElse(Endpoint.NONE);
            String address = ep.ipAddress().isEmpty() ? "" : ep.ipAddress() + "/" + ep.prefixLength();
            on.computeIfAbsent(network, k -> new ArrayList<>())
                    .add(new NetworkInfo.Attachment(id, e.spec().name().replaceFirst("^/", ""), ep.endpointId(), ep.macAddress(), address));
        }
        BridgeNetwork bridge = engine.bridge();
        Map<String, String> bridgeOptions = new LinkedHashMap<>();
        bridgeOptions.put("com.docker.network.bridge.default_bridge", "true");
        bridgeOptions.put("com.docker.network.bridge.enable_icc", "true");
        bridgeOptions.put("com.docker.network.bridge.enable_ip_masquerade", "true");
        bridgeOptions.put("com.docker.network.bridge.host_binding_ipv4", "0.0.0.0");
        bridgeOptions.put("com.docker.network.bridge.name", bridge.bridgeName());
        bridgeOptions.put("com.docker.network.driver.mtu", "1500");
        return List.of(
                new NetworkInfo(BridgeNetwork.NAME, bridge.id(), "bridge", created, bridge.subnet(), bridge.gateway(),
                        bridgeOptions, on.getOrDefault(BridgeNetwork.NAME, List.of())),
                new NetworkInfo("host", NetworkInfo.predefinedId("host", bridge.bridgeName()), "host", created, "", "",
                        Map.of(), on.getOrDefault("host", List.of())),
                new NetworkInfo("none", NetworkInfo.predefinedId("none", bridge.bridgeName()), "null", created, "", "",
                        Map.of(), on.getOrDefault("none", List.of())));
    }

    public void register(Router r) {
        r.add("GET", "/networks/?", this::list);
        r.add("GET", "/networks/([^/]+)", c -> c.json(200, json(find(c.group(1)), true)));
        Router.Route notYet = c -> {
            throw new BerthException.NotImplemented("berth: user-defined networks are not implemented yet; use bridge, host or none");
        };
        r.add("POST", "/networks/create", notYet);
        r.add("POST", "/networks/([^/]+)/(connect|disconnect)", notYet);
        r.add("POST", "/networks/prune", c -> c.json(200, Json.object().putNull("NetworksDeleted")));
        r.add("DELETE", "/networks/([^/]+)", c -> {
            NetworkInfo n = find(c.group(1));
            throw new BerthException.Forbidden(n.name() + " is a pre-defined network and cannot be removed");
        });
    }

    /** By full name, full id, or id prefix, as dockerd looks networks up. */
    NetworkInfo find(String ref) {
        List<NetworkInfo> all = networks();
        Optional<NetworkInfo> hit = all.stream().filter(n -> n.name().equals(ref) || n.id().equals(ref)).findFirst();
        if (hit.isPresent()) return hit.get();
        List<NetworkInfo> byPrefix = all.stream().filter(n -> n.id().startsWith(ref)).toList();
        if (byPrefix.size() > 1) {
            throw new BerthException.InvalidArgument("network " + ref + " is ambiguous (" + byPrefix.size() + " matches found based on ID prefix)");
        }
        if (byPrefix.isEmpty()) throw new BerthException.NotFound("network " + ref + " not found");
        return byPrefix.getFirst();
    }

    private void list(Router.Call c) throws IOException {
        Filters f = Filters.parse(c.req().param("filters")).allow(LIST_FILTERS);
        for (String t : f.get("type")) {
            if (!t.equals("builtin") && !t.equals("custom")) throw new BerthException.InvalidArgument("invalid filter: 'type'='" + t + "'");
        }
        Boolean dangling = f.has("dangling") ? Filters.bool("dangling", f.get("dangling").getLast()) : null;
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (NetworkInfo n : networks()) {
            if (!anyMatches(f.get("name"), n.name()) || !anyMatches(f.get("id"), n.id())) continue;
            if (f.has("driver") && !f.get("driver").contains(n.driver())) continue;
            if (f.has("scope") && !f.get("scope").contains("local")) continue;
            // the predefined networks are "builtin", and never dangling
            if (f.has("type") && !f.get("type").contains("builtin")) continue;
            if (Boolean.TRUE.equals(dangling)) continue;
            if (!f.matchLabels(Map.of())) continue; // the predefined networks carry no labels
            out.add(json(n, false));
        }
        c.json(200, out);
    }

    /** dockerd's {@code name} and {@code id} filters: a value matches exactly or as a regular expression found in it. */
    private static boolean anyMatches(List<String> patterns, String value) {
        if (patterns.isEmpty()) return true;
        for (String p : patterns) {
            if (p.equals(value)) return true;
            try {
                if (Pattern.compile(p).matcher(value).find()) return true;
            } catch (PatternSyntaxException ignored) {
                // not a pattern: only the exact match counts
            }
        }
        return false;
    }

    /** The network object; the list leaves {@code Containers} empty, as dockerd does. */
    static ObjectNode json(NetworkInfo n, boolean withContainers) {
        ObjectNode o = Json.object();
        o.put("Name", n.name());
        o.put("Id", n.id());
        o.put("Created", Times.rfc3339(n.created()));
        o.put("Scope", "local");
        o.put("Driver", n.driver());
        o.put("EnableIPv6", false);
        ObjectNode ipam = o.putObject("IPAM");
        ipam.put("Driver", "default");
        ipam.putNull("Options");
        ArrayNode config = ipam.putArray("Config");
        // the bridge's gateway must be there: Testcontainers inside a container reads it
        if (!n.subnet().isEmpty()) config.addObject().put("Subnet", n.subnet()).put("Gateway", n.gateway());
        o.put("Internal", false);
        o.put("Attachable", false);
        o.put("Ingress", false);
        o.putObject("ConfigFrom").put("Network", "");
        o.put("ConfigOnly", false);
        ObjectNode containers = o.putObject("Containers");
        if (withContainers) {
            for (NetworkInfo.Attachment a : n.containers()) {
                ObjectNode e = containers.putObject(a.containerId());
                e.put("Name", a.name());
                e.put("EndpointID", a.endpointId());
                e.put("MacAddress", a.macAddress());
                e.put("IPv4Address", a.ipv4Address());
                e.put("IPv6Address", "");
            }
        }
        ObjectNode options = o.putObject("Options");
        n.options().forEach(options::put);
        o.putObject("Labels");
        return o;
    }
}
