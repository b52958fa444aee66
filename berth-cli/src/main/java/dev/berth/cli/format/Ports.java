package dev.berth.cli.format;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PORTS column of {@code docker ps}: published ports as {@code 0.0.0.0:8080->80/tcp},
 * unpublished as {@code 80/tcp}, consecutive ports folded into ranges ({@code 8000-8002/tcp}).
 */
public final class Ports {
    /** One entry of a container summary's {@code Ports}; {@code ip} is empty and {@code publicPort} 0 when unpublished. */
    public record Port(String ip, int privatePort, int publicPort, String type) {}

    private Ports() {}

    public static String display(List<Port> ports) {
        List<Port> sorted = new ArrayList<>(ports);
        sorted.sort(Comparator.comparingInt(Port::privatePort).thenComparing(Port::ip)
                .thenComparingInt(Port::publicPort).thenComparing(Port::type));
        Map<String, int[]> groups = new LinkedHashMap<>();
        List<String> result = new ArrayList<>();
        List<String> hostMappings = new ArrayList<>();
        for (Port p : sorted) {
            int current = p.privatePort();
            String key = p.type();
            if (!p.ip().isEmpty()) {
                if (p.publicPort() != current) {
                    String host = p.ip().contains(":") ? "[" + p.ip() + "]" : p.ip();
                    hostMappings.add(host + ":" + p.publicPort() + "->" + p.privatePort() + "/" + p.type());
                    continue;
                }
                key = p.ip() + "/" + p.type();
            }
            int[] g = groups.get(key);
            if (g == null) {
                groups.put(key, new int[]{current, current});
                continue;
            }
            if (current == g[1] + 1) {
                g[1] = current;
                continue;
            }
            result.add(group(key, g[0], g[1]));
            groups.put(key, new int[]{current, current});
        }
        groups.forEach((k, g) -> result.add(group(k, g[0], g[1])));
        result.addAll(hostMappings);
        return String.join(", ", result);
    }

    private static String group(String key, int first, int last) {
        int slash = key.lastIndexOf('/');
        String ip = slash >= 0 ? key.substring(0, slash) : "";
        String type = slash >= 0 ? key.substring(slash + 1) : key;
        String g = first == last ? Integer.toString(first) : first + "-" + last;
        if (!ip.isEmpty()) g = (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + g + "->" + g;
        return g + "/" + type;
    }
}
