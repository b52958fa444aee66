package dev.berth.engine.network.dns;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides what to do with one query, as Docker's resolver does, without any I/O: answer it from
 * the {@link NameLookup} (A, AAAA, PTR; MX of a known name gets an empty NOERROR, "implicit MX"),
 * forward it upstream (every other name and type), or drop it (not a parseable query).
 */
final class LocalAnswers {
    /** Docker's respTTL. */
    static final long TTL = 600;
    private static final int UDP_MIN = 512;
    private static final int TCP_MAX = 65535;
    private final NameLookup lookup;
    /** Per name: how far the next answer's address list is rotated (round robin across queries). */
    private final ConcurrentHashMap<String, AtomicInteger> rotation = new ConcurrentHashMap<>();

    LocalAnswers(NameLookup lookup) {
        this.lookup = lookup;
    }

    /** What to do with a packet. */
    sealed interface Outcome {
        /** Send these bytes back. */
        record Reply(byte[] wire) implements Outcome {}

        /** Not ours: relay it to the upstream servers ({@code query} is the parsed packet). */
        record Forward(Message query) implements Outcome {}

        /** Not a query: no reply (a malformed packet, a response). */
        record Drop() implements Outcome {}
    }

    /**
     * @param ndotsSet the asker's resolv.conf sets ndots itself: a single-label name that is not
     *                 local then gets an empty answer instead of going upstream, so the client's
     *                 resolver goes on with its search domains (Docker's rule)
     */
    Outcome handle(byte[] packet, InetAddress asker, boolean tcp, boolean ndotsSet) {
        Message query;
        try {
            query = new Message(packet);
        } catch (IOException | RuntimeException e) {
            return new Outcome.Drop();
        }
        if (query.getHeader().getFlag(Flags.QR)) return new Outcome.Drop();
        if (query.getHeader().getOpcode() != Opcode.QUERY) return reply(error(query, Rcode.NOTIMP), query, tcp);
        Record question = query.getQuestion();
        if (question == null || query.getSectionArray(Section.QUESTION).length != 1) return reply(error(query, Rcode.FORMERR), query, tcp);
        Message local;
        try {
            local = local(query, question, asker);
        } catch (RuntimeException e) {
            return reply(error(query, Rcode.SERVFAIL), query, tcp);
        }
        if (local != null) return reply(local, query, tcp);
        int type = question.getType();
        if ((type == Type.A || type == Type.AAAA) && ndotsSet && question.getName().labels() <= 2) {
            return reply(response(query), query, tcp);
        }
        return new Outcome.Forward(query);
    }

    /** A SERVFAIL for a query nobody upstream answered. */
    static byte[] serverFailure(Message query) {
        return error(query, Rcode.SERVFAIL).toWire();
    }

    private Message local(Message query, Record question, InetAddress asker) {
        Name name = question.getName();
        String text = name.toString(true);
        return switch (question.getType()) {
            case Type.A -> addresses(query, name, lookup.addresses(asker, text, NameLookup.Family.IPV4));
            case Type.AAAA -> addresses(query, name, lookup.addresses(asker, text, NameLookup.Family.IPV6));
            case Type.MX -> lookup.addresses(asker, text, NameLookup.Family.IPV4).isPresent()
                    || lookup.addresses(asker, text, NameLookup.Family.IPV6).isPresent() ? response(query) : null;
            case Type.PTR -> pointer(query, name, asker);
            default -> null;
        };
    }

    private Message addresses(Message query, Name name, Optional<List<InetAddress>> found) {
        if (found.isEmpty()) return null;
        List<InetAddress> addrs = rotate(name.toString().toLowerCase(java.util.Locale.ROOT), found.get());
        Message resp = response(query);
        for (InetAddress a : addrs) {
            Record r = a instanceof java.net.Inet4Address ? new ARecord(name, DClass.IN, TTL, a) : new AAAARecord(name, DClass.IN, TTL, a);
            resp.addRecord(r, Section.ANSWER);
        }
        return resp;
    }

    /** Several containers behind one alias: each query starts the list one further along. */
    private List<InetAddress> rotate(String key, List<InetAddress> addrs) {
        if (addrs.size() < 2) return addrs;
        int shift = Math.floorMod(rotation.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement(), addrs.size());
        List<InetAddress> out = new ArrayList<>(addrs.subList(shift, addrs.size()));
        out.addAll(addrs.subList(0, shift));
        return out;
    }

    private Message pointer(Message query, Name name, InetAddress asker) {
        Optional<InetAddress> address = ReverseNames.address(name);
        if (address.isEmpty()) return null;
        Optional<String> host = lookup.nameOf(asker, address.get());
        if (host.isEmpty()) return null;
        Message resp = response(query);
        try {
            resp.addRecord(new PTRRecord(name, DClass.IN, TTL, Name.fromString(host.get(), Name.root)), Section.ANSWER);
        } catch (TextParseException e) {
            return null;
        }
        return resp;
    }

    /** A reply to {@code query}: same id and question, RD copied, RA set (Docker's createRespMsg). */
    static Message response(Message query) {
        Message resp = new Message(query.getHeader().getID());
        resp.getHeader().setFlag(Flags.QR);
        resp.getHeader().setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) resp.getHeader().setFlag(Flags.RD);
        resp.getHeader().setOpcode(query.getHeader().getOpcode());
        Record q = query.getQuestion();
        if (q != null) resp.addRecord(q, Section.QUESTION);
        return resp;
    }

    private static Message error(Message query, int rcode) {
        Message resp = response(query);
        resp.getHeader().setRcode(rcode);
        return resp;
    }

    /** Answers the server owns are truncated to what the client can take (512, its EDNS size, or TCP's 64K). */
    private static Outcome reply(Message resp, Message query, boolean tcp) {
        int max = UDP_MIN;
        if (tcp) {
            max = TCP_MAX;
        } else {
            OPTRecord opt = query.getOPT();
            if (opt != null) max = Math.max(UDP_MIN, opt.getPayloadSize());
        }
        return new Outcome.Reply(resp.toWire(max));
    }

    /** Reverse names: {@code 4.3.2.1.in-addr.arpa.} and the nibble form under {@code ip6.arpa.}. */
    static final class ReverseNames {
        private ReverseNames() {}

        static Optional<InetAddress> address(Name name) {
            String s = name.toString(true).toLowerCase(java.util.Locale.ROOT);
            try {
                if (s.endsWith(".in-addr.arpa")) {
                    String[] p = s.substring(0, s.length() - ".in-addr.arpa".length()).split("\\.");
                    if (p.length != 4) return Optional.empty();
                    byte[] b = new byte[4];
                    for (int i = 0; i < 4; i++) {
                        int v = Integer.parseInt(p[3 - i]);
                        if (v < 0 || v > 255) return Optional.empty();
                        b[i] = (byte) v;
                    }
                    return Optional.of(InetAddress.getByAddress(b));
                }
                if (s.endsWith(".ip6.arpa")) {
                    String[] p = s.substring(0, s.length() - ".ip6.arpa".length()).split("\\.");
                    if (p.length != 32) return Optional.empty();
                    byte[] b = new byte[16];
                    for (int i = 0; i < 32; i++) {
                        int nibble = Integer.parseInt(p[31 - i], 16);
                        if (p[31 - i].length() != 1) return Optional.empty();
                        b[i / 2] |= (byte) (i % 2 == 0 ? nibble << 4 : nibble);
                    }
                    return Optional.of(InetAddress.getByAddress(b));
                }
            } catch (NumberFormatException | UnknownHostException e) {
                return Optional.empty();
            }
            return Optional.empty();
        }
    }
}
