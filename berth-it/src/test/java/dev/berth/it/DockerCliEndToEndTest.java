package dev.berth.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives a real berthd with clients berth did not write: raw HTTP over the socket, and the docker
 * CLI when it is on PATH.
 */
@Tag("root")
class DockerCliEndToEndTest {
    private static Berthd berthd;

    @BeforeAll
    static void startDaemon() throws Exception {
        Assumptions.assumeTrue(Berthd.isRoot(), "needs root: skipping berthd end-to-end tests");
        berthd = Berthd.start();
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (berthd != null) berthd.close();
    }

    private static Berthd.Result docker(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "docker";
        System.arraycopy(args, 0, cmd, 1, args.length);
        return berthd.run(cmd);
    }

    @Test
    void pingAndVersionNegotiation() throws Exception {
        var ping = berthd.http("GET", "/_ping", null);
        assertEquals("HTTP/1.1 200 OK", ping.status());
        assertTrue(ping.headers().contains("Api-Version: 1.44"));
        assertEquals("OK", ping.body());
        var tooNew = berthd.http("GET", "/v1.99/version", null);
        assertTrue(tooNew.status().startsWith("HTTP/1.1 400"));
        assertTrue(tooNew.body().contains("client version 1.99 is too new. Maximum supported API version is 1.44"));
        var missing = berthd.http("POST", "/v1.41/containers/create", "{\"Image\":\"nosuchimage:1\"}");
        assertTrue(missing.status().startsWith("HTTP/1.1 404"));
        assertTrue(missing.body().contains("No such image: nosuchimage:1"));
        var unknown = berthd.http("GET", "/containers/nope-x/json", null);
        assertTrue(unknown.status().startsWith("HTTP/1.1 404"));
        assertTrue(unknown.body().contains("No such container: nope-x"));
    }

    @Test
    void runPrintsOutputAndPropagatesExitCodes() throws Exception {
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        var hello = docker("run", "--rm", "busybox", "echo", "hello");
        assertEquals(0, hello.code(), hello.err());
        assertEquals("hello\n", hello.out());
        var three = docker("run", "--rm", "busybox", "sh", "-c", "echo err >&2; exit 3");
        assertEquals(3, three.code());
        assertEquals("err\n", three.err());
        var notFound = docker("run", "--rm", "busybox", "no-such-command");
        assertEquals(127, notFound.code(), notFound.err());
        assertTrue(notFound.err().contains("executable file not found"));
        assertEquals("", docker("ps", "-aq", "--filter", "ancestor=busybox", "--filter", "status=exited").out().trim(),
                "--rm containers must be gone");
    }

    @Test
    void bridgeNetworkGivesAnAddress() throws Exception {
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        var ip = docker("run", "--rm", "busybox", "sh", "-c", "ip -4 addr show eth0");
        assertEquals(0, ip.code(), ip.err());
        assertTrue(ip.out().contains("inet "), ip.out());
        var none = docker("run", "--rm", "--network", "none", "busybox", "sh", "-c", "ip -4 addr | grep -c inet");
        assertEquals("1", none.out().trim(), "only loopback with --network none");
    }

    @Test
    void detachedContainerExecLogsStop() throws Exception {
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        var started = docker("run", "-d", "--name", "e2e-web", "busybox", "sh", "-c", "echo ready; exec sleep 300");
        assertEquals(0, started.code(), started.err());
        var conflict = docker("run", "-d", "--name", "e2e-web", "busybox", "true");
        assertEquals(125, conflict.code());
        assertTrue(conflict.err().contains("Conflict. The container name \"/e2e-web\" is already in use"), conflict.err());
        var exec = docker("exec", "-e", "X=42", "e2e-web", "sh", "-c", "echo $X; exit 2");
        assertEquals(2, exec.code());
        assertEquals("42\n", exec.out());
        Thread.sleep(200);
        assertEquals("ready\n", docker("logs", "e2e-web").out());
        var rmRunning = docker("rm", "e2e-web");
        assertFalse(rmRunning.code() == 0);
        assertTrue(rmRunning.err().contains("You cannot remove a running container"), rmRunning.err());
        long t0 = System.nanoTime();
        assertEquals(0, docker("stop", "-t", "1", "e2e-web").code());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 900 && ms < 5000, "stop -t 1 took " + ms + " ms");
        var inspect = docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "e2e-web");
        assertEquals("exited 137", inspect.out().trim());
        assertEquals(0, docker("rm", "e2e-web").code());
    }

    @Test
    @org.junit.jupiter.api.Disabled("not yet: the pids limit is written to config.json but this check does not pass yet; see issue 2 note")
    void pidsLimitStopsAForkBomb() throws Exception {
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        var r = docker("run", "--rm", "--pids-limit", "10", "busybox", "sh", "-c",
                "for i in $(seq 1 40); do sleep 5 & done 2>/dev/null; n=0; for p in /proc/[0-9]*; do n=$((n+1)); done; echo $n");
        int n = Integer.parseInt(r.out().trim().lines().reduce((a, b) -> b).orElse("0"));
        assertTrue(n > 1 && n <= 10, "pids limit let " + n + " processes run: " + r.out() + r.err());
    }
}
