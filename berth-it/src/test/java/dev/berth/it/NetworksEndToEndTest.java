package dev.berth.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Network;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, networks: user-defined bridge, macvlan and ipvlan networks with real traffic between
 * busybox containers (by address: names are the DNS server's), isolation, --internal,
 * connect/disconnect of a running container, --network container:, survival of berthd's
 * kill -9, and the refusals dockerd answers. Berthd.close() checks that no bridge, rule or
 * namespace is left.
 */
@Tag("root")
class NetworksEndToEndTest {
    private static Berthd berthd;
    private static DockerClient client;

    @BeforeAll
    static void startDaemon() throws Exception {
        Assumptions.assumeTrue(Berthd.isRoot(), "needs root: skipping berthd end-to-end tests");
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "needs the docker CLI");
        berthd = Berthd.start();
        client = berthd.dockerJava();
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (client != null) client.close();
        if (berthd != null) berthd.close();
    }

    private static Berthd.Result docker(String... args) throws Exception {
        return berthd.docker(args);
    }

    private static String out(String... args) throws Exception {
        return berthd.dockerOut(args).trim();
    }

    private static String ip(String container, String network) throws Exception {
        return out("inspect", "-f", "{{(index .NetworkSettings.Networks \"" + network + "\").IPAddress}}", container);
    }

    /** A busybox HTTP server answering "hello" on port 8080. */
    private static void server(String name, String... networkArgs) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("run", "-d", "--name", name));
        args.addAll(List.of(networkArgs));
        args.addAll(List.of("busybox", "sh", "-c", "echo hello > /tmp/index.html && exec httpd -f -p 8080 -h /tmp"));
        out(args.toArray(String[]::new));
    }

    private static boolean fetches(String from, String address) throws Exception {
        Berthd.Result r = docker("exec", from, "timeout", "5", "wget", "-qO-", "http://" + address + ":8080/index.html");
        return r.code() == 0 && r.out().contains("hello");
    }

    private static boolean pings(String from, String address) throws Exception {
        return docker("exec", from, "ping", "-c", "1", "-W", "2", address).code() == 0;
    }

    private static void cleanup(List<String> containers, List<String> networks) throws Exception {
        for (String c : containers) docker("rm", "-f", c);
        for (String n : networks) docker("network", "rm", n);
    }

    @Test
    void containersOnOneNetworkReachEachOtherOnEveryPortAndOthersDoNot() throws Exception {
        try {
            out("network", "create", "e2e-a");
            out("network", "create", "--subnet", "10.123.0.0/24", "--gateway", "10.123.0.254", "e2e-b");
            server("srv-a", "--network", "e2e-a");
            out("run", "-d", "--name", "cli-a", "--net", "e2e-a", "busybox", "sleep", "300");
            out("run", "-d", "--name", "cli-b", "--network", "e2e-b", "--ip", "10.123.0.77", "busybox", "sleep", "300");
            String srv = ip("srv-a", "e2e-a");
            assertTrue(fetches("cli-a", srv), "same network, unpublished port 8080");
            assertTrue(pings("cli-a", srv));
            assertEquals("10.123.0.77", ip("cli-b", "e2e-b"));
            assertEquals("10.123.0.254", out("inspect", "-f", "{{(index .NetworkSettings.Networks \"e2e-b\").Gateway}}", "cli-b"));
            assertEquals("10.123.0.254", out("exec", "cli-b", "sh", "-c", "ip route | awk '/default/ {print $3}'"));
            assertFalse(fetches("cli-b", srv), "isolation: another network's container is unreachable");
            assertFalse(pings("cli-b", srv));
            // the network shows its running containers with their addresses
            String containers = out("network", "inspect", "-f", "{{range .Containers}}{{.Name}}={{.IPv4Address}} {{end}}", "e2e-a");
            assertTrue(containers.contains("srv-a=" + srv + "/16"), containers);
            // rm while containers run on it: dockerd's 403 and message
            Berthd.Result rm = docker("network", "rm", "e2e-a");
            assertNotEquals(0, rm.code());
            assertTrue(rm.err().contains("error while removing network: network e2e-a id ") && rm.err().contains("has active endpoints"), rm.err());
        } finally {
            cleanup(List.of("srv-a", "cli-a", "cli-b"), List.of("e2e-a", "e2e-b"));
        }
    }

    @Test
    void internalNetworkHasNoWayOutButReachesItsPeers() throws Exception {
        try {
            out("network", "create", "--internal", "e2e-int");
            out("network", "create", "e2e-out");
            server("srv-int", "--network", "e2e-int");
            server("srv-out", "--network", "e2e-out");
            out("run", "-d", "--name", "cli-int", "--network", "e2e-int", "busybox", "sleep", "300");
            assertTrue(fetches("cli-int", ip("srv-int", "e2e-int")));
            assertEquals("", out("exec", "cli-int", "sh", "-c", "ip route | grep default || true"), "no default route");
            assertFalse(fetches("cli-int", ip("srv-out", "e2e-out")));
            // a container of the outside network cannot reach into the internal one either
            assertFalse(fetches("srv-out", ip("srv-int", "e2e-int")));
            assertEquals("true", out("network", "inspect", "-f", "{{.Internal}}", "e2e-int"));
        } finally {
            cleanup(List.of("srv-int", "srv-out", "cli-int"), List.of("e2e-int", "e2e-out"));
        }
    }

    @Test
    void connectAndDisconnectARunningContainer() throws Exception {
        try {
            out("network", "create", "e2e-c1");
            out("network", "create", "e2e-c2");
            server("srv-c2", "--network", "e2e-c2");
            out("run", "-d", "--name", "roam", "--network", "e2e-c1", "busybox", "sleep", "300");
            String target = ip("srv-c2", "e2e-c2");
            assertFalse(fetches("roam", target));
            out("network", "connect", "--alias", "roamer", "e2e-c2", "roam");
            assertTrue(out("exec", "roam", "ip", "-o", "-4", "addr").contains("eth1"));
            assertTrue(fetches("roam", target), "connected live: reaches the second network");
            assertEquals("[roamer " + out("inspect", "-f", "{{.Id}}", "roam").substring(0, 12) + "]",
                    out("inspect", "-f", "{{(index .NetworkSettings.Networks \"e2e-c2\").Aliases}}", "roam"));
            out("network", "disconnect", "e2e-c2", "roam");
            assertFalse(out("exec", "roam", "ip", "-o", "-4", "addr").contains("eth1"));
            assertFalse(fetches("roam", target));
            // a created container: recorded now, wired at start
            out("create", "--name", "later", "--network", "e2e-c1", "busybox", "sleep", "300");
            out("network", "connect", "e2e-c2", "later");
            out("start", "later");
            assertTrue(fetches("later", target));
            // the docker CLI lists them in its map's (random) order
            assertEquals(java.util.Set.of("e2e-c1", "e2e-c2"),
                    java.util.Set.of(out("ps", "--filter", "name=later", "--format", "{{.Networks}}").split(",")));
        } finally {
            cleanup(List.of("srv-c2", "roam", "later"), List.of("e2e-c1", "e2e-c2"));
        }
    }

    @Test
    void networkContainerSharesTheNamespace() throws Exception {
        try {
            out("network", "create", "e2e-share");
            server("owner", "--network", "e2e-share");
            String addr = ip("owner", "e2e-share");
            String seen = out("run", "--rm", "--network", "container:owner", "busybox", "sh", "-c",
                    "ip -o -4 addr show eth0; wget -qO- http://127.0.0.1:8080/index.html");
            assertTrue(seen.contains(addr) && seen.contains("hello"), seen);
            out("stop", "-t", "1", "owner");
            Berthd.Result refused = docker("run", "--rm", "--network", "container:owner", "busybox", "true");
            assertNotEquals(0, refused.code());
            assertTrue(refused.err().contains("cannot join network of a non running container: owner"), refused.err());
        } finally {
            cleanup(List.of("owner"), List.of("e2e-share"));
        }
    }

    /**
     * macvlan and ipvlan need a parent: a dummy interface where the kernel has the driver, else
     * one end of a veth pair (this VM's kernel has no dummy driver).
     */
    private static String parent(String name) throws Exception {
        if (berthd.run("ip", "link", "add", name, "type", "dummy").code() != 0) {
            assertEquals(0, berthd.run("ip", "link", "add", name, "type", "veth", "peer", "name", name + "p").code());
            // a veth has carrier only while both ends are up
            assertEquals(0, berthd.run("ip", "link", "set", name + "p", "up").code());
        }
        assertEquals(0, berthd.run("ip", "link", "set", name, "up").code());
        return name;
    }

    @Test
    void macvlanContainersReachEachOther() throws Exception {
        String parent = parent("bmv" + ProcessHandle.current().pid() % 10000);
        try {
            out("network", "create", "-d", "macvlan", "--subnet", "10.124.0.0/24", "-o", "parent=" + parent, "-o", "macvlan_mode=bridge", "e2e-mv");
            server("mv1", "--network", "e2e-mv");
            out("run", "-d", "--name", "mv2", "--network", "e2e-mv", "--mac-address", "02:42:0a:7c:00:42", "busybox", "sleep", "300");
            assertEquals("02:42:0a:7c:00:42", out("exec", "mv2", "cat", "/sys/class/net/eth0/address"));
            assertTrue(pings("mv2", ip("mv1", "e2e-mv")));
            assertTrue(fetches("mv2", ip("mv1", "e2e-mv")));
            Berthd.Result bad = docker("network", "create", "-d", "macvlan", "--subnet", "10.125.0.0/24", "-o", "parent=nosuchif0", "e2e-bad");
            assertTrue(bad.err().contains("-o parent interface was not found on the host: nosuchif0"), bad.err());
        } finally {
            cleanup(List.of("mv1", "mv2"), List.of("e2e-mv"));
            berthd.run("ip", "link", "del", parent);
        }
    }

    @Test
    void ipvlanContainersReachEachOther() throws Exception {
        String parent = parent("biv" + ProcessHandle.current().pid() % 10000);
        try {
            out("network", "create", "-d", "ipvlan", "--subnet", "10.126.0.0/24", "-o", "parent=" + parent, "e2e-iv");
            Berthd.Result first = docker("run", "-d", "--name", "iv1", "--network", "e2e-iv", "busybox", "sleep", "300");
            Assumptions.assumeFalse(first.err().contains("operation not supported"), "this kernel has no ipvlan driver: " + first.err());
            assertEquals(0, first.code(), first.err());
            out("run", "-d", "--name", "iv2", "--network", "e2e-iv", "busybox", "sleep", "300");
            assertTrue(pings("iv2", ip("iv1", "e2e-iv")));
        } finally {
            cleanup(List.of("iv1", "iv2"), List.of("e2e-iv"));
            berthd.run("ip", "link", "del", parent);
        }
    }

    @Test
    void networksReservationsAndAttachmentsSurviveKill9() throws Exception {
        try {
            out("network", "create", "--subnet", "10.127.0.0/24", "--ip-range", "10.127.0.64/26", "--label", "keep=1", "e2e-crash");
            server("crash-srv", "--network", "e2e-crash");
            out("run", "-d", "--name", "crash-cli", "--network", "e2e-crash", "busybox", "sleep", "300");
            String srv = ip("crash-srv", "e2e-crash");
            assertTrue(srv.startsWith("10.127.0.6"), srv);
            berthd.kill9();
            berthd.launch();
            assertEquals("keep=1", out("network", "ls", "--filter", "label=keep", "--format", "{{.Name}} {{.Labels}}").replace("e2e-crash ", ""));
            assertEquals(srv, ip("crash-srv", "e2e-crash"));
            assertTrue(fetches("crash-cli", srv), "traffic flows after the restart");
            // the reservation survived: a new container gets another address
            out("run", "-d", "--name", "crash-new", "--network", "e2e-crash", "busybox", "sleep", "300");
            String fresh = ip("crash-new", "e2e-crash");
            assertNotEquals(srv, fresh);
            assertNotEquals(ip("crash-cli", "e2e-crash"), fresh);
            // isolation rules are back too: the default bridge cannot reach in
            out("run", "-d", "--name", "crash-bridge", "busybox", "sleep", "300");
            assertFalse(fetches("crash-bridge", srv));
        } finally {
            cleanup(List.of("crash-srv", "crash-cli", "crash-new", "crash-bridge"), List.of("e2e-crash"));
        }
    }

    @Test
    void refusalsAsDockerd() throws Exception {
        try {
            out("network", "create", "--subnet", "10.128.0.0/16", "e2e-dup");
            assertTrue(docker("network", "create", "e2e-dup").err().contains("network with name e2e-dup already exists"));
            assertTrue(docker("network", "create", "--subnet", "10.128.5.0/24", "e2e-over").err()
                    .contains("Pool overlaps with other one on this address space"));
            assertTrue(docker("network", "create", "-d", "nosuch", "e2e-drv").err().contains("plugin \"nosuch\" not found"));
            assertTrue(docker("network", "rm", "bridge").err().contains("bridge is a pre-defined network and cannot be removed"));
            assertTrue(docker("run", "--rm", "--network-alias", "x", "busybox", "true").err()
                    .contains("network-scoped alias"));
            assertTrue(docker("network", "create", "--ipv6", "--subnet", "fd00:1::/64", "e2e-v6").err().contains("IPv6"));
        } finally {
            cleanup(List.of(), List.of("e2e-dup"));
        }
    }

    @Test
    void pruneRemovesOnlyUnusedNetworks() throws Exception {
        try {
            out("network", "create", "e2e-used");
            out("network", "create", "e2e-unused");
            out("run", "-d", "--name", "user", "--network", "e2e-used", "busybox", "sleep", "300");
            String pruned = out("network", "prune", "-f");
            assertTrue(pruned.contains("e2e-unused") && !pruned.contains("e2e-used"), pruned);
            assertEquals("e2e-used", out("network", "ls", "--filter", "type=custom", "--format", "{{.Name}}"));
        } finally {
            cleanup(List.of("user"), List.of("e2e-used", "e2e-unused"));
        }
    }

    @Test
    void dockerJavaShapes() throws Exception {
        String net = null;
        String c = null;
        try {
            net = client.createNetworkCmd().withName("e2e-java").withLabels(Map.of("k", "v"))
                    .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet("10.129.0.0/24").withGateway("10.129.0.1")))
                    .exec().getId();
            c = client.createContainerCmd("busybox").withName("java-c").withCmd("sleep", "300").exec().getId();
            client.connectToNetworkCmd().withNetworkId(net).withContainerId(c)
                    .withContainerNetwork(new ContainerNetwork().withAliases("jalias")
                            .withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address("10.129.0.9"))).exec();
            client.startContainerCmd(c).exec();
            InspectContainerResponse inspect = client.inspectContainerCmd(c).exec();
            ContainerNetwork ep = inspect.getNetworkSettings().getNetworks().get("e2e-java");
            assertEquals("10.129.0.9", ep.getIpAddress());
            assertEquals("10.129.0.1", ep.getGateway());
            assertEquals(net, ep.getNetworkID());
            assertTrue(ep.getAliases().contains("jalias"));
            assertTrue(inspect.getNetworkSettings().getNetworks().containsKey("bridge"));
            Network n = client.inspectNetworkCmd().withNetworkId(net).exec();
            assertEquals("10.129.0.9/24", n.getContainers().get(c).getIpv4Address());
            assertEquals("v", n.getLabels().get("k"));
            client.disconnectFromNetworkCmd().withNetworkId(net).withContainerId(c).exec();
            assertFalse(client.inspectContainerCmd(c).exec().getNetworkSettings().getNetworks().containsKey("e2e-java"));
        } finally {
            if (c != null) client.removeContainerCmd(c).withForce(true).exec();
            if (net != null) client.removeNetworkCmd(net).exec();
        }
    }
}
