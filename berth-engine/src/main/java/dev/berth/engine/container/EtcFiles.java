package dev.berth.engine.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The contents of the /etc files berthd writes per container: hosts and resolv.conf, as Docker writes them. */
final class EtcFiles {
    private EtcFiles() {}

    static String hosts(String hostname, String ip) {
        StringBuilder b = new StringBuilder("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
                + "fe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n");
        if (ip != null && !ip.isEmpty()) b.append(ip).append('\t').append(hostname).append('\n');
        return b.toString();
    }

    /** The host's resolv.conf without loopback resolvers, which a container cannot reach; Google's when none is left (as Docker). */
    static String resolvConf() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/etc/resolv.conf"));
            List<String> kept = lines.stream().filter(l -> !(l.startsWith("nameserver") && (l.contains(" 127.") || l.contains(" ::1")))).toList();
            if (kept.stream().noneMatch(l -> l.startsWith("nameserver"))) {
                kept = new ArrayList<>(kept);
                kept.add("nameserver 8.8.8.8");
                kept.add("nameserver 8.8.4.4");
            }
            return String.join("\n", kept) + "\n";
        } catch (IOException e) {
            return "nameserver 8.8.8.8\n";
        }
    }
}
