package dev.berth.cli.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code -p/--publish} and {@code --expose} ({@code nat.ParsePortSpecs}): {@code [ip:][hostPort:]containerPort[/proto]}
 * with optional ranges, into the {@code ExposedPorts} set and {@code PortBindings} map of the create body.
 */
public final class PortSpecs {
    /** One binding of a container port. */
    public record Binding(String hostIp, String hostPort) {}

    private PortSpecs() {}

    /** Adds the ports of one {@code -p} value to {@code exposed} and {@code bindings} (keys {@code 80/tcp}). */
    public static void publish(String spec, List<String> exposed, Map<String, List<Binding>> bindings) {
        String proto = "tcp";
        String rest = spec;
        int slash = rest.lastIndexOf('/');
        if (slash >= 0) {
            proto = rest.substring(slash + 1).toLowerCase(java.util.Locale.ROOT);
            rest = rest.substring(0, slash);
            if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) throw new ConfigException("invalid proto: " + proto);
        }
        String ip = "";
        String hostPort = "";
        String containerPort;
        // an IPv6 address is written in brackets: [::1]:8080:80
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) throw new ConfigException("invalid ip address: " + rest);
            ip = rest.substring(1, close);
            rest = rest.substring(close + 1);
            if (rest.startsWith(":")) rest = rest.substring(1);
            int c = rest.lastIndexOf(':');
            hostPort = c < 0 ? "" : rest.substring(0, c);
            containerPort = c < 0 ? rest : rest.substring(c + 1);
        } else {
            String[] parts = rest.split(":", -1);
            switch (parts.length) {
                case 1 -> containerPort = parts[0];
                case 2 -> {
                    hostPort = parts[0];
                    containerPort = parts[1];
                }
                case 3 -> {
                    ip = parts[0];
                    hostPort = parts[1];
                    containerPort = parts[2];
                }
                default -> {
                    ip = String.join(":", java.util.Arrays.copyOf(parts, parts.length - 2));
                    hostPort = parts[parts.length - 2];
                    containerPort = parts[parts.length - 1];
                }
            }
        }
        if (containerPort.isEmpty()) throw new ConfigException("no port specified: " + spec + "<empty>");
        int[] cr = range(containerPort, "containerPort");
        int[] hr = hostPort.isEmpty() ? null : range(hostPort, "hostPort");
        int count = cr[1] - cr[0] + 1;
        if (hr != null && hr[1] - hr[0] + 1 != count && hr[0] != hr[1]) {
            throw new ConfigException("invalid ranges specified for container and host Ports: " + containerPort + " and " + hostPort);
        }
        for (int i = 0; i < count; i++) {
            String key = (cr[0] + i) + "/" + proto;
            if (!exposed.contains(key)) exposed.add(key);
            String hp = hr == null ? "" : hr[0] == hr[1] ? (count == 1 ? Integer.toString(hr[0]) : hr[0] + "-" + hr[1]) : Integer.toString(hr[0] + i);
            bindings.computeIfAbsent(key, k -> new ArrayList<>()).add(new Binding(ip, hp));
        }
    }

    /** {@code --expose 80} or {@code --expose 8000-8010/udp}. */
    public static void expose(String spec, List<String> exposed) {
        String proto = "tcp";
        String port = spec;
        int slash = spec.lastIndexOf('/');
        if (slash >= 0) {
            proto = spec.substring(slash + 1);
            port = spec.substring(0, slash);
        }
        int[] r = range(port, "port");
        for (int p = r[0]; p <= r[1]; p++) {
            String key = p + "/" + proto;
            if (!exposed.contains(key)) exposed.add(key);
        }
    }

    private static int[] range(String s, String what) {
        String[] p = s.split("-", 2);
        try {
            int a = Integer.parseInt(p[0]);
            int b = p.length > 1 ? Integer.parseInt(p[1]) : a;
            if (a < 0 || a > 65535 || b < a || b > 65535) throw new NumberFormatException();
            return new int[]{a, b};
        } catch (NumberFormatException e) {
            throw new ConfigException("invalid " + what + ": " + s);
        }
    }

    /** Ordered maps keep the ports in the order given, as the JSON the docker CLI sends is sorted anyway. */
    public static Map<String, List<Binding>> newBindings() {
        return new LinkedHashMap<>();
    }
}
