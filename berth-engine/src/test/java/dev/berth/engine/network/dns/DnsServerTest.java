package dev.berth.engine.network.dns;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real server on 127.0.0.77 asked by dnsjava's resolver from loopback addresses that stand for containers. */
class DnsServerTest {
    private static final InetAddress FRONT_CLIENT = ip("127.0.0.10");
    private static final InetAddress BACK_CLIENT = ip("127.0.0.20");
    private final NetworkNames names = new NetworkNames();
    private final List<String> upstreamSaw = new CopyOnWriteArrayList<>();
    private FakeUpstream upstream;
    private DnsServer server;

    @BeforeEach
    void start() throws IOException {
        upstream = new FakeUpstream(new InetSocketAddress("127.0.0.78", 0), upstreamSaw);
        names.join(member("front", "c0ffee000000aaaa", "client", List.of(), "127.0.0.10", Map.of("db", "web")));
        names.join(member("front", "abcdef1234567890", "web", List.of("www"), "10.1.0.2", Map.of()));
        names.join(member("front", "bbbbbb1234567890", "web2", List.of("www"), "10.1.0.3", Map.of()));
        names.join(member("front", "cccccc1234567890", "web3", List.of("www"), "10.1.0.4", Map.of()));
        names.join(member("back", "dddddd1234567890", "secret", List.of(), "10.2.0.2", Map.of()));
        names.join(member("back", "eeeeee1234567890", "backclient", List.of(), "127.0.0.20", Map.of()));
        server = new DnsServer(names, List.of(upstream.address()), Duration.ofMillis(400));
        server.start(new InetSocketAddress("127.0.0.77", 0));
    }

    @AfterEach
    void stop() {
        server.stop();
        upstream.close();
    }

    @Test
    void answersContainerNamesShortIdsAndAliasesWithDockersTtl() throws IOException {
        Message r = ask(FRONT_CLIENT, "web.", Type.A, false);
        assertEquals(Rcode.NOERROR, r.getRcode());
        assertEquals(List.of("10.1.0.2"), addresses(r));
        assertEquals(600, r.getSection(Section.ANSWER).getFirst().getTTL());
        assertTrue(r.getHeader().getFlag(Flags.RA));
        assertEquals(List.of("10.1.0.2"), addresses(ask(FRONT_CLIENT, "abcdef123456.", Type.A, false)));
        assertEquals(List.of("10.1.0.2"), addresses(ask(FRONT_CLIENT, "WEB.front.", Type.A, false)));
        // the asker's own link alias
        assertEquals(List.of("10.1.0.2"), addresses(ask(FRONT_CLIENT, "db.", Type.A, false)));
        // known, but no IPv6 address: NOERROR and nothing, not forwarded
        Message aaaa = ask(FRONT_CLIENT, "web.", Type.AAAA, false);
        assertEquals(Rcode.NOERROR, aaaa.getRcode());
        assertTrue(aaaa.getSection(Section.ANSWER).isEmpty());
        assertTrue(upstreamSaw.isEmpty());
    }

    @Test
    void aliasOfSeveralContainersRotatesRoundRobin() throws IOException {
        Set<String> firsts = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            List<String> got = addresses(ask(FRONT_CLIENT, "www.", Type.A, false));
            assertEquals(Set.of("10.1.0.2", "10.1.0.3", "10.1.0.4"), new HashSet<>(got));
            firsts.add(got.getFirst());
        }
        assertEquals(3, firsts.size(), "each of three queries starts with another address");
    }

    @Test
    void nameOnlyOnAnotherNetworkIsForwardedAsDockerDoes() throws IOException {
        Message r = ask(FRONT_CLIENT, "secret.", Type.A, false);
        assertEquals(Rcode.NXDOMAIN, r.getRcode(), "the fake upstream's answer, relayed");
        assertEquals(List.of("secret."), upstreamSaw);
        assertEquals(List.of("10.2.0.2"), addresses(ask(BACK_CLIENT, "secret.", Type.A, false)));
        // and web is not visible from back
        assertEquals(Rcode.NXDOMAIN, ask(BACK_CLIENT, "web.", Type.A, false).getRcode());
        // the link alias is the linker's only
        assertEquals(Rcode.NXDOMAIN, ask(BACK_CLIENT, "db.", Type.A, false).getRcode());
    }

    @Test
    void forwardsOtherNamesToTheUpstreamAndRelaysItsAnswer() throws IOException {
        Message r = ask(FRONT_CLIENT, "example.test.", Type.A, false);
        assertEquals(Rcode.NOERROR, r.getRcode());
        assertEquals(List.of("192.0.2.7"), addresses(r));
        assertEquals(List.of("example.test."), upstreamSaw);
        // a container's own --dns servers replace the network's upstreams for it
        FakeUpstream own = new FakeUpstream(new InetSocketAddress("127.0.0.79", 0), upstreamSaw);
        try {
            server.asker(FRONT_CLIENT, new DnsServer.Asker(List.of(own.address()), false));
            assertEquals(List.of("192.0.2.7"), addresses(ask(FRONT_CLIENT, "other.test.", Type.A, false)));
            assertEquals(1, own.seen);
        } finally {
            own.close();
        }
    }

    @Test
    void answersOverTcp() throws IOException {
        Message r = ask(FRONT_CLIENT, "www.", Type.A, true);
        assertEquals(3, addresses(r).size());
    }

    @Test
    void answersPtrOfContainerAddresses() throws IOException {
        Message r = ask(FRONT_CLIENT, ReverseMap.fromAddress("10.1.0.2").toString(), Type.PTR, false);
        assertEquals(Rcode.NOERROR, r.getRcode());
        PTRRecord ptr = (PTRRecord) r.getSection(Section.ANSWER).getFirst();
        assertEquals("web.front.", ptr.getTarget().toString());
        assertEquals(600, ptr.getTTL());
    }

    @Test
    void malformedPacketsGetNoReplyAndTheServerGoesOn() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(FRONT_CLIENT, 0))) {
            s.setSoTimeout(300);
            byte[] junk = {1, 2, 3, 4, 5};
            s.send(new DatagramPacket(junk, junk.length, server.address()));
            boolean replied = true;
            try {
                s.receive(new DatagramPacket(new byte[512], 512));
            } catch (SocketTimeoutException e) {
                replied = false;
            }
            assertFalse(replied);
        }
        assertEquals(List.of("10.1.0.2"), addresses(ask(FRONT_CLIENT, "web.", Type.A, false)));
    }

    @Test
    void servfailWhenTheUpstreamDoesNotAnswer() throws IOException {
        upstream.silent = true;
        Message r = ask(FRONT_CLIENT, "slow.test.", Type.A, false);
        assertEquals(Rcode.SERVFAIL, r.getRcode());
    }

    @Test
    void internalNetworkDoesNotForward() throws IOException {
        server.forwarding(false);
        assertEquals(Rcode.SERVFAIL, ask(FRONT_CLIENT, "example.test.", Type.A, false).getRcode());
        assertTrue(upstreamSaw.isEmpty());
        assertEquals(List.of("10.1.0.2"), addresses(ask(FRONT_CLIENT, "web.", Type.A, false)));
    }

    @Test
    void stopsAndReleasesItsPorts() throws IOException {
        InetSocketAddress where = server.address();
        server.stop();
        server.start(where);
        assertEquals(List.of("10.1.0.2"), addresses(ask(FRONT_CLIENT, "web.", Type.A, false)));
    }

    private Message ask(InetAddress from, String name, int type, boolean tcp) throws IOException {
        SimpleResolver r = new SimpleResolver(server.address());
        r.setLocalAddress(new InetSocketAddress(from, 0));
        r.setTCP(tcp);
        r.setTimeout(Duration.ofSeconds(3));
        return r.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
    }

    private static List<String> addresses(Message m) {
        List<String> out = new ArrayList<>();
        for (Record r : m.getSection(Section.ANSWER)) if (r instanceof ARecord a) out.add(a.getAddress().getHostAddress());
        return out;
    }

    private static NetworkNames.Member member(String net, String id, String name, List<String> aliases, String ip, Map<String, String> links) {
        return new NetworkNames.Member(net, id, name, aliases, List.of(ip(ip)), links);
    }

    private static InetAddress ip(String s) {
        return IpAddresses.parse(s);
    }

    /** An upstream that knows *.test as 192.0.2.7, except secret/web/db (NXDOMAIN); or says nothing when silent. */
    static final class FakeUpstream implements AutoCloseable {
        private final DatagramSocket socket;
        private final List<String> saw;
        volatile boolean silent;
        volatile int seen;

        FakeUpstream(InetSocketAddress at, List<String> saw) throws IOException {
            this.socket = new DatagramSocket(at);
            this.saw = saw;
            Thread.ofVirtual().start(this::serve);
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        private void serve() {
            byte[] buf = new byte[4096];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    Message q = new Message(java.util.Arrays.copyOf(buf, p.getLength()));
                    seen++;
                    saw.add(q.getQuestion().getName().toString());
                    if (silent) continue;
                    Message resp = new Message(q.getHeader().getID());
                    resp.getHeader().setFlag(Flags.QR);
                    resp.addRecord(q.getQuestion(), Section.QUESTION);
                    if (q.getQuestion().getName().toString().endsWith(".test.")) {
                        resp.addRecord(new ARecord(q.getQuestion().getName(), DClass.IN, 30, ip("192.0.2.7")), Section.ANSWER);
                    } else {
                        resp.getHeader().setRcode(Rcode.NXDOMAIN);
                    }
                    byte[] wire = resp.toWire();
                    socket.send(new DatagramPacket(wire, wire.length, p.getSocketAddress()));
                } catch (IOException e) {
                    // closed
                }
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
