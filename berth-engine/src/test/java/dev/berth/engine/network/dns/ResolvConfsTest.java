package dev.berth.engine.network.dns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResolvConfsTest {
    private static final ResolvConf HOST = ResolvConf.parse("/etc/resolv.conf",
            "# comment\nnameserver 127.0.0.53\nnameserver 10.0.0.2\nnameserver fd00::53\nsearch a.test b.test\noptions edns0\nsortlist 1.2.3.4\n");

    private static List<String> body(String file) {
        return file.lines().filter(l -> !l.startsWith("#") && !l.isEmpty()).toList();
    }

    @Test
    void legacyDropsLoopbackAndIpv6ServersKeepsTheRest() {
        String f = ResolvConfs.legacy(HOST, ResolvConfs.Overrides.NONE, false);
        assertEquals(List.of("nameserver 10.0.0.2", "search a.test b.test", "options edns0", "sortlist 1.2.3.4"), body(f));
        assertTrue(f.contains("# Based on host file: '/etc/resolv.conf' (legacy)\n# Overrides: []\n"), f);
    }

    @Test
    void legacyFallsBackToGooglesServers() {
        String f = ResolvConfs.legacy(ResolvConf.parse("/etc/resolv.conf", "nameserver 127.0.0.1\n"), ResolvConfs.Overrides.NONE, false);
        assertEquals(List.of("nameserver 8.8.8.8", "nameserver 8.8.4.4"), body(f));
        assertTrue(f.contains("# Used default nameservers.\n"), f);
    }

    @Test
    void overridesReplaceTheirLinesAndAreNeverFiltered() {
        String f = ResolvConfs.legacy(HOST, new ResolvConfs.Overrides(List.of("127.0.0.1", "192.0.2.1"), List.of("."), List.of("ndots:3")), false);
        assertEquals(List.of("nameserver 127.0.0.1", "nameserver 192.0.2.1", "options ndots:3", "sortlist 1.2.3.4"), body(f));
        assertTrue(f.contains("# Overrides: [nameservers search options]\n# Option ndots from: override\n"), f);
    }

    @Test
    void internalPointsAtTheEmbeddedServerAndHandsItTheUpstreams() {
        ResolvConfs.Internal in = ResolvConfs.internal(HOST, ResolvConfs.Overrides.NONE, IpAddresses.parse("172.20.0.1"));
        assertEquals(List.of("nameserver 172.20.0.1", "search a.test b.test", "options edns0 ndots:0", "sortlist 1.2.3.4"), body(in.content()));
        assertTrue(in.content().contains("# ExtServers: [host(127.0.0.53) host(10.0.0.2) host(fd00::53)]\n"), in.content());
        assertEquals(new InetSocketAddress("127.0.0.53", 53), in.upstreams().getFirst());
        assertEquals(3, in.upstreams().size());
        assertFalse(in.ndotsSet());
        ResolvConfs.Internal own = ResolvConfs.internal(HOST, new ResolvConfs.Overrides(List.of("192.0.2.1"), List.of(), List.of("ndots:2")),
                IpAddresses.parse("172.20.0.1"));
        assertEquals(List.of(new InetSocketAddress("192.0.2.1", 53)), own.upstreams());
        assertTrue(own.ndotsSet());
        assertTrue(body(own.content()).contains("options ndots:2"));
    }

    @Test
    void systemdResolvedStubIsSwappedForItsRealFile(@TempDir Path dir) throws Exception {
        Path etc = Files.writeString(dir.resolve("resolv.conf"), "nameserver 127.0.0.53\noptions edns0 trust-ad\n");
        Path systemd = Files.writeString(dir.resolve("systemd.conf"), "nameserver 10.1.1.1\n");
        assertEquals(List.of(IpAddresses.parse("10.1.1.1")), ResolvConfs.host(etc, systemd).nameservers());
        assertEquals(List.of(IpAddresses.parse("127.0.0.53")), ResolvConfs.host(etc, dir.resolve("absent")).nameservers());
    }
}
