package dev.berth.engine.network.bridge;

import java.util.ArrayList;
import java.util.List;

/**
 * Docker's DOCKER-ISOLATION chains, for one daemon: a chain of its own ({@code BERTH-ISO-<default
 * bridge>}) jumped to first from FORWARD, dropping traffic between any two of the daemon's bridges
 * (the default one included) and, for {@code --internal} networks, everything entering or leaving
 * the bridge. It is rebuilt whole when a network comes or goes: a few rules per network, and
 * nothing to reconcile rule by rule after a crash. Another daemon's chain never touches this one's
 * bridges, so several berthds (and dockerd) coexist.
 */
public final class Isolation {
    private final String chain;
    private final String defaultBridge;

    public Isolation(String defaultBridge) {
        this.defaultBridge = defaultBridge;
        String c = "BERTH-ISO-" + defaultBridge;
        this.chain = c.length() > 28 ? c.substring(0, 28) : c;
    }

    public String chain() {
        return chain;
    }

    /** The chain's rules for these bridges (describe first): pairwise drops, then internal ones. */
    public List<IptablesRule> rules(List<String> userBridges, List<String> internalBridges) {
        List<String> all = new ArrayList<>();
        all.add(defaultBridge);
        all.addAll(userBridges);
        List<IptablesRule> rules = new ArrayList<>();
        for (String b : internalBridges) {
            rules.add(new IptablesRule("filter", chain, List.of("-i", b, "!", "-o", b, "-j", "DROP"), false));
            rules.add(new IptablesRule("filter", chain, List.of("!", "-i", b, "-o", b, "-j", "DROP"), false));
        }
        for (String from : all) {
            for (String to : all) {
                if (!from.equals(to)) rules.add(new IptablesRule("filter", chain, List.of("-i", from, "-o", to, "-j", "DROP"), false));
            }
        }
        return rules;
    }

    private IptablesRule jump() {
        return new IptablesRule("filter", "FORWARD", List.of("-j", chain, "-m", "comment", "--comment", "berth:" + defaultBridge), true);
    }

    /** Replaces the chain's content and puts the jump to it first in FORWARD. */
    public synchronized void rebuild(List<String> userBridges, List<String> internalBridges) {
        Iptables.run(List.of("iptables", "-w", "-N", chain), true);
        Iptables.run(List.of("iptables", "-w", "-F", chain), false);
        for (IptablesRule r : rules(userBridges, internalBridges)) Iptables.run(r.args("-A"), false);
        // first in FORWARD, ahead of every accept (the default bridge's are inserted lazily)
        Iptables.remove(List.of(jump()));
        Iptables.run(jump().args("-I"), false);
    }

    /** Removes the jump and the chain (daemon shutdown with nothing running). */
    public synchronized void teardown() {
        Iptables.remove(List.of(jump()));
        Iptables.run(List.of("iptables", "-w", "-F", chain), true);
        Iptables.run(List.of("iptables", "-w", "-X", chain), true);
    }
}
