package dev.berth.engine.network.dns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The names of the containers on each user-defined network, in memory: a {@link NameLookup} the
 * networks feed as endpoints join and leave (connect, disconnect, start, stop, restore after a
 * restart). It resolves as Docker's sandbox does: a name alone is looked up on every network the
 * asker is on, in the order it joined them; {@code a.b.c} is also tried as {@code a.b} on network
 * {@code c} and {@code a} on network {@code b.c}; the asker's own link aliases come before
 * container names.
 *
 * <p>Thread safety: one lock for the whole table; lookups copy what they return.
 */
public final class NetworkNames implements NameLookup {
    /**
     * One container's endpoint on one network.
     *
     * @param name      the container's name, without Docker's leading slash
     * @param aliases   {@code --network-alias} values for this network
     * @param links     this container's {@code --link} aliases on this network: alias → the linked
     *                  container's name (on user networks a link is a name only the linker sees)
     */
    public record Member(String network, String containerId, String name, List<String> aliases, List<InetAddress> addresses,
                         Map<String, String> links) {
        public Member {
            aliases = List.copyOf(aliases);
            addresses = List.copyOf(addresses);
            Map<String, String> lower = new LinkedHashMap<>();
            links.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v.toLowerCase(Locale.ROOT)));
            links = Map.copyOf(lower);
        }

        /** The names this endpoint answers to: name, short id, aliases (Docker's {@code DNSNames}). */
        public List<String> dnsNames() {
            Set<String> n = new LinkedHashSet<>();
            if (!name.isEmpty()) n.add(name.toLowerCase(Locale.ROOT));
            if (containerId.length() >= 12) n.add(containerId.substring(0, 12).toLowerCase(Locale.ROOT));
            for (String a : aliases) n.add(a.toLowerCase(Locale.ROOT));
            return List.copyOf(n);
        }
    }

    /** network → containerId → member, both in insertion order. */
    private final Map<String, Map<String, Member>> networks = new LinkedHashMap<>();

    /** Adds or replaces a container's endpoint on its network. */
    public synchronized void join(Member m) {
        networks.computeIfAbsent(m.network(), k -> new LinkedHashMap<>()).put(m.containerId(), m);
    }

    /** Removes a container's endpoint (disconnect, stop, remove). */
    public synchronized void leave(String network, String containerId) {
        Map<String, Member> members = networks.get(network);
        if (members == null) return;
        members.remove(containerId);
        if (members.isEmpty()) networks.remove(network);
    }

    @Override
    public synchronized Optional<List<InetAddress>> addresses(InetAddress asker, String name, Family family) {
        List<Member> mine = endpointsOf(asker);
        if (mine.isEmpty()) return Optional.empty();
        String req = trim(name);
        // the name as asked, then each split of it into name.network
        List<String[]> tries = new ArrayList<>();
        tries.add(new String[]{req, ""});
        for (int i = req.lastIndexOf('.'); i > 0; i = req.lastIndexOf('.', i - 1)) {
            tries.add(new String[]{req.substring(0, i), req.substring(i + 1)});
        }
        for (String[] t : tries) {
            Optional<List<InetAddress>> viaLink = resolve(mine, t[0], t[1], true, family);
            if (viaLink.isPresent()) return viaLink;
            Optional<List<InetAddress>> direct = resolve(mine, t[0], t[1], false, family);
            if (direct.isPresent()) return direct;
        }
        return Optional.empty();
    }

    private Optional<List<InetAddress>> resolve(List<Member> mine, String nameOrAlias, String network, boolean viaLink, Family family) {
        for (Member ep : mine) {
            if (!network.isEmpty() && !network.equals(ep.network().toLowerCase(Locale.ROOT))) continue;
            String target = nameOrAlias;
            if (viaLink) {
                target = ep.links().get(nameOrAlias);
                if (target == null) continue;
            } else if (ep.links().containsKey(nameOrAlias)) {
                continue;
            }
            Optional<List<InetAddress>> found = onNetwork(ep.network(), target, family);
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    /** Every address of every member of {@code network} answering to {@code name}; empty if none answers to it. */
    private Optional<List<InetAddress>> onNetwork(String network, String name, Family family) {
        boolean known = false;
        Set<InetAddress> out = new LinkedHashSet<>();
        for (Member m : networks.getOrDefault(network, Map.of()).values()) {
            if (!m.dnsNames().contains(name)) continue;
            known = true;
            for (InetAddress a : m.addresses()) {
                if (family == Family.IPV4 ? a instanceof Inet4Address : a instanceof Inet6Address) out.add(a);
            }
        }
        return known ? Optional.of(List.copyOf(out)) : Optional.empty();
    }

    @Override
    public synchronized Optional<String> nameOf(InetAddress asker, InetAddress address) {
        for (Member ep : endpointsOf(asker)) {
            for (Member m : networks.getOrDefault(ep.network(), Map.of()).values()) {
                if (m.addresses().contains(address) && !m.name().isEmpty()) return Optional.of(m.name() + "." + ep.network());
            }
        }
        return Optional.empty();
    }

    /** The endpoints of the container that has the address {@code asker} on some network. */
    private List<Member> endpointsOf(InetAddress asker) {
        String containerId = null;
        for (Map<String, Member> members : networks.values()) {
            for (Member m : members.values()) {
                if (m.addresses().contains(asker)) {
                    containerId = m.containerId();
                    break;
                }
            }
            if (containerId != null) break;
        }
        if (containerId == null) return List.of();
        List<Member> mine = new ArrayList<>();
        for (Map<String, Member> members : networks.values()) {
            Member m = members.get(containerId);
            if (m != null) mine.add(m);
        }
        return mine;
    }

    private static String trim(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return n.toLowerCase(Locale.ROOT);
    }
}
