package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;
import dev.berth.common.io.AtomicFiles;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.network.Attachment;
import dev.berth.engine.network.Endpoint;
import dev.berth.engine.network.BridgeNetwork;
import dev.berth.engine.network.EndpointSettings;
import dev.berth.engine.network.Endpoints;
import dev.berth.engine.network.NetworkConfig;
import dev.berth.engine.network.NetworkDns;
import dev.berth.engine.network.dns.DnsServer;
import dev.berth.engine.network.dns.IpAddresses;
import dev.berth.engine.network.dns.ResolvConfs;
import dev.berth.engine.network.Networks;
import dev.berth.engine.network.Sandbox;
import dev.berth.engine.network.SandboxPool;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A container's networks: checked at create ({@code NetworkMode} and {@code EndpointsConfig}),
 * joined at start, left at exit, changed by connect and disconnect.
 *
 * <p>A container only on the default bridge takes a pre-wired sandbox from the pool (the fast
 * path). One on user-defined networks, or with a MAC of its own, gets a namespace of its own
 * ({@link SandboxPool#create}) and an interface per network, {@code eth0}, {@code eth1}... in the
 * order it joined them, each through CNI ADD ({@link Endpoints#up}); {@code container:X} joins X's
 * namespace. The default bridge's settings ({@code --mac-address}) are kept as an attachment to
 * the bridge's id, never wired by {@link Endpoints}.
 */
public final class ContainerNetworking {
    private final Networks networks;
    private final Endpoints endpoints;
    private final SandboxPool sandboxes;
    private final BridgeNetwork bridge;
    private final ContainerStore store;
    private final ContainerPaths paths;
    private final EventBus events;
    private final Containers containers;
    private final NetworkDns dns;

    ContainerNetworking(Networks networks, Endpoints endpoints, SandboxPool sandboxes, BridgeNetwork bridge, ContainerStore store,
                        ContainerPaths paths, EventBus events, Containers containers) {
        this.networks = networks;
        this.endpoints = endpoints;
        this.sandboxes = sandboxes;
        this.bridge = bridge;
        this.store = store;
        this.paths = paths;
        this.events = events;
        this.containers = containers;
        this.dns = new NetworkDns(networks, this::linkAliases);
        endpoints.addListener(dns);
    }

    /**
     * A container on a user-defined network asks berth's embedded DNS server (its network's
     * gateway): its resolv.conf names that server, keeping the host's search and options, and its
     * {@code --dns} servers become the server's upstreams for its queries, as Docker's ExtServers.
     * Written before the container starts, so the bind mount of the file sees it.
     */
    void useEmbeddedDns(ContainerSpec spec) {
        List<Attachment> live = userAttachments(spec.id()).stream().filter(a -> !a.ifname().isEmpty()).toList();
        for (Attachment a : live) {
            Optional<InetAddress> server = dns.serverAddress(a.networkId());
            if (server.isEmpty()) continue;
            ResolvConfs.Internal conf = ResolvConfs.internal(ResolvConfs.host(), spec.names().overrides(), server.get());
            AtomicFiles.replace(paths.resolvConf(spec.id()), conf.content());
            dns.asker(live.stream().map(x -> IpAddresses.parse(x.endpoint().ipAddress())).toList(),
                    new DnsServer.Asker(conf.upstreams(), conf.ndotsSet()));
            return;
        }
    }

    /** {@code --link NAME:ALIAS} of a container: ALIAS → NAME, for the embedded DNS of its user networks. */
    private Map<String, String> linkAliases(String containerId) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        store.find(containerId).ifPresent(e -> e.spec().names().links().forEach(l -> out.put(l.alias(), l.name())));
        return out;
    }

    /** Start-up: the names of the containers still running are served again. */
    void restoreNames() {
        for (ContainerStore.Entry e : store.all()) {
            if (!e.state().isRunning()) continue;
            for (Attachment a : userAttachments(e.spec().id())) if (a.active()) dns.changed(a, true);
        }
    }

    /** Daemon shutdown. */
    public void stopDns() {
        dns.stopAll();
    }

    /** The networks a create asked for, checked: recorded by {@link #record} once the container exists. */
    record Plan(List<NetworkConfig> networks, List<EndpointSettings> settings, EndpointSettings bridgeSettings) {}

    static boolean onDefaultBridge(String mode) {
        return mode.isEmpty() || mode.equals("default") || mode.equals("bridge");
    }

    Plan plan(String mode, NetworkingRequest req) {
        List<NetworkConfig> nets = new ArrayList<>();
        List<EndpointSettings> settings = new ArrayList<>();
        EndpointSettings bridgeSettings = EndpointSettings.NONE;
        Map<String, EndpointSettings> asked = req.endpoints();
        Set<String> used = new HashSet<>();
        if (mode.equals("host") || mode.equals("none") || mode.startsWith("container:")) {
            if (!req.macAddress().isEmpty() || asked.values().stream().anyMatch(s -> !s.macAddress().isEmpty())) {
                throw new BerthException.InvalidArgument("conflicting options: mac-address and the network mode");
            }
            if (mode.startsWith("container:")) {
                String other = mode.substring("container:".length());
                if (other.isEmpty()) throw new BerthException.InvalidArgument("invalid network mode: " + mode);
                store.get(other);
            }
            return new Plan(nets, settings, bridgeSettings);
        }
        if (onDefaultBridge(mode)) {
            EndpointSettings s = first(asked, "default", "bridge", bridge.id());
            used.addAll(List.of("default", "bridge", bridge.id()));
            if (!s.aliases().isEmpty()) throw new BerthException.InvalidArgument("network-scoped alias is supported only for containers in user defined networks");
            if (!s.ipv4Address().isEmpty()) throw new BerthException.InvalidArgument("user specified IP address is supported on user defined networks only");
            String mac = !s.macAddress().isEmpty() ? s.macAddress() : req.macAddress();
            if (!mac.isEmpty()) Endpoints.checkMac(mac);
            bridgeSettings = new EndpointSettings(List.of(), "", mac);
        } else {
            NetworkConfig primary = networks.get(mode);
            EndpointSettings s = first(asked, mode, primary.name(), primary.id());
            used.addAll(List.of(mode, primary.name(), primary.id()));
            if (s.macAddress().isEmpty() && !req.macAddress().isEmpty()) s = new EndpointSettings(s.aliases(), s.ipv4Address(), req.macAddress());
            nets.add(primary);
            settings.add(Endpoints.check(primary, s));
        }
        // API 1.44: more networks at create, each with its own settings
        for (var e : asked.entrySet()) {
            if (used.contains(e.getKey())) continue;
            if (Networks.isPredefined(e.getKey()) || e.getKey().equals("default")) {
                throw new BerthException.InvalidArgument("berth: the container's network mode is " + mode + "; it cannot also be on " + e.getKey());
            }
            NetworkConfig n = networks.get(e.getKey());
            if (nets.stream().anyMatch(x -> x.id().equals(n.id()))) continue;
            nets.add(n);
            settings.add(Endpoints.check(n, e.getValue()));
        }
        return new Plan(nets, settings, bridgeSettings);
    }

    private static EndpointSettings first(Map<String, EndpointSettings> m, String... keys) {
        for (String k : keys) if (m.containsKey(k)) return m.get(k);
        return EndpointSettings.NONE;
    }

    void record(ContainerSpec spec, Plan plan) {
        for (int i = 0; i < plan.networks().size(); i++) {
            endpoints.record(spec.id(), spec.name(), plan.networks().get(i), plan.settings().get(i));
        }
        if (!plan.bridgeSettings().macAddress().isEmpty()) {
            endpoints.recordSettings(spec.id(), spec.name(), bridge.id(), plan.bridgeSettings());
        }
    }

    /** One of a container's networks as inspect shows it: the network's name and the attachment. */
    public record Joined(String network, String driver, Attachment attachment) {}

    /**
     * What inspect and ps show of a container's networks: its user-defined networks in joining
     * order, and the default bridge's MAC setting when it is on the bridge.
     */
    public List<Joined> joined(String containerId) {
        List<Joined> out = new ArrayList<>();
        for (Attachment a : userAttachments(containerId)) {
            out.add(new Joined(networkName(a), networkType(a), a));
        }
        return out;
    }

    /** Whether the container has interfaces up on user-defined networks. */
    boolean onUserNetworks(String containerId) {
        return userAttachments(containerId).stream().anyMatch(a -> !a.ifname().isEmpty());
    }

    /** The container's attachments to user-defined networks, in joining order. */
    List<Attachment> userAttachments(String containerId) {
        return endpoints.of(containerId).stream().filter(a -> !a.networkId().equals(bridge.id())).toList();
    }

    private String bridgeMac(String containerId) {
        return endpoints.of(containerId).stream().filter(a -> a.networkId().equals(bridge.id()))
                .map(a -> a.settings().macAddress()).findFirst().orElse("");
    }

    // ---------------------------------------------------------------- start, exit

    /** Wires the container's namespace before runc create: its path for the OCI spec, null for the host's, "" for a new one. */
    String join(ContainerSpec spec, LiveContainer l) {
        String id = spec.id();
        String mode = spec.host().networkMode();
        if (mode.equals("host")) return null;
        // --network none: runc makes the namespace and brings lo up itself
        if (mode.equals("none")) return "";
        if (mode.startsWith("container:")) return sharedNamespace(spec, mode.substring("container:".length()));
        List<Attachment> user = userAttachments(id);
        boolean onBridge = onDefaultBridge(mode);
        String mac = bridgeMac(id);
        // the pool's pre-wired namespaces are the default bridge's fast path
        Sandbox sb = onBridge && user.isEmpty() && mac.isEmpty() ? sandboxes.take() : sandboxes.create(onBridge, mac);
        l.sandbox = sb;
        l.endpoint = sb.endpoint();
        AtomicFiles.replace(paths.sandbox(id), sb.name());
        String address = sb.endpoint().ipAddress();
        if (onBridge) events.publish("network", "connect", bridge.id(), Map.of("container", id, "name", "bridge", "type", "bridge"));
        int next = onBridge ? 1 : 0;
        for (Attachment a : user) {
            Attachment live = endpoints.up(a, sb.netns().toString(), "eth" + next++);
            if (address.isEmpty()) address = live.endpoint().ipAddress();
            connectEvent(id, live.networkId());
        }
        // /etc/hosts is written by the caller, with --add-host and link lines (ContainerEtc)
        return sb.netns().toString();
    }

    /**
     * Where a started container is reachable from the host: its address on the default bridge, else
     * on its first user-defined network, with that network's bridge and subnet (what /etc/hosts and
     * published ports need). Null for host, none and container: modes, which have none of their own.
     */
    record Primary(Endpoint endpoint, String bridgeName, String subnet) {}

    Primary primary(ContainerSpec spec, LiveContainer l) {
        String mode = spec.host().networkMode();
        if (mode.equals("host") || mode.equals("none") || mode.startsWith("container:")) return null;
        if (l.endpoint != null && !l.endpoint.ipAddress().isEmpty()) return new Primary(l.endpoint, bridge.bridgeName(), bridge.subnet());
        for (Attachment a : userAttachments(spec.id())) {
            if (a.ifname().isEmpty() || a.endpoint().ipAddress().isEmpty()) continue;
            NetworkConfig net = networks.byId(a.networkId()).orElse(null);
            if (net == null) continue;
            return new Primary(a.endpoint(), net.bridge(), net.ipam().isEmpty() ? "" : net.ipam().getFirst().subnet());
        }
        return null;
    }

    /** {@code --network container:X}: X's namespace, which X must be running to have. */
    private String sharedNamespace(ContainerSpec spec, String ref) {
        ContainerStore.Entry other = store.get(ref);
        if (other.spec().id().equals(spec.id())) throw new BerthException.InvalidArgument("cannot join own network");
        if (!other.state().isRunning() || other.state().pid() <= 0) {
            throw new BerthException.Conflict("cannot join network of a non running container: " + ref);
        }
        return "/proc/" + other.state().pid() + "/ns/net";
    }

    /** Takes the container's user-network interfaces down (CNI DEL) before its sandbox goes. */
    void leave(ContainerSpec spec, LiveContainer l) {
        String id = spec.id();
        Sandbox sb = l.sandbox;
        leaveUserNetworks(spec, l);
        if (sb != null && onDefaultBridge(spec.host().networkMode())) {
            events.publish("network", "disconnect", bridge.id(), Map.of("container", id, "name", "bridge", "type", "bridge"));
        }
    }

    /** The container's interfaces on user-defined networks go down (CNI DEL), each once. */
    void leaveUserNetworks(ContainerSpec spec, LiveContainer l) {
        String id = spec.id();
        String netns = l.sandbox == null ? "" : l.sandbox.netns().toString();
        for (Attachment a : userAttachments(id)) {
            if (a.ifname().isEmpty()) continue;
            endpoints.down(a, netns);
            events.publish("network", "disconnect", a.networkId(), Map.of("container", id, "name", networkName(a), "type", networkType(a)));
        }
    }

    /** Start-up: a container that is not running holds no address; a start that died half-way may have taken some. */
    void releaseStale(String id) {
        for (Attachment a : userAttachments(id)) if (!a.ifname().isEmpty()) endpoints.down(a, "");
    }

    void renamed(String id, String newName) {
        endpoints.renamed(id, newName);
    }

    /** Start-up: attachments of containers with no record are released. */
    void sweep(Set<String> containerIds) {
        endpoints.sweep(containerIds);
    }

    void removed(String id) {
        endpoints.forgetAll(id);
    }

    // ---------------------------------------------------------------- connect, disconnect

    /** docker network connect: recorded, and wired at once when the container runs. */
    public void connect(String containerRef, String networkRef, EndpointSettings settings) {
        ContainerStore.Entry e = store.get(containerRef);
        String id = e.spec().id();
        NetworkConfig n = userNetwork(networkRef, "connected to");
        String mode = e.spec().host().networkMode();
        refuseSharedModes(mode);
        LiveContainer l = containers.live(id);
        synchronized (l) {
            endpoints.record(id, e.spec().name(), n, settings);
            ContainerState s = store.get(id).state();
            Sandbox sb = l.sandbox;
            if (s.isRunning() && sb != null) {
                Attachment a = endpoints.of(id).stream().filter(x -> x.networkId().equals(n.id())).findFirst().orElseThrow();
                try {
                    endpoints.up(a, sb.netns().toString(), nextInterface(id, l));
                } catch (RuntimeException ex) {
                    endpoints.forget(id, n.id());
                    throw ex;
                }
            }
        }
        connectEvent(id, n.id());
    }

    /** docker network disconnect: the interface goes at once when the container runs. */
    public void disconnect(String containerRef, String networkRef, boolean force) {
        NetworkConfig n = userNetwork(networkRef, "disconnected from");
        Optional<ContainerStore.Entry> found = store.find(containerRef);
        if (found.isEmpty()) {
            // -f: the endpoint of a container that is gone is dropped all the same
            if (force) {
                for (Attachment a : networks.endpointsOn(n.id())) {
                    if (a.containerName().equals(containerRef) || a.containerId().startsWith(containerRef)) {
                        endpoints.down(a, "");
                        endpoints.forget(a.containerId(), n.id());
                        return;
                    }
                }
            }
            throw new BerthException.NotFound("No such container: " + containerRef);
        }
        String id = found.get().spec().id();
        LiveContainer l = containers.live(id);
        synchronized (l) {
            Attachment a = endpoints.of(id).stream().filter(x -> x.networkId().equals(n.id())).findFirst()
                    .orElseThrow(() -> new BerthException.Forbidden("container " + id + " is not connected to network " + n.name()));
            if (!a.ifname().isEmpty()) {
                Sandbox sb = l.sandbox;
                endpoints.down(a, sb == null ? "" : sb.netns().toString());
            }
            endpoints.forget(id, n.id());
        }
        events.publish("network", "disconnect", n.id(), Map.of("container", id, "name", n.name(), "type", n.driver()));
    }

    private NetworkConfig userNetwork(String ref, String verb) {
        if (ref.equals("host") || ref.equals("none")) {
            throw new BerthException.Forbidden("container cannot be disconnected from host network or connected to " + ref + " network");
        }
        if (ref.equals("bridge") || ref.equals(bridge.id())) {
            throw new BerthException.NotImplemented("berth: a container cannot be " + verb + " the default bridge network after create yet");
        }
        return networks.get(ref);
    }

    private static void refuseSharedModes(String mode) {
        if (mode.equals("host")) throw new BerthException.Forbidden("container cannot be disconnected from host network or connected to host network");
        if (mode.equals("none")) {
            throw new BerthException.Forbidden("container cannot be connected to multiple networks with one of the networks in private (none) mode");
        }
        if (mode.startsWith("container:")) {
            throw new BerthException.Forbidden("container sharing network namespace with another container or host cannot be connected to any other network");
        }
    }

    /** The first {@code ethN} the container's namespace does not have yet. */
    private String nextInterface(String id, LiveContainer l) {
        Set<String> taken = new HashSet<>();
        if (!l.endpoint.ipAddress().isEmpty()) taken.add("eth0");
        for (Attachment a : userAttachments(id)) if (!a.ifname().isEmpty()) taken.add(a.ifname());
        int i = 0;
        while (taken.contains("eth" + i)) i++;
        return "eth" + i;
    }

    private void connectEvent(String containerId, String networkId) {
        networks.byId(networkId).ifPresent(n ->
                events.publish("network", "connect", n.id(), Map.of("container", containerId, "name", n.name(), "type", n.driver())));
    }

    private String networkName(Attachment a) {
        return networks.byId(a.networkId()).map(NetworkConfig::name).orElse(a.endpoint().network());
    }

    private String networkType(Attachment a) {
        return networks.byId(a.networkId()).map(NetworkConfig::driver).orElse("bridge");
    }
}
