package dev.berth.engine.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.errors.BerthException;
import dev.berth.engine.network.ipam.Cidr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Containers on user-defined networks: their attachments (recorded at create and connect, kept
 * until disconnect or removal) and the CNI ADD and DEL that give a running container an interface
 * and address on each, and take them back. Callers hold the container's lock; nothing here
 * touches another container.
 */
public final class Endpoints {
    private final Networks networks;
    private final AttachmentStore store;
    private final Cni cni;
    private final List<EndpointListener> listeners = new CopyOnWriteArrayList<>();

    public Endpoints(Networks networks, AttachmentStore store, Cni cni) {
        this.networks = networks;
        this.store = store;
        this.cni = cni;
    }

    /** Called for every endpoint that comes up or goes down (see {@link EndpointListener}). */
    public void addListener(EndpointListener l) {
        listeners.add(l);
    }

    /** A container's attachments, in the order they were made (eth0, eth1... while it runs). */
    public List<Attachment> of(String containerId) {
        return store.ofContainer(containerId);
    }

    /**
     * Checks what a client asked of an endpoint on {@code network} (dockerd's rules) and returns it
     * resolved: the address must be IPv4 inside one of the network's subnets, the MAC a unicast one.
     */
    public static EndpointSettings check(NetworkConfig network, EndpointSettings s) {
        if (!s.ipv4Address().isEmpty()) {
            if (!Cidr.isAddress(s.ipv4Address())) throw new BerthException.InvalidArgument("invalid IPv4 address: " + s.ipv4Address());
            long ip = Cidr.address(s.ipv4Address());
            if (network.ipam().stream().noneMatch(p -> p.cidr().contains(ip))) {
                throw new BerthException.InvalidArgument("no configured subnet or ip-range contain the IP address " + s.ipv4Address());
            }
        }
        if (!s.macAddress().isEmpty()) checkMac(s.macAddress());
        for (String alias : s.aliases()) {
            if (alias.isEmpty()) throw new BerthException.InvalidArgument("network alias cannot be empty");
        }
        return s;
    }

    public static void checkMac(String mac) {
        if (!mac.matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}")) throw new BerthException.InvalidArgument(mac + " is not a valid mac address");
        if ((Integer.parseInt(mac.substring(0, 2), 16) & 1) != 0) {
            throw new BerthException.InvalidArgument(mac + " is a multicast address, not a unicast one");
        }
    }

    /** Records that a container is on a network; dockerd's 403 when it already is. */
    public void record(String containerId, String containerName, NetworkConfig network, EndpointSettings settings) {
        if (store.find(containerId, network.id()).isPresent()) {
            throw new BerthException.Forbidden("endpoint with name " + containerName + " already exists in network " + network.name());
        }
        store.insert(new Attachment(containerId, containerName, network.id(), check(network, settings), "", Endpoint.NONE));
    }

    /**
     * Keeps settings for a network {@link Endpoints} does not wire (the default bridge's
     * {@code --mac-address}), beside the container's other attachments.
     */
    public void recordSettings(String containerId, String containerName, String networkId, EndpointSettings settings) {
        store.insert(new Attachment(containerId, containerName, networkId, settings, "", Endpoint.NONE));
    }

    /** Forgets a container's attachment (disconnect of a container that is not running, or after {@link #down}). */
    public void forget(String containerId, String networkId) {
        store.delete(containerId, networkId);
    }

    public void forgetAll(String containerId) {
        for (Attachment a : store.ofContainer(containerId)) store.delete(containerId, a.networkId());
    }

    /** Start-up: attachments of containers that no longer exist are released and dropped. */
    public void sweep(java.util.Set<String> containerIds) {
        for (Attachment a : store.all()) {
            if (containerIds.contains(a.containerId())) continue;
            down(a, "");
            store.delete(a.containerId(), a.networkId());
        }
    }

    /** The container's new name on each of its networks (docker rename), for the names DNS answers. */
    public void renamed(String containerId, String newName) {
        for (Attachment a : store.ofContainer(containerId)) {
            store.update(new Attachment(a.containerId(), newName, a.networkId(), a.settings(), a.ifname(), a.endpoint()));
        }
    }

    /**
     * CNI ADD: the attachment's interface {@code ifname} in {@code netns}, with the address and MAC
     * asked for if any; the live endpoint is recorded so a restarted daemon knows what to release.
     */
    public Attachment up(Attachment a, String netns, String ifname) {
        NetworkConfig n = networks.byId(a.networkId())
                .orElseThrow(() -> new BerthException.NotFound("network " + a.networkId() + " not found"));
        String args = cniArgs(a.settings());
        // recorded first: a crash during ADD leaves a row whose DEL at start-up releases the address
        Attachment pending = a.withEndpoint(ifname, Endpoint.NONE);
        store.update(pending);
        JsonNode result;
        try {
            result = cni.invoke("ADD", a.containerId(), netns, ifname, CniConfigs.of(n, networks.ipamDir(n.id()), !a.settings().ipv4Address().isEmpty()), args);
        } catch (BerthException e) {
            releaseQuietly(n, a.containerId(), netns, ifname, !a.settings().ipv4Address().isEmpty());
            store.update(a.withEndpoint("", Endpoint.NONE));
            if (e.getMessage() != null && e.getMessage().contains("not available")) {
                throw new BerthException.Forbidden("Address already in use: " + a.settings().ipv4Address());
            }
            throw e;
        }
        JsonNode ip = result.path("ips").path(0);
        String[] addr = ip.path("address").asText("/0").split("/");
        String mac = "";
        for (JsonNode iface : result.path("interfaces")) {
            if (ifname.equals(iface.path("name").asText()) && iface.hasNonNull("sandbox")) mac = iface.path("mac").asText();
        }
        Endpoint ep = new Endpoint(n.name(), n.id(), endpointId(a.containerId(), n.id()), addr[0], Integer.parseInt(addr[1]),
                n.internal() ? "" : ip.path("gateway").asText(n.gateway()), mac);
        Attachment live = a.withEndpoint(ifname, ep);
        store.update(live);
        listeners.forEach(l -> l.changed(live, true));
        return live;
    }

    /** CNI DEL: the interface and address go; the attachment stays (the container may start again). */
    public void down(Attachment a, String netns) {
        Attachment current = store.find(a.containerId(), a.networkId()).orElse(a);
        if (current.ifname().isEmpty()) return;
        networks.byId(a.networkId()).ifPresent(n ->
                releaseQuietly(n, a.containerId(), netns, current.ifname(), !a.settings().ipv4Address().isEmpty()));
        Attachment idle = current.withEndpoint("", Endpoint.NONE);
        if (store.find(a.containerId(), a.networkId()).isPresent()) store.update(idle);
        if (current.active()) listeners.forEach(l -> l.changed(current, false));
    }

    private void releaseQuietly(NetworkConfig n, String containerId, String netns, String ifname, boolean fixed) {
        try {
            cni.invoke("DEL", containerId, netns == null ? "" : netns, ifname, CniConfigs.of(n, networks.ipamDir(n.id()), fixed));
        } catch (BerthException e) {
            System.err.println("berthd: CNI DEL of " + containerId + " on " + n.name() + " failed: " + e.getMessage());
        }
    }

    private static String cniArgs(EndpointSettings s) {
        List<String> args = new ArrayList<>();
        if (!s.ipv4Address().isEmpty()) args.add("IP=" + s.ipv4Address());
        if (!s.macAddress().isEmpty()) args.add("MAC=" + s.macAddress());
        if (args.isEmpty()) return "";
        args.addFirst("IgnoreUnknown=1");
        return String.join(";", args);
    }

    static String endpointId(String containerId, String networkId) {
        return dev.berth.oci.Digest.of((containerId + "/" + networkId).getBytes(StandardCharsets.UTF_8)).hex();
    }
}
