package dev.berth.daemon.api.networks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;
import dev.berth.daemon.api.Router;
import dev.berth.daemon.api.Times;
import dev.berth.dockerapi.Filters;
import dev.berth.engine.container.ContainerNetworking;
import dev.berth.engine.container.ContainerStore;
import dev.berth.engine.network.Attachment;
import dev.berth.engine.network.NetworkConfig;
import dev.berth.engine.network.Networks;
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
 * {@code /networks}: the predefined {@code bridge}, {@code host} and {@code none} as dockerd shows
 * them (Testcontainers inside a container reads the bridge's gateway), and user-defined networks:
 * create, inspect, list with dockerd's filters, remove, prune, connect and disconnect. The JSON
 * documents are {@link NetworkJson}'s.
 */
public final class NetworkRoutes {
    /** What the routes need of the engine. */
    public interface Backend {
        BridgeNetwork bridge();

        List<ContainerStore.Entry> containers();

        Optional<Endpoint> endpoint(String containerId);

        Networks networks();

        ContainerNetworking containerNetworks();
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
            if (!mode.equals("host") && !mode.equals("none") && !List.of("", "default", "bridge").contains(mode)) continue;
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
        r.add("POST", "/networks/create", this::create);
        r.add("POST", "/networks/prune", this::prune);
        r.add("GET", "/networks/([^/]+)", c -> c.json(200, inspect(c.group(1))));
        r.add("POST", "/networks/([^/]+)/connect", c -> {
            JsonNode body = body(c);
            String container = EndpointFields.text(body, "Container");
            if (container.isEmpty()) throw new BerthException.InvalidArgument("no container given");
            engine.containerNetworks().connect(container, resolve(c.group(1)),
                    EndpointFields.parse(body.path("EndpointConfig"), "EndpointConfig"));
            c.res().empty(200);
        });
        r.add("POST", "/networks/([^/]+)/disconnect", c -> {
            JsonNode body = body(c);
            String container = EndpointFields.text(body, "Container");
            if (container.isEmpty()) throw new BerthException.InvalidArgument("no container given");
            engine.containerNetworks().disconnect(container, resolve(c.group(1)), body.path("Force").asBoolean(false));
            c.res().empty(200);
        });
        r.add("DELETE", "/networks/([^/]+)", c -> {
            String ref = c.group(1);
            Optional<NetworkInfo> predefined = predefined(ref);
            if (predefined.isPresent()) throw new BerthException.Forbidden(predefined.get().name() + " is a pre-defined network and cannot be removed");
            engine.networks().remove(ref);
            c.res().empty(204);
        });
    }

    private void create(Router.Call c) throws IOException {
        NetworkConfig n = engine.networks().create(NetworkRequests.parse(body(c)));
        c.json(201, Json.object().put("Id", n.id()).put("Warning", ""));
    }

    private void prune(Router.Call c) throws IOException {
        Filters f = Filters.parse(c.req().param("filters")).allow(Set.of("until", "label", "label!"));
        Instant until = Times.untilFilter(f.get("until"), Instant.now());
        List<String> removed = engine.networks().prune(n -> f.matchLabels(n.labels()) && (until == null || n.created().isBefore(until)));
        ObjectNode out = Json.object();
        if (removed.isEmpty()) out.putNull("NetworksDeleted");
        else removed.forEach(out.putArray("NetworksDeleted")::add);
        c.json(200, out);
    }

    private static JsonNode body(Router.Call c) throws IOException {
        byte[] b = c.req().bodyBytes();
        return b.length == 0 ? Json.object() : Json.tree(b);
    }

    /** A user network's id for connect and disconnect; the predefined ones by name. */
    private String resolve(String ref) {
        Optional<NetworkInfo> predefined = predefined(ref);
        if (predefined.isPresent()) return predefined.get().name();
        return engine.networks().get(ref).id();
    }

    private ObjectNode inspect(String ref) {
        Optional<NetworkInfo> predefined = predefined(ref);
        if (predefined.isPresent()) return json(predefined.get(), true);
        Optional<NetworkConfig> user = engine.networks().find(ref);
        if (user.isPresent()) return NetworkJson.of(user.get(), active(user.get()), true);
        return json(find(ref), true);
    }

    /** A predefined network by exact name or id. */
    private Optional<NetworkInfo> predefined(String ref) {
        return networks().stream().filter(n -> n.name().equals(ref) || n.id().equals(ref)).findFirst();
    }

    private List<Attachment> active(NetworkConfig n) {
        return engine.networks().endpointsOn(n.id()).stream().filter(Attachment::active).toList();
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
        for (NetworkConfig n : engine.networks().list()) {
            if (!anyMatches(f.get("name"), n.name()) || !anyMatches(f.get("id"), n.id())) continue;
            if (f.has("driver") && !f.get("driver").contains(n.driver())) continue;
            if (f.has("scope") && !f.get("scope").contains("local")) continue;
            if (f.has("type") && !f.get("type").contains("custom")) continue;
            List<Attachment> active = active(n);
            if (dangling != null && dangling != active.isEmpty()) continue;
            if (!f.matchLabels(n.labels())) continue;
            out.add(NetworkJson.of(n, active, false));
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
