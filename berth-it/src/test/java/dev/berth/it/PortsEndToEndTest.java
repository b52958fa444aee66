package dev.berth.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Published ports (issue 12) with real traffic: a busybox httpd published with {@code -p}, reached from
 * the host on 127.0.0.1 and on the host's own address, from another container through the host's
 * address (hairpin), UDP, {@code -P} and ephemeral ports, Docker's errors for a port another container
 * or a host process holds, forwarding that keeps serving across a {@code kill -9} of berthd, and no
 * rule left once the container is gone. Shapes through the docker CLI and docker-java.
 */
@Tag("root")
class PortsEndToEndTest {
    private static final String HTTPD = "mkdir -p /www && echo hello-$HOSTNAME > /www/index.html && exec httpd -f -p 80 -h /www";
    private static Berthd berthd;
    private static DockerClient client;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

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

    /** A port nothing on the host uses right now. */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The host's own non-loopback IPv4 address (not one of a container bridge). */
    private static String hostAddress() throws IOException {
        for (NetworkInterface nif : NetworkInterface.networkInterfaces().toList()) {
            String n = nif.getName();
            if (!nif.isUp() || nif.isLoopback() || n.startsWith("berth") || n.startsWith("docker") || n.startsWith("veth") || n.startsWith("br-")) continue;
            for (InetAddress a : nif.inetAddresses().toList()) if (a instanceof Inet4Address) return a.getHostAddress();
        }
        throw new IllegalStateException("no non-loopback IPv4 address on this host");
    }

    private static String get(String host, int port) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/")).timeout(Duration.ofSeconds(5)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body().trim();
    }

    /** GETs until the httpd answers (it starts right after the container). */
    private static String getEventually(String host, int port) throws Exception {
        Exception last = null;
        for (int i = 0; i < 50; i++) {
            try {
                return get(host, port);
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw last;
    }

    private static String natRules() throws Exception {
        return berthd.run("iptables-save", "-t", "nat").out();
    }

    private static void assertNoRulesOf(String id) throws Exception {
        String rules = natRules();
        assertFalse(rules.contains(id.substring(0, 12)), "rules of " + id + " left:\n" + rules);
    }

    @Test
    void aPublishedPortServesOnLoopbackTheHostAddressAndThroughTheHostFromAnotherContainer() throws Exception {
        int port = freePort();
        String id = out("run", "-d", "--name", "pweb", "--hostname", "pweb", "-p", port + ":80", "busybox", "sh", "-c", HTTPD);
        try {
            assertEquals("hello-pweb", getEventually("127.0.0.1", port));
            assertEquals("hello-pweb", get(hostAddress(), port));
            // hairpin: a container reaches its neighbour's published port through the host's address
            assertEquals("hello-pweb", out("run", "--rm", "busybox", "timeout", "5", "wget", "-qO-", "http://" + hostAddress() + ":" + port + "/"));
            assertEquals("80/tcp -> 0.0.0.0:" + port, out("port", "pweb"));
            assertEquals("0.0.0.0:" + port, out("port", "pweb", "80/tcp"));
            assertEquals("0.0.0.0:" + port + "->80/tcp", out("ps", "--filter", "name=pweb", "--format", "{{.Ports}}"));
            assertEquals("pweb", out("ps", "--filter", "publish=80", "--format", "{{.Names}}"));
            assertEquals("pweb", out("ps", "--filter", "publish=70-90/tcp", "--format", "{{.Names}}"));
            assertEquals("", out("ps", "--filter", "publish=80/udp", "--format", "{{.Names}}"));
            assertEquals("{\"80/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"" + port + "\"}]}", out("inspect", "-f", "{{json .NetworkSettings.Ports}}", "pweb"));
            assertEquals("{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"" + port + "\"}]}", out("inspect", "-f", "{{json .HostConfig.PortBindings}}", "pweb"));
            String list = berthd.http("GET", "/containers/json?filters=%7B%22name%22%3A%5B%22pweb%22%5D%7D", null).body();
            assertTrue(list.contains("\"Ports\":[{\"IP\":\"0.0.0.0\",\"PrivatePort\":80,\"PublicPort\":" + port + ",\"Type\":\"tcp\"}]"), list);

            // another container asking for the same host port: Docker's message, and it does not run
            Berthd.Result second = berthd.docker("run", "-d", "--name", "pweb2", "-p", port + ":80", "busybox", "sleep", "60");
            assertNotEquals(0, second.code());
            assertTrue(second.err().contains("driver failed programming external connectivity on endpoint pweb2")
                    && second.err().contains("Bind for 0.0.0.0:" + port + " failed: port is already allocated"), second.err());
            assertEquals("created", out("inspect", "-f", "{{.State.Status}}", "pweb2"));
            out("rm", "pweb2");
            assertEquals("hello-pweb", get("127.0.0.1", port), "the first container still serves");
        } finally {
            out("rm", "-f", id);
        }
        assertNoRulesOf(id);
        // the host port is free again
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("0.0.0.0", port));
        }
    }

    @Test
    void aPortAHostProcessHoldsFailsTheStartWithDockersMessage() throws Exception {
        try (ServerSocket held = new ServerSocket()) {
            held.bind(new InetSocketAddress("0.0.0.0", 0));
            int port = held.getLocalPort();
            Berthd.Result r = berthd.docker("run", "-d", "--name", "pheld", "-p", port + ":80", "busybox", "sleep", "60");
            assertNotEquals(0, r.code());
            assertTrue(r.err().contains("Error starting userland proxy: listen tcp4 0.0.0.0:" + port + ": bind: address already in use"), r.err());
            String id = out("inspect", "-f", "{{.Id}}", "pheld");
            assertEquals("created", out("inspect", "-f", "{{.State.Status}}", id));
            out("rm", id);
            assertNoRulesOf(id);
        }
    }

    @Test
    void udpIsForwarded() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "no python3 to serve UDP in the container (busybox has no UDP server)");
        int port = freePort();
        // busybox here has no UDP server: the host's python3, read-only, runs as the container's process
        String id = out("run", "-d", "-p", port + ":53/udp", "-v", "/usr:/usr:ro", "-v", "/lib:/lib:ro", "-v", "/lib64:/lib64:ro",
                "busybox", "/usr/bin/python3", "-c", "import socket\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\ns.bind(('0.0.0.0',53))\n"
                        + "while True:\n d,a=s.recvfrom(1000)\n s.sendto(b'echo:'+d,a)");
        try {
            assertEquals("53/udp -> 0.0.0.0:" + port, out("port", id));
            for (String host : List.of("127.0.0.1", hostAddress())) {
                assertEquals("echo:ping", udpEventually(host, port), host);
            }
        } finally {
            out("rm", "-f", id);
        }
        assertNoRulesOf(id);
    }

    private static String udpEventually(String host, int port) throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(300);
            for (int i = 0; i < 30; i++) {
                byte[] ping = "ping".getBytes(StandardCharsets.UTF_8);
                s.send(new DatagramPacket(ping, ping.length, InetAddress.getByName(host), port));
                DatagramPacket reply = new DatagramPacket(new byte[100], 100);
                try {
                    s.receive(reply);
                    return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
                } catch (java.net.SocketTimeoutException e) {
                    // the server is not up yet
                }
            }
        }
        throw new AssertionError("no UDP answer from " + host + ":" + port);
    }

    @Test
    void publishAllAndEphemeralPortsComeFromTheKernelsRange() throws Exception {
        String id = out("run", "-d", "--name", "pall", "--hostname", "pall", "--expose", "90", "-P", "-p", "80", "busybox", "sh", "-c", HTTPD);
        try {
            String[] range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).getFirst().trim().split("\\s+");
            int http80 = Integer.parseInt(out("port", "pall", "80").replace("0.0.0.0:", ""));
            int p90 = Integer.parseInt(out("port", "pall", "90/tcp").replace("0.0.0.0:", ""));
            for (int p : new int[]{http80, p90}) {
                assertTrue(p >= Integer.parseInt(range[0]) && p <= Integer.parseInt(range[1]), p + " in " + Arrays.toString(range));
            }
            assertNotEquals(http80, p90);
            assertEquals("hello-pall", getEventually("127.0.0.1", http80));
            assertEquals("true", out("inspect", "-f", "{{.HostConfig.PublishAllPorts}}", "pall"));
        } finally {
            out("rm", "-f", id);
        }
        assertNoRulesOf(id);
    }

    @Test
    void forwardingKeepsServingAcrossAKill9AndTheHostPortIsHeldAgain() throws Exception {
        int port = freePort();
        String id = out("run", "-d", "--name", "pcrash", "--hostname", "pcrash", "-p", "127.0.0.1:" + port + ":80", "busybox", "sh", "-c", HTTPD);
        try {
            assertEquals("hello-pcrash", getEventually("127.0.0.1", port));
            berthd.kill9();
            assertEquals("hello-pcrash", get("127.0.0.1", port), "served by the kernel while berthd is down");
            berthd.launch();
            assertEquals("hello-pcrash", get("127.0.0.1", port));
            assertEquals("127.0.0.1:" + port + "->80/tcp", out("ps", "--filter", "name=pcrash", "--format", "{{.Ports}}"));
            try (ServerSocket s = new ServerSocket()) {
                assertThrows(java.net.BindException.class, () -> s.bind(new InetSocketAddress("127.0.0.1", port)), "berthd holds the port again");
            }
        } finally {
            out("rm", "-f", id);
        }
        assertNoRulesOf(id);
    }

    @Test
    void aContainerThatExitedWhileBerthdWasDownHasItsRulesRemovedAtRestore() throws Exception {
        int port = freePort();
        String id = out("run", "-d", "-p", port + ":80", "busybox", "sleep", "2");
        assertTrue(natRules().contains(id.substring(0, 12)));
        berthd.kill9();
        Thread.sleep(3000);
        berthd.launch();
        assertEquals("exited", out("inspect", "-f", "{{.State.Status}}", id));
        assertNoRulesOf(id);
        out("rm", id);
    }

    @Test
    void dockerJavaSeesThePortsInInspectAndList() throws Exception {
        int port = freePort();
        ExposedPort http80 = ExposedPort.tcp(80);
        Ports bindings = new Ports();
        bindings.bind(http80, Ports.Binding.bindPort(port));
        String id = client.createContainerCmd("busybox").withName("pjava").withHostName("pjava").withCmd("sh", "-c", HTTPD)
                .withExposedPorts(http80, ExposedPort.udp(81))
                .withHostConfig(HostConfig.newHostConfig().withPortBindings(new PortBinding(Ports.Binding.bindPort(port), http80))).exec().getId();
        try {
            client.startContainerCmd(id).exec();
            InspectContainerResponse c = client.inspectContainerCmd(id).exec();
            Ports.Binding[] b = c.getNetworkSettings().getPorts().getBindings().get(http80);
            assertEquals(1, b.length);
            assertEquals("0.0.0.0", b[0].getHostIp());
            assertEquals(Integer.toString(port), b[0].getHostPortSpec());
            assertTrue(c.getNetworkSettings().getPorts().getBindings().containsKey(ExposedPort.udp(81)));
            assertEquals(null, c.getNetworkSettings().getPorts().getBindings().get(ExposedPort.udp(81)));
            assertEquals(Integer.toString(port), c.getHostConfig().getPortBindings().getBindings().get(http80)[0].getHostPortSpec());
            ContainerPort[] listed = client.listContainersCmd().withIdFilter(List.of(id)).exec().getFirst().getPorts();
            ContainerPort published = Arrays.stream(listed).filter(p -> p.getPublicPort() != null).findFirst().orElseThrow();
            assertEquals(port, published.getPublicPort());
            assertEquals(80, published.getPrivatePort());
            assertEquals("0.0.0.0", published.getIp());
            assertEquals("hello-pjava", getEventually("127.0.0.1", port));
        } finally {
            client.removeContainerCmd(id).withForce(true).exec();
        }
        assertNoRulesOf(id);
    }

    @Test
    void invalidPortSpecsAreRefusedAsDockerdRefusesThem() throws Exception {
        Berthd.HttpReply bad = berthd.http("POST", "/containers/create",
                "{\"Image\":\"busybox\",\"HostConfig\":{\"PortBindings\":{\"abc/tcp\":[{\"HostPort\":\"80\"}]}}}");
        assertTrue(bad.status().contains("400"), bad.status());
        assertTrue(bad.body().contains("invalid port specification: \\\"abc\\\""), bad.body());
        Berthd.HttpReply badHost = berthd.http("POST", "/containers/create",
                "{\"Image\":\"busybox\",\"HostConfig\":{\"PortBindings\":{\"80/tcp\":[{\"HostPort\":\"x1\"}]}}}");
        assertTrue(badHost.body().contains("invalid port specification: \\\"x1\\\""), badHost.body());
        Berthd.Result cli = berthd.docker("run", "--rm", "-p", "99999:80", "busybox", "true");
        assertNotEquals(0, cli.code());
    }
}
