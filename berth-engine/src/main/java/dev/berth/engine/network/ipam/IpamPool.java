package dev.berth.engine.network.ipam;

import dev.berth.common.errors.BerthException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of a network's {@code IPAM.Config}: the subnet, the gateway, the sub-range dynamic
 * addresses come from ({@code --ip-range}) and addresses kept out of allocation
 * ({@code --aux-address name=ip}). Strings as the client wrote them, so inspect echoes them.
 */
public record IpamPool(String subnet, String gateway, String ipRange, Map<String, String> auxAddresses) {
    public IpamPool {
        gateway = gateway == null ? "" : gateway;
        ipRange = ipRange == null ? "" : ipRange;
        auxAddresses = auxAddresses == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(auxAddresses));
    }

    public Cidr cidr() {
        return Cidr.parse(subnet, "subnet");
    }

    /**
     * The pool with its gateway filled in (the subnet's first host, as Docker), after dockerd's
     * checks: the gateway, range and aux addresses must sit inside the subnet.
     */
    public IpamPool validated() {
        if (subnet.contains(":")) {
            throw new BerthException.NotImplemented("berth: IPv6 subnets are not supported yet (" + subnet + ")");
        }
        Cidr net = cidr();
        if (net.prefix() > 30) throw new BerthException.InvalidArgument("invalid subnet " + subnet + ": too small for a network");
        String gw = gateway;
        if (gw.isEmpty()) {
            gw = net.host(1);
        } else if (!Cidr.isAddress(gw) || !net.contains(Cidr.address(gw))) {
            throw new BerthException.Forbidden("no matching subnet for gateway " + gw);
        }
        if (!ipRange.isEmpty() && !net.contains(Cidr.parse(ipRange, "ip-range"))) {
            throw new BerthException.Forbidden("no matching subnet for range " + ipRange);
        }
        for (var aux : auxAddresses.entrySet()) {
            String ip = aux.getValue();
            if (!Cidr.isAddress(ip) || !net.contains(Cidr.address(ip))) {
                throw new BerthException.Forbidden("no matching subnet for aux-address " + ip);
            }
        }
        return new IpamPool(subnet, gw, ipRange, auxAddresses);
    }

    /** The prefix length of the subnet, for an endpoint's {@code IPPrefixLen}. */
    public int prefixLength() {
        return cidr().prefix();
    }
}
