package dev.berth.engine.network.bridge;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of one user-defined bridge network, as data. Like the default bridge: one
 * MASQUERADE for traffic leaving the subnet (not per container) and FORWARD accepts for the
 * bridge; an {@code --internal} network gets neither the masquerade nor a way out, only traffic
 * between its own containers. Isolation from the daemon's other bridges is {@link Isolation}'s.
 */
public final class BridgeFirewall {
    private BridgeFirewall() {}

    public static List<IptablesRule> rules(String bridge, List<String> subnets, boolean internal) {
        List<String> comment = List.of("-m", "comment", "--comment", "berth:" + bridge);
        List<IptablesRule> rules = new ArrayList<>();
        // containers of one network reach each other on every port
        rules.add(new IptablesRule("filter", "FORWARD", with(List.of("-i", bridge, "-o", bridge, "-j", "ACCEPT"), comment), true));
        if (internal) return rules;
        rules.add(new IptablesRule("filter", "FORWARD", with(List.of("-i", bridge, "-j", "ACCEPT"), comment), true));
        rules.add(new IptablesRule("filter", "FORWARD", with(List.of("-o", bridge, "-j", "ACCEPT"), comment), true));
        for (String subnet : subnets) {
            rules.add(new IptablesRule("nat", "POSTROUTING",
                    with(List.of("-s", subnet, "!", "-o", bridge, "-j", "MASQUERADE"), comment), false));
        }
        return rules;
    }

    static List<String> with(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
