package dev.berth.distribution;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where a registry domain is served, as dockerd decides it: {@code docker.io} at
 * {@code registry-1.docker.io} after any {@code --registry-mirror}s; plain HTTP for loopback
 * (Docker's default insecure 127.0.0.0/8) and for {@code --insecure-registry HOST:PORT}; HTTPS
 * for everything else.
 */
public record RegistryHosts(Set<String> insecure, List<URI> mirrors) {
    public static final String DOCKER_HUB = "docker.io";
    public static final URI DOCKER_HUB_ENDPOINT = URI.create("https://registry-1.docker.io");

    public RegistryHosts {
        insecure = Set.copyOf(insecure);
        mirrors = List.copyOf(mirrors);
    }

    public static RegistryHosts defaults() {
        return new RegistryHosts(Set.of(), List.of());
    }

    /** The base URIs to try for {@code domain}, in order. */
    public List<URI> endpoints(String domain) {
        List<URI> out = new ArrayList<>();
        if (domain.equals(DOCKER_HUB)) {
            out.addAll(mirrors);
            out.add(DOCKER_HUB_ENDPOINT);
            return out;
        }
        out.add(URI.create((isPlainHttp(domain) ? "http://" : "https://") + domain));
        return out;
    }

    /** Whether {@code domain} ({@code host[:port]}) is spoken to in plain HTTP. */
    public boolean isPlainHttp(String domain) {
        if (insecure.contains(domain)) return true;
        String host = host(domain);
        if (insecure.contains(host)) return true;
        if (host.equals("localhost")) return true;
        if (host.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
            try {
                InetAddress a = InetAddress.getByName(host); // a literal: no lookup
                return a instanceof Inet4Address && a.isLoopbackAddress();
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return host.equals("[::1]");
    }

    private static String host(String domain) {
        if (domain.startsWith("[")) {
            int end = domain.indexOf(']');
            return end < 0 ? domain : domain.substring(0, end + 1);
        }
        int colon = domain.lastIndexOf(':');
        return colon < 0 ? domain : domain.substring(0, colon);
    }
}
