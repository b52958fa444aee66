package dev.berth.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.model.HostConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /etc/hosts, /etc/hostname and /etc/resolv.conf as Docker writes them, read from inside busybox:
 * --add-host (host-gateway too), --hostname/--domainname, --dns/--dns-search/--dns-option, and
 * --link on the default bridge with its env vars and real traffic. The docker CLI and docker-java.
 */
@Tag("root")
class EtcFilesEndToEndTest {
    private static Berthd berthd;
    private static DockerClient client;

    @BeforeAll
    static void startDaemon() throws Exception {
        Assumptions.assumeTrue(Berthd.isRoot(), "needs root: skipping berthd end-to-end tests");
        berthd = Berthd.start();
        client = berthd.dockerJava();
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (client != null) client.close();
        if (berthd != null) berthd.close();
    }

    private static String out(String... args) throws Exception {
        return berthd.dockerOut(args);
    }

    @Test
    void hostsHasDockersDefaultsExtraHostsHostGatewayAndTheFqdn() throws Exception {
        String got = out("run", "--rm", "--hostname", "web", "--domainname", "example.com", "--add-host", "db.local:10.9.8.7",
                "--add-host", "v6:[2001:db8::7]", "--add-host", "gw:host-gateway", "busybox", "sh", "-c",
                "cat /etc/hosts; echo ---; cat /etc/hostname; ip route | awk '/default/ {print $3}'");
        String[] parts = got.split("---\n");
        List<String> hosts = parts[0].lines().toList();
        List<String> rest = parts[1].lines().toList();
        String gateway = rest.get(1);
        assertEquals(List.of("127.0.0.1\tlocalhost", "::1\tlocalhost ip6-localhost ip6-loopback", "fe00::0\tip6-localnet",
                "ff00::0\tip6-mcastprefix", "ff02::1\tip6-allnodes", "ff02::2\tip6-allrouters",
                "10.9.8.7\tdb.local", "2001:db8::7\tv6", gateway + "\tgw"), hosts.subList(0, 9), got);
        assertTrue(hosts.get(9).matches("\\d+\\.\\d+\\.\\d+\\.\\d+\tweb\\.example\\.com web"), hosts.get(9));
        assertEquals(10, hosts.size(), got);
        assertEquals("web", rest.get(0));
    }

    @Test
    void addHostWithABadAddressIsRefusedWithDockersWords() throws Exception {
        Berthd.Result cli = berthd.docker("run", "--rm", "--add-host", "x:nope", "busybox", "true");
        assertEquals(125, cli.code());
        assertTrue(cli.err().contains("invalid argument \"x:nope\" for \"--add-host\" flag: invalid IP address in add-host: \"nope\""), cli.err());
        // the daemon's own check, for clients that send anything
        BadRequestException e = assertThrows(BadRequestException.class, () -> client.createContainerCmd("busybox")
                .withHostConfig(HostConfig.newHostConfig().withExtraHosts("x:nope")).exec());
        assertTrue(e.getMessage().contains("invalid IP address in add-host: \\\"nope\\\"") || e.getMessage().contains("invalid IP address in add-host: \"nope\""),
                e.getMessage());
    }

    @Test
    void resolvConfOnTheDefaultBridge() throws Exception {
        List<String> plain = out("run", "--rm", "busybox", "cat", "/etc/resolv.conf").lines().toList();
        assertTrue(plain.stream().anyMatch(l -> l.startsWith("nameserver ")), String.join("\n", plain));
        assertFalse(plain.stream().anyMatch(l -> l.startsWith("nameserver 127.") || l.equals("nameserver ::1")), "loopback servers are removed");
        List<String> set = out("run", "--rm", "--dns", "192.0.2.53", "--dns", "192.0.2.54", "--dns-search", "example.com",
                "--dns-search", "corp.test", "--dns-option", "ndots:2", "--dns-option", "timeout:3", "busybox", "cat", "/etc/resolv.conf")
                .lines().filter(l -> !l.startsWith("#") && !l.isEmpty()).toList();
        assertEquals(List.of("nameserver 192.0.2.53", "nameserver 192.0.2.54", "search example.com corp.test", "options ndots:2 timeout:3"), set);
        String id = out("create", "--dns", "192.0.2.53", "--dns-search", "example.com", "--dns-option", "ndots:2", "--add-host", "a:10.0.0.1", "busybox", "true");
        assertEquals("[192.0.2.53] [example.com] [ndots:2] [a:10.0.0.1] <no value>",
                out("inspect", "-f", "{{.HostConfig.Dns}} {{.HostConfig.DnsSearch}} {{.HostConfig.DnsOptions}} {{.HostConfig.ExtraHosts}} {{.HostConfig.Links}}", id));
        out("rm", id);
        Berthd.Result bad = berthd.docker("run", "--rm", "--dns", "not-an-ip", "busybox", "true");
        assertTrue(bad.err().contains("IP address is not correctly formatted: not-an-ip"), bad.err());
    }

    @Test
    void linkGivesHostsEntryEnvVarsAndReachesTheContainer() throws Exception {
        String web = out("run", "-d", "--name", "lnk-web", "-e", "FOO=bar", "--expose", "80", "--expose", "81", "busybox", "sleep", "600");
        try {
            String webIp = out("inspect", "-f", "{{.NetworkSettings.IPAddress}}", web);
            String got = out("run", "--rm", "--name", "lnk-client", "--link", "lnk-web:db", "busybox", "sh", "-c",
                    "cat /etc/hosts; env | sort; ping -c1 -W3 db >/dev/null && echo PING-OK");
            List<String> lines = got.lines().toList();
            assertTrue(lines.contains(webIp + "\tdb " + web.substring(0, 12) + " lnk-web"), got);
            for (String env : List.of("DB_PORT=tcp://" + webIp + ":80", "DB_PORT_80_TCP=tcp://" + webIp + ":80", "DB_PORT_80_TCP_ADDR=" + webIp,
                    "DB_PORT_80_TCP_PORT=80", "DB_PORT_80_TCP_PROTO=tcp", "DB_PORT_81_TCP=tcp://" + webIp + ":81",
                    "DB_PORT_80_TCP_START=tcp://" + webIp + ":80", "DB_PORT_80_TCP_END=tcp://" + webIp + ":81",
                    "DB_NAME=/lnk-client/db", "DB_ENV_FOO=bar")) {
                assertTrue(lines.contains(env), env + " in\n" + got);
            }
            assertFalse(lines.stream().anyMatch(l -> l.startsWith("DB_ENV_PATH=")), got);
            assertTrue(lines.contains("PING-OK"), got);
            // --link NAME: the alias is the name
            assertTrue(out("run", "--rm", "--link", "lnk-web", "busybox", "cat", "/etc/hosts").lines()
                    .anyMatch(l -> l.equals(webIp + "\tlnk-web " + web.substring(0, 12))));
            String linker = out("create", "--name", "lnk-inspect", "--link", "lnk-web:db", "busybox", "true");
            assertEquals("[/lnk-web:/lnk-inspect/db]", out("inspect", "-f", "{{.HostConfig.Links}}", linker));
            out("rm", linker);
            // a link to a stopped container fails the start, as in dockerd
            out("stop", "-t", "0", web);
            Berthd.Result stopped = berthd.docker("run", "--rm", "--name", "lnk-late", "--link", "lnk-web:db", "busybox", "true");
            assertTrue(stopped.err().contains("Cannot link to a non running container: /lnk-web AS /lnk-late/db"), stopped.err());
            berthd.docker("rm", "-f", "lnk-late");
        } finally {
            berthd.docker("rm", "-f", web);
        }
        Berthd.Result missing = berthd.docker("run", "--rm", "--link", "nope-nothere:db", "busybox", "true");
        assertTrue(missing.err().contains("could not get container for nope-nothere"), missing.err());
    }

    @Test
    void dockerJavaExtraHostsAndDns() throws Exception {
        String id = client.createContainerCmd("busybox").withCmd("sh", "-c", "cat /etc/hosts /etc/resolv.conf")
                .withHostConfig(HostConfig.newHostConfig().withExtraHosts("api.test:10.1.2.3").withDns("192.0.2.9")
                        .withDnsSearch("example.org").withDnsOptions(List.of("ndots:1"))).exec().getId();
        try {
            var inspect = client.inspectContainerCmd(id).exec();
            assertEquals(List.of("api.test:10.1.2.3"), List.of(inspect.getHostConfig().getExtraHosts()));
            assertEquals(List.of("192.0.2.9"), List.of(inspect.getHostConfig().getDns()));
            assertEquals(List.of("example.org"), List.of(inspect.getHostConfig().getDnsSearch()));
            assertEquals(List.of("ndots:1"), inspect.getHostConfig().getDnsOptions());
            String got = out("start", "-a", id);
            assertTrue(got.contains("10.1.2.3\tapi.test"), got);
            assertTrue(got.contains("nameserver 192.0.2.9") && got.contains("search example.org") && got.contains("options ndots:1"), got);
        } finally {
            client.removeContainerCmd(id).withForce(true).exec();
        }
    }
}
