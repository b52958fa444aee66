package dev.berth.engine.network.ports;

import dev.berth.common.errors.BerthException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's {@code HostConfig.PortBindings} (keys {@code 80/tcp}, in the order sent) and
 * {@code PublishAllPorts}, checked at create with dockerd's messages ({@code invalid port
 * specification: "x"}). {@link #resolve} turns them, with the exposed ports, into the host ports a
 * start takes.
 */
public record PortRequests(Map<String, List<HostBinding>> bindings, boolean publishAll) {
    public static final PortRequests NONE = new PortRequests(Map.of(), false);

    public PortRequests {
        Map<String, List<HostBinding>> copy = new LinkedHashMap<>();
        if (bindings != null) bindings.forEach((k, v) -> copy.put(k, v == null ? List.of() : List.copyOf(v)));
        bindings = Collections.unmodifiableMap(copy);
        for (var e : bindings.entrySet()) {
            PortKey.parse(e.getKey());
            for (HostBinding b : e.getValue()) {
                hostRange(b.hostPort());
                checkHostIp(b.hostIp());
            }
        }
    }

    public boolean isEmpty() {
        return bindings.values().stream().allMatch(List::isEmpty) && !publishAll;
    }

    /**
     * The host ports to take: every binding, then (with {@code publishAll}) an ephemeral port on
     * every address for each exposed port that has no binding, as dockerd.
     */
    public List<RequestedPort> resolve(List<String> exposedPorts) {
        List<RequestedPort> out = new ArrayList<>();
        for (var e : bindings.entrySet()) {
            PortKey k = PortKey.parse(e.getKey());
            for (HostBinding b : e.getValue()) {
                int[] r = hostRange(b.hostPort());
                out.add(new RequestedPort(k.proto(), k.port(), b.hostIp().isEmpty() ? "0.0.0.0" : b.hostIp(), r[0], r[1]));
            }
        }
        if (publishAll) {
            for (String exposed : exposedPorts) {
                PortKey k = PortKey.parse(exposed);
                if (bindings.containsKey(k.key()) && !bindings.get(k.key()).isEmpty()) continue;
                out.add(new RequestedPort(k.proto(), k.port(), "0.0.0.0", 0, 0));
            }
        }
        return out;
    }

    /** {@code ""} is ephemeral ({0, 0}); {@code 8080}; {@code 8000-8010}; dockerd's message for anything else. */
    static int[] hostRange(String hostPort) {
        // dockerd splits an optional "/proto" off the host port before parsing it
        String p = hostPort.contains("/") ? hostPort.substring(0, hostPort.indexOf('/')) : hostPort;
        if (p.isEmpty()) return new int[]{0, 0};
        try {
            String[] parts = p.split("-", -1);
            if (parts.length > 2) throw new NumberFormatException();
            int low = Integer.parseInt(parts[0]);
            int high = parts.length == 2 ? Integer.parseInt(parts[1]) : low;
            if (low < 0 || high > 65535 || high < low) throw new NumberFormatException();
            return new int[]{low, high};
        } catch (NumberFormatException e) {
            throw new BerthException.InvalidArgument("invalid port specification: \"" + hostPort + "\"");
        }
    }

    private static void checkHostIp(String ip) {
        if (ip.isEmpty()) return;
        if (ip.contains(":")) {
            throw new BerthException.NotImplemented("berth: IPv6 host addresses in HostConfig.PortBindings are not implemented yet (" + ip + ")");
        }
        if (!ip.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}")) {
            throw new BerthException.InvalidArgument("invalid IP address: " + ip);
        }
    }

    /** A container port key, {@code 80/tcp} or {@code 80} (tcp). */
    record PortKey(int port, String proto) {
        String key() {
            return port + "/" + proto;
        }

        static PortKey parse(String key) {
            int slash = key.indexOf('/');
            String port = slash < 0 ? key : key.substring(0, slash);
            String proto = slash < 0 ? "tcp" : key.substring(slash + 1).toLowerCase(java.util.Locale.ROOT);
            int n;
            try {
                n = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > 65535) throw new BerthException.InvalidArgument("invalid port specification: \"" + port + "\"");
            if (proto.equals("sctp")) throw new BerthException.NotImplemented("berth: sctp ports are not implemented yet (" + key + ")");
            if (!proto.equals("tcp") && !proto.equals("udp")) throw new BerthException.InvalidArgument("invalid proto: " + proto);
            return new PortKey(n, proto);
        }
    }
}
