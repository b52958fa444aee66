package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;
import dev.berth.common.io.AtomicFiles;
import dev.berth.engine.network.Endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Writes a container's /etc/hostname, /etc/hosts and /etc/resolv.conf: once at create (before it
 * has an address), and /etc/hosts again at each start on the default bridge, with its address and
 * its links. Returns the environment the links add.
 */
final class ContainerEtc {
    private final ContainerPaths paths;
    private final LegacyLinks links;
    private final Supplier<String> hostGateway;

    /**
     * @param hostGateway the address {@code host-gateway} stands for: dockerd's
     *                    {@code --host-gateway-ip}, by default the default bridge's gateway
     */
    ContainerEtc(ContainerPaths paths, LegacyLinks links, Supplier<String> hostGateway) {
        this.paths = paths;
        this.links = links;
        this.hostGateway = hostGateway;
    }

    LegacyLinks links() {
        return links;
    }

    void atCreate(ContainerSpec spec) {
        String id = spec.id();
        AtomicFiles.replace(paths.hostname(id), spec.hostname() + "\n");
        boolean hostNet = spec.host().networkMode().equals("host");
        AtomicFiles.replace(paths.hosts(id), EtcFiles.hosts(hostNet ? EtcFiles.hostHosts() : EtcFiles.DEFAULT_HOSTS,
                extraHosts(spec), List.of(), spec.hostname(), spec.domainname(), null));
        try {
            AtomicFiles.replace(paths.resolvConf(id), EtcFiles.resolvConf(spec.host().networkMode(), spec.names()));
        } catch (IllegalArgumentException e) {
            throw new BerthException.InvalidArgument(e.getMessage());
        }
    }

    /** On the default bridge at start: /etc/hosts with the address and links; the links' environment. */
    List<String> atStart(ContainerSpec spec, Endpoint mine) {
        LegacyLinks.AtStart l = links.atStart(spec, mine);
        AtomicFiles.replace(paths.hosts(spec.id()), EtcFiles.hosts(EtcFiles.DEFAULT_HOSTS, extraHosts(spec), l.hostsLines(),
                spec.hostname(), spec.domainname(), mine.ipAddress()));
        return l.env();
    }

    /** {@code NAME:IP} with host-gateway replaced, as dockerd's buildSandboxOptions. */
    private List<String> extraHosts(ContainerSpec spec) {
        List<String> out = new ArrayList<>();
        for (String h : spec.names().extraHosts()) {
            int colon = h.indexOf(':');
            String ip = h.substring(colon + 1);
            if (ip.equals(NameSettings.HOST_GATEWAY)) {
                String gw = hostGateway.get();
                if (gw == null || gw.isEmpty()) throw new BerthException.Internal("unable to derive the IP value for host-gateway");
                ip = gw;
            }
            out.add(h.substring(0, colon) + ":" + ip);
        }
        return out;
    }
}
