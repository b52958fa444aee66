package dev.berth.engine.network.ipam;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The IPv4 destinations the host routes somewhere ({@code ip -4 route show table all}), default routes left out. */
public final class HostRoutes {
    private HostRoutes() {}

    public static List<Cidr> destinations() {
        List<Cidr> out = new ArrayList<>();
        try {
            Process p = new ProcessBuilder("ip", "-4", "route", "show", "table", "all").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            for (String line : text.lines().toList()) {
                String[] f = line.trim().split("\\s+");
                int i = 0;
                // "local 10.0.0.5 dev ...", "broadcast ..." carry their type first
                if (f.length > 1 && List.of("local", "broadcast", "unicast", "multicast", "anycast").contains(f[0])) i = 1;
                if (f.length <= i || f[i].equals("default") || !f[i].contains(".")) continue;
                try {
                    out.add(Cidr.parse(f[i], "route"));
                } catch (RuntimeException ignored) {
                    // not an address: nothing to avoid
                }
            }
        } catch (IOException e) {
            // no ip binary: nothing known to avoid
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }
}
