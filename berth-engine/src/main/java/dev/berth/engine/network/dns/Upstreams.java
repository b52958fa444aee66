package dev.berth.engine.network.dns;

import java.net.InetSocketAddress;
import java.util.List;

/** The servers an embedded DNS server forwards to when a container names none of its own. */
public final class Upstreams {
    private Upstreams() {}

    /**
     * The host's nameservers (from the file dockerd would read: see {@link ResolvConfs#host()}),
     * port 53. Loopback ones stay: berthd runs in the host's namespace, where they answer (dockerd
     * reaches them the same way, as "host(...)" servers). None at all: Google's, as dockerd.
     */
    public static List<InetSocketAddress> fromHost() {
        ResolvConf host = ResolvConfs.host();
        List<InetSocketAddress> out = host.nameservers().stream().map(a -> new InetSocketAddress(a, 53)).toList();
        if (!out.isEmpty()) return out;
        return List.of(new InetSocketAddress(IpAddresses.parse("8.8.8.8"), 53), new InetSocketAddress(IpAddresses.parse("8.8.4.4"), 53));
    }
}
