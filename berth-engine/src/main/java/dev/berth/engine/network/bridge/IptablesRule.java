package dev.berth.engine.network.bridge;

import java.util.ArrayList;
import java.util.List;

/**
 * One iptables rule as data: table, chain, match and target, and whether it goes first in its
 * chain ({@code -I}) or last ({@code -A}). Every rule berth makes carries a comment naming the
 * interface it serves ({@code berth:<bridge>}), so leak checks find it by that name.
 */
public record IptablesRule(String table, String chain, List<String> spec, boolean first) {
    public IptablesRule {
        spec = List.copyOf(spec);
    }

    /** The iptables arguments for {@code op} ({@code -C}, {@code -A}, {@code -I}, {@code -D}). */
    public List<String> args(String op) {
        List<String> a = new ArrayList<>(List.of("iptables", "-w", "-t", table, op, chain));
        a.addAll(spec);
        return a;
    }
}
