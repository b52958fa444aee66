package dev.berth.engine.network.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A resolv.conf as Docker reads it: nameservers (unparseable ones kept aside), the last
 * {@code search} (or {@code domain}) line, every {@code options} value, and other lines verbatim;
 * comments and blank lines dropped.
 *
 * @param source the file it was read from, shown in the generated file's trailing comment
 */
public record ResolvConf(String source, List<InetAddress> nameservers, List<String> invalidNameservers, List<String> search,
                         List<String> options, List<String> other) {
    public ResolvConf {
        nameservers = List.copyOf(nameservers);
        invalidNameservers = List.copyOf(invalidNameservers);
        search = List.copyOf(search);
        options = List.copyOf(options);
        other = List.copyOf(other);
    }

    public static final ResolvConf EMPTY = new ResolvConf("", List.of(), List.of(), List.of(), List.of(), List.of());

    public static ResolvConf parse(String source, String text) {
        List<InetAddress> ns = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        List<String> search = new ArrayList<>();
        List<String> options = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';') continue;
            String[] f = line.trim().split("\\s+");
            if (f.length == 0 || f[0].isEmpty()) continue;
            switch (f[0]) {
                case "nameserver" -> {
                    if (f.length < 2) continue;
                    InetAddress a = IpAddresses.parse(f[1]);
                    if (a == null) invalid.add(f[1]);
                    else ns.add(a);
                }
                case "search", "domain" -> {
                    if (f.length < 2) continue;
                    search = new ArrayList<>(List.of(f).subList(1, f.length));
                }
                case "options" -> {
                    if (f.length < 2) continue;
                    options.addAll(List.of(f).subList(1, f.length));
                }
                default -> other.add(line);
            }
        }
        return new ResolvConf(source, ns, invalid, search, options, other);
    }

    /** The last {@code name[:value]} option called {@code name}, if any. */
    public boolean hasOption(String name) {
        for (String o : options) {
            if (o.equals(name) || o.startsWith(name + ":")) return true;
        }
        return false;
    }
}
