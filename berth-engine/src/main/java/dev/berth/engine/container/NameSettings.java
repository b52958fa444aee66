package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;
import dev.berth.engine.network.dns.IpAddresses;
import dev.berth.engine.network.dns.ResolvConfs;

import java.util.List;

/**
 * How a container finds names: Docker's {@code HostConfig.ExtraHosts}, {@code Dns},
 * {@code DnsSearch}, {@code DnsOptions} and {@code Links}, as the client sent them. Links are
 * resolved to the linked containers at create ({@link Link}), as dockerd's registerLinks does.
 */
public record NameSettings(List<String> extraHosts, List<String> dns, List<String> dnsSearch, List<String> dnsOptions,
                           List<Link> links) {
    public static final NameSettings NONE = new NameSettings(List.of(), List.of(), List.of(), List.of(), List.of());

    /** The literal that {@code --add-host NAME:host-gateway} stands for. */
    public static final String HOST_GATEWAY = "host-gateway";

    /**
     * One {@code --link}: the linked container, its name at create (for inspect's
     * {@code /name:/me/alias}), and the alias this container knows it by.
     */
    public record Link(String containerId, String name, String alias) {}

    public NameSettings {
        extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
        dns = dns == null ? List.of() : List.copyOf(dns);
        dnsSearch = dnsSearch == null ? List.of() : List.copyOf(dnsSearch);
        dnsOptions = dnsOptions == null ? List.of() : List.copyOf(dnsOptions);
        links = links == null ? List.of() : List.copyOf(links);
    }

    public ResolvConfs.Overrides overrides() {
        return new ResolvConfs.Overrides(dns, dnsSearch, dnsOptions);
    }

    /** dockerd's checks at create, with its messages (opts.ValidateExtraHost; libnetwork's nameserver parse). */
    public void validate() {
        for (String h : extraHosts) {
            int colon = h.indexOf(':');
            if (colon <= 0) throw new BerthException.InvalidArgument("bad format for add-host: \"" + h + "\"");
            String ip = h.substring(colon + 1);
            if (!ip.equals(HOST_GATEWAY) && IpAddresses.parse(ip) == null) {
                throw new BerthException.InvalidArgument("invalid IP address in add-host: \"" + ip + "\"");
            }
        }
        for (String ns : dns) {
            if (IpAddresses.parse(ns) == null) throw new BerthException.InvalidArgument("bad nameserver address " + ns);
        }
    }

    /**
     * A {@code --link} value split as dockerd's opts.ParseLink: {@code name}, {@code name:alias},
     * or inspect's own {@code /name:/parent/alias}.
     */
    public static String[] parseLink(String value) {
        if (value == null || value.isEmpty()) throw new BerthException.InvalidArgument("empty string specified for links");
        String[] p = value.split(":", 3);
        if (p.length > 2) throw new BerthException.InvalidArgument("bad format for links: " + value);
        if (p.length == 1) return new String[]{value, value};
        if (p[0].startsWith("/")) return new String[]{p[0].substring(1), p[1].substring(p[1].lastIndexOf('/') + 1)};
        return p;
    }
}
