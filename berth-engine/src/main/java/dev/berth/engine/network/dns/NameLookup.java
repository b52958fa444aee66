package dev.berth.engine.network.dns;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * What the embedded DNS server knows of container names: the one question it asks of the
 * networks. The server identifies the asking container by the source address of its query
 * (networks never overlap, so an address names one endpoint) and answers only what that
 * container may see: names on networks it shares with the target.
 *
 * <p>Vocabulary (Docker's): a <em>name</em> is a container name, its 12-hex short id, a
 * {@code --network-alias}, or a {@code --link} alias the asker gave (link aliases are the
 * asker's own: another container does not see them). A name may carry a network suffix,
 * {@code web.mynet}, which limits the lookup to that network. Matching ignores case and a
 * trailing dot.
 *
 * <p>Example: {@code web} (172.20.0.2) and {@code api} (172.20.0.3) on {@code front}, {@code db}
 * (172.21.0.2) on {@code back}. Asked by 172.20.0.3, {@code addresses(.., "web", V4)} is
 * {@code Optional.of([172.20.0.2])}; {@code "db"} is {@code Optional.empty()}, so the server
 * forwards it upstream, as Docker's resolver does for a name it does not own.
 *
 * <p>Implementations are called concurrently from many virtual threads and must not block on
 * anything but memory.
 */
public interface NameLookup {
    /** Address families of A and AAAA questions. */
    enum Family { IPV4, IPV6 }

    /**
     * The addresses to answer for {@code name} asked by {@code asker}: empty when the name is not
     * known to the asker (the server forwards the query); a present but empty list when the name
     * is known but has no address of that family (the server answers NOERROR with no records,
     * as Docker does for AAAA of an IPv4-only container). The server rotates several addresses.
     */
    Optional<List<InetAddress>> addresses(InetAddress asker, String name, Family family);

    /**
     * The name for a PTR question: {@code container.network} (Docker's form) for an address on a
     * network the asker shares; empty to forward the question.
     */
    Optional<String> nameOf(InetAddress asker, InetAddress address);
}
