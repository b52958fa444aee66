package dev.berth.engine.network.ports;

import java.util.ArrayList;
import java.util.List;

/**
 * The iptables rules that forward published ports in the kernel, as data (describe first, then do).
 * All sit in the nat table and carry the comment {@code berth:<bridge>} (a container's rules also
 * its short id), so a leak is visible in {@code iptables-save}.
 *
 * <pre>
 *  PREROUTING, OUTPUT -m addrtype --dst-type LOCAL -j BERTH-DNAT-&lt;bridge&gt;   (once per bridge)
 *  BERTH-DNAT-&lt;bridge&gt; [-d hostIp] -p tcp --dport 8080 -j DNAT --to-destination 172.18.0.2:80   (per port)
 *  POSTROUTING -s 127.0.0.0/8 -o &lt;bridge&gt; -j MASQUERADE                          (localhost, with route_localnet)
 *  POSTROUTING -s &lt;subnet&gt; -o &lt;bridge&gt; -m conntrack --ctstate DNAT -j MASQUERADE (hairpin)
 * </pre>
 *
 * OUTPUT takes no {@code ! -d 127.0.0.0/8} exclusion (dockerd's, for its userland proxy): 127.0.0.1
 * is forwarded by the kernel too. The two MASQUERADE rules make replies come back through the host:
 * a 127.0.0.1 source cannot leave the host, and a container reaching a neighbour through the host's
 * address would otherwise be answered directly, from an address it never talked to.
 */
public final class PortRules {
    private PortRules() {}

    /** The per-bridge chain: the bridge name keeps two bridges (and two daemons) apart; at most 28 characters. */
    public static String chain(String bridge) {
        return "BERTH-DNAT-" + bridge;
    }

    public static String comment(String bridge) {
        return "berth:" + bridge;
    }

    /** A rule of the nat table, as the arguments after {@code -A}/{@code -D}/{@code -C} (chain first). */
    public record Rule(List<String> args) {
        public Rule {
            args = List.copyOf(args);
        }

        /** The rule as a line of iptables-restore input, {@code op} being {@code -A} or {@code -D}. */
        public String line(String op) {
            StringBuilder b = new StringBuilder(op);
            for (String a : args) b.append(' ').append(a.contains(" ") ? '"' + a + '"' : a);
            return b.toString();
        }
    }

    /** The rules a bridge needs once, before any of its containers publishes a port (the chain itself is made apart). */
    public static List<Rule> bridgeRules(String bridge, String subnet) {
        String c = comment(bridge);
        return List.of(
                new Rule(List.of("PREROUTING", "-m", "addrtype", "--dst-type", "LOCAL", "-m", "comment", "--comment", c, "-j", chain(bridge))),
                new Rule(List.of("OUTPUT", "-m", "addrtype", "--dst-type", "LOCAL", "-m", "comment", "--comment", c, "-j", chain(bridge))),
                new Rule(List.of("POSTROUTING", "-s", "127.0.0.0/8", "-o", bridge, "-m", "comment", "--comment", c, "-j", "MASQUERADE")),
                new Rule(List.of("POSTROUTING", "-s", subnet, "-o", bridge, "-m", "conntrack", "--ctstate", "DNAT",
                        "-m", "comment", "--comment", c, "-j", "MASQUERADE")));
    }

    /** One DNAT rule per published port of a container at {@code containerIp}. */
    public static List<Rule> containerRules(String bridge, String containerId, String containerIp, List<PublishedPort> ports) {
        String c = comment(bridge) + " " + containerId.substring(0, Math.min(12, containerId.length()));
        List<Rule> rules = new ArrayList<>();
        for (PublishedPort p : ports) {
            List<String> a = new ArrayList<>(List.of(chain(bridge)));
            if (!p.allAddresses()) a.addAll(List.of("-d", p.hostIp() + "/32"));
            a.addAll(List.of("-p", p.proto(), "-m", p.proto(), "--dport", Integer.toString(p.hostPort()),
                    "-m", "comment", "--comment", c, "-j", "DNAT", "--to-destination", containerIp + ":" + p.containerPort()));
            rules.add(new Rule(a));
        }
        return rules;
    }

    /**
     * The rules of {@code iptablesSave} (the nat table as iptables-save prints it) that belong to a
     * bridge's port forwarding: every rule of its chain and every rule that jumps to it, and its two
     * MASQUERADE rules. The bridge's own outbound MASQUERADE is not among them.
     */
    public static List<Rule> ownedBy(String bridge, String iptablesSave) {
        List<Rule> out = new ArrayList<>();
        String chain = chain(bridge);
        for (String line : iptablesSave.split("\n")) {
            if (!line.startsWith("-A ")) continue;
            List<String> args = words(line.substring(3));
            boolean inChain = args.getFirst().equals(chain);
            boolean jumps = args.contains("-j") && args.get(args.indexOf("-j") + 1).equals(chain);
            boolean masq = args.contains(comment(bridge)) && args.contains("-o") && args.contains("MASQUERADE")
                    && (args.contains("127.0.0.0/8") || args.contains("DNAT"));
            if (inChain || jumps || masq) out.add(new Rule(args));
        }
        return out;
    }

    /** Splits a rule as iptables-save prints it: words, a double-quoted comment being one. */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
                any = true;
            } else if (ch == ' ' && !quoted) {
                if (any) out.add(cur.toString());
                cur.setLength(0);
                any = false;
            } else {
                cur.append(ch);
                any = true;
            }
        }
        if (any) out.add(cur.toString());
        return out;
    }

    /** iptables-restore input (with {@code --noflush}) that applies {@code op} to every rule in the nat table. */
    public static String restoreInput(String op, List<Rule> rules) {
        StringBuilder b = new StringBuilder("*nat\n");
        for (Rule r : rules) b.append(r.line(op)).append('\n');
        return b.append("COMMIT\n").toString();
    }
}
