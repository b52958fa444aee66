package dev.berth.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12's embedded DNS on user-defined networks, with real queries from busybox containers:
 * names, short ids and aliases resolve only on shared networks, an alias held by two containers
 * answers both, a live connect makes a container findable, the default bridge has no names, an
 * internal network resolves its own names and forwards nothing, and names survive kill -9.
 */
@Tag("root")
class DnsEndToEndTest {
    private static final Pattern ADDRESS = Pattern.compile("Address: (\\d+\\.\\d+\\.\\d+\\.\\d+)");
    private static Berthd berthd;

    @BeforeAll
    static void startDaemon() throws Exception {
        Assumptions.assumeTrue(Berthd.isRoot(), "needs root: skipping berthd end-to-end tests");
        berthd = Berthd.start();
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (berthd == null) return;
        for (String c : new String[]{"dns-web", "dns-web2", "dns-other", "dns-in"}) berthd.docker("rm", "-f", c);
        for (String n : new String[]{"dns-a", "dns-b", "dns-c", "dns-int"}) berthd.docker("network", "rm", n);
        berthd.close();
    }

    /** The addresses busybox's nslookup prints for {@code name}, asked from a new container on {@code network}. */
    private static Set<String> lookup(String network, String name) throws Exception {
        Berthd.Result r = berthd.docker("run", "--rm", "--network", network, "busybox", "nslookup", name);
        Set<String> found = new TreeSet<>();
        // the first Address line is the server's
        Matcher m = ADDRESS.matcher(r.out().substring(Math.max(0, r.out().indexOf("Name:"))));
        while (m.find()) found.add(m.group(1));
        return found;
    }

    private static String ip(String container, String network) throws Exception {
        return berthd.dockerOut("inspect", "-f", "{{(index .NetworkSettings.Networks \"" + network + "\").IPAddress}}", container);
    }

    @Test
    void namesAliasesAndIsolation() throws Exception {
        berthd.dockerOut("network", "create", "dns-a");
        berthd.dockerOut("network", "create", "dns-b");
        String web = berthd.dockerOut("run", "-d", "--name", "dns-web", "--network", "dns-a", "--network-alias", "site", "busybox", "sleep", "600");
        berthd.dockerOut("run", "-d", "--name", "dns-web2", "--network", "dns-a", "--network-alias", "site", "busybox", "sleep", "600");
        String a1 = ip("dns-web", "dns-a");
        String a2 = ip("dns-web2", "dns-a");
        assertEquals(Set.of(a1), lookup("dns-a", "dns-web"));
        assertEquals(Set.of(a1), lookup("dns-a", web.substring(0, 12)), "the short id is a name too");
        assertEquals(new TreeSet<>(Set.of(a1, a2)), lookup("dns-a", "site"), "an alias held by two answers both");
        // resolv.conf names the network's gateway; traffic by name works
        String gateway = berthd.dockerOut("network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", "dns-a");
        assertTrue(berthd.dockerOut("run", "--rm", "--network", "dns-a", "busybox", "cat", "/etc/resolv.conf").contains("nameserver " + gateway));
        assertTrue(berthd.dockerOut("run", "--rm", "--network", "dns-a", "busybox", "ping", "-c1", "-W2", "dns-web2").contains("1 packets received"));
        // another network does not see them; the default bridge has no names at all
        assertEquals(Set.of(), lookup("dns-b", "dns-web"));
        assertEquals(Set.of(), lookup("bridge", "dns-web"));
        // connected live, a container is found on its new network
        berthd.dockerOut("network", "connect", "--alias", "late", "dns-b", "dns-web2");
        String b2 = ip("dns-web2", "dns-b");
        assertEquals(Set.of(b2), lookup("dns-b", "dns-web2"));
        assertEquals(Set.of(b2), lookup("dns-b", "late"));
        berthd.dockerOut("network", "disconnect", "dns-b", "dns-web2");
        assertEquals(Set.of(), lookup("dns-b", "dns-web2"));
        // berthd killed and started again: the names of running containers are served again
        berthd.kill9();
        berthd.launch();
        assertEquals(Set.of(a1), lookup("dns-a", "dns-web"));
        berthd.dockerOut("rm", "-f", "dns-web", "dns-web2");
        assertEquals(Set.of(), lookup("dns-a", "dns-web"));
    }

    @Test
    void internalNetworksResolveTheirOwnNamesOnly() throws Exception {
        berthd.dockerOut("network", "create", "--internal", "dns-int");
        berthd.dockerOut("run", "-d", "--name", "dns-in", "--network", "dns-int", "busybox", "sleep", "600");
        assertEquals(Set.of(ip("dns-in", "dns-int")), lookup("dns-int", "dns-in"));
        Berthd.Result out = berthd.docker("run", "--rm", "--network", "dns-int", "busybox", "nslookup", "example.com");
        assertNotEquals(0, out.code(), "an internal network forwards nothing: " + out.out());
        berthd.dockerOut("rm", "-f", "dns-in");
    }

    @Test
    void dnsFlagsBecomeTheServersUpstreams() throws Exception {
        berthd.dockerOut("network", "create", "dns-c");
        String conf = berthd.dockerOut("run", "--rm", "--network", "dns-c", "--dns", "192.0.2.53", "--dns-search", "corp.test",
                "busybox", "cat", "/etc/resolv.conf");
        assertTrue(conf.contains("search corp.test"), conf);
        assertTrue(conf.contains("ExtServers: [192.0.2.53]"), conf);
        assertTrue(!conf.contains("nameserver 192.0.2.53"), "the container asks the embedded server, not --dns: " + conf);
        // run --rm answered once the container was gone from the network too: it can go at once, as with dockerd
        berthd.dockerOut("network", "rm", "dns-c");
    }
}
