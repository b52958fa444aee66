package dev.berth.engine.network;

import dev.berth.engine.network.dns.DnsServer;
import dev.berth.engine.network.dns.IpAddresses;
import dev.berth.engine.network.dns.NetworkNames;
import dev.berth.engine.network.dns.Upstreams;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded DNS of user-defined bridge networks: one {@link NetworkNames} table for every
 * network, fed by endpoints coming up and going down, and one {@link DnsServer} per network on its
 * gateway address, port 53, started when the network's first endpoint comes up and stopped when
 * its last goes. All servers answer from the same table, which resolves a name on the networks the
 * asker (known by its source address) shares with the target, so a container on two networks finds
 * its peers on both whichever gateway it asks. An {@code --internal} network's server forwards
 * nothing. macvlan and ipvlan networks have no gateway on this host: they get no server (a
 * container there keeps the host's resolvers), as the README says.
 */
public final class NetworkDns implements EndpointListener {
    private static final System.Logger LOG = System.getLogger("berthd");
    private final Networks networks;
    private final java.util.function.Function<String, Map<String, String>> linksOf;
    private final NetworkNames names = new NetworkNames();
    private final Map<String, DnsServer> servers = new ConcurrentHashMap<>();
    private final Map<String, Integer> members = new ConcurrentHashMap<>();

    /**
     * @param linksOf a container's {@code --link} aliases (alias → linked container's name): on a
     *                user-defined network a link is a name only the linking container resolves
     */
    public NetworkDns(Networks networks, java.util.function.Function<String, Map<String, String>> linksOf) {
        this.networks = networks;
        this.linksOf = linksOf;
    }

    @Override
    public synchronized void changed(Attachment a, boolean up) {
        Optional<NetworkConfig> net = networks.byId(a.networkId());
        if (net.isEmpty() || a.endpoint().ipAddress().isEmpty()) return;
        InetAddress ip = IpAddresses.parse(a.endpoint().ipAddress());
        if (up) {
            names.join(new NetworkNames.Member(net.get().name(), a.containerId(), a.containerName(), a.settings().aliases(),
                    List.of(ip), linksOf.apply(a.containerId())));
            members.merge(a.networkId(), 1, Integer::sum);
            serverFor(net.get());
        } else {
            names.leave(net.get().name(), a.containerId());
            DnsServer s = servers.get(a.networkId());
            if (s != null) s.forgetAsker(ip);
            if (members.merge(a.networkId(), -1, Integer::sum) <= 0) {
                members.remove(a.networkId());
                DnsServer gone = servers.remove(a.networkId());
                if (gone != null) gone.stop();
            }
        }
    }

    /**
     * The address a container on {@code networkId} asks (the network's gateway), once its server
     * runs; empty for networks without one.
     */
    public Optional<InetAddress> serverAddress(String networkId) {
        DnsServer s = servers.get(networkId);
        return s == null || s.address() == null ? Optional.empty() : Optional.of(s.address().getAddress());
    }

    /**
     * A container's own upstreams ({@code --dns}) and whether it set ndots, for the queries its
     * addresses send to any of berth's servers.
     */
    public void asker(List<InetAddress> addresses, DnsServer.Asker settings) {
        for (DnsServer s : servers.values()) for (InetAddress a : addresses) s.asker(a, settings);
    }

    /** Daemon shutdown: every server stops (containers keep their resolv.conf for the next start). */
    public synchronized void stopAll() {
        servers.values().forEach(DnsServer::stop);
        servers.clear();
        members.clear();
    }

    private void serverFor(NetworkConfig net) {
        if (servers.containsKey(net.id()) || net.bridge().isEmpty() || net.ipam().isEmpty()) return;
        String gateway = net.ipam().getFirst().gateway();
        if (gateway.isEmpty()) return;
        DnsServer server = new DnsServer(names, Upstreams.fromHost(), DnsServer.UPSTREAM_TIMEOUT);
        server.forwarding(!net.internal());
        try {
            server.start(new InetSocketAddress(IpAddresses.parse(gateway), 53));
            servers.put(net.id(), server);
        } catch (IOException e) {
            // names then do not resolve on this network; containers still start and reach each other by address
            LOG.log(System.Logger.Level.WARNING, "embedded DNS for network " + net.name() + " cannot listen on " + gateway + ":53: " + e.getMessage());
        }
    }
}
