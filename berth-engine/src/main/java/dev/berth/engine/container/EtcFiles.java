package dev.berth.engine.container;

import dev.berth.engine.network.dns.ResolvConf;
import dev.berth.engine.network.dns.ResolvConfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The contents of the /etc files berthd writes per container (hosts, resolv.conf), as Docker
 * writes them. Pure: the caller reads the host's files and writes the results.
 */
final class EtcFiles {
    static final String DEFAULT_HOSTS = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
            + "fe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n";

    private EtcFiles() {}

    /** A container without an address yet, or on {@code none}. */
    static String hosts(String hostname, String ip) {
        return hosts(DEFAULT_HOSTS, List.of(), List.of(), hostname, "", ip);
    }

    /**
     * Docker's /etc/hosts: {@code base} (the defaults; the host's own file on {@code --network
     * host}), then one line per {@code --add-host} (already resolved to addresses), one per
     * {@code --link}, and last the container's own address with its FQDN and short name.
     *
     * @param extraHosts {@code NAME:IP} pairs, host-gateway already replaced
     */
    static String hosts(String base, List<String> extraHosts, List<String> linkLines, String hostname, String domainname, String ip) {
        StringBuilder b = new StringBuilder(base);
        if (!base.isEmpty() && !base.endsWith("\n")) b.append('\n');
        for (String h : extraHosts) {
            int colon = h.indexOf(':');
            b.append(h.substring(colon + 1)).append('\t').append(h, 0, colon).append('\n');
        }
        for (String l : linkLines) b.append(l).append('\n');
        if (ip != null && !ip.isEmpty()) {
            String fqdn = domainname == null || domainname.isEmpty() ? hostname : hostname + "." + domainname;
            int dot = fqdn.indexOf('.');
            b.append(ip).append('\t').append(fqdn);
            if (dot > 0) b.append(' ').append(fqdn, 0, dot);
            b.append('\n');
        }
        return b.toString();
    }

    /** The host's /etc/hosts, the base of a {@code --network host} container's file (as dockerd). */
    static String hostHosts() {
        try {
            return Files.readString(Path.of("/etc/hosts"));
        } catch (IOException e) {
            return DEFAULT_HOSTS;
        }
    }

    /**
     * The resolv.conf a container gets at create for its network mode. A user-defined network's
     * file comes from {@link ResolvConfs#internal} once the container's network has its embedded
     * server's address: the networks code writes it at start.
     */
    static String resolvConf(String networkMode, NameSettings names) {
        ResolvConf host = ResolvConfs.host();
        return switch (networkMode) {
            case "host", "none" -> ResolvConfs.hostNetwork(host, names.overrides());
            // the default bridge has no IPv6 in berth yet: IPv6 nameservers are dropped, as dockerd does without --ipv6
            default -> ResolvConfs.legacy(host, names.overrides(), false);
        };
    }
}
