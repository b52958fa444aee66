package dev.berth.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ulimit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HostConfig fields clients send (issue 10): each either works, checked from inside the container,
 * or is refused naming the field; none is accepted and dropped. The docker CLI and docker-java.
 */
@Tag("root")
class HostConfigEndToEndTest {
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

    private static Berthd.Result docker(String... args) throws Exception {
        return berthd.docker(args);
    }

    private static String out(String... args) throws Exception {
        return berthd.dockerOut(args);
    }

    @Test
    void killWithSigkillReturnsOnceTheContainerIsDead() throws Exception {
        for (int i = 0; i < 5; i++) {
            String id = out("run", "-d", "busybox", "sleep", "600");
            out("kill", id);
            // no wait in between: docker's kill -s KILL returns after the death
            assertEquals("false exited", out("inspect", "-f", "{{.State.Running}} {{.State.Status}}", id));
            out("rm", id);
        }
    }

    @Test
    void aRestartingContainerIsNotRemovedWithoutForce() throws Exception {
        String id = out("run", "-d", "--restart", "always", "busybox", "false");
        String status = "";
        for (int i = 0; i < 100 && !status.equals("restarting"); i++) {
            status = out("inspect", "-f", "{{.State.Status}}", id);
            if (!status.equals("restarting")) Thread.sleep(20);
        }
        assertEquals("restarting", status, "the container was seen restarting");
        Berthd.Result rm = docker("rm", id);
        assertEquals(1, rm.code());
        assertTrue(rm.err().contains("You cannot remove a restarting container"), rm.err());
        out("rm", "-f", id);
    }

    @Test
    void ulimitsReachTheProcess() throws Exception {
        assertEquals("512\n1024", out("run", "--rm", "--ulimit", "nofile=512:1024", "busybox", "sh", "-c", "ulimit -n; ulimit -Hn"));
        assertEquals("unlimited", out("run", "--rm", "--ulimit", "core=-1", "busybox", "sh", "-c", "ulimit -c"));
        String id = out("create", "--ulimit", "nproc=100:200", "busybox", "true");
        assertEquals("[{\"Name\":\"nproc\",\"Hard\":200,\"Soft\":100}]", out("inspect", "-f", "{{json .HostConfig.Ulimits}}", id));
        Berthd.Result badType = docker("run", "--rm", "--ulimit", "bogus=1", "busybox", "true");
        assertEquals(125, badType.code());
        assertTrue(badType.err().contains("invalid ulimit type: bogus"), badType.err());
        // through docker-java too
        var created = client.createContainerCmd("busybox").withCmd("sh", "-c", "ulimit -n")
                .withHostConfig(HostConfig.newHostConfig().withUlimits(new Ulimit[]{new Ulimit("nofile", 300L, 400L)})).exec();
        client.startContainerCmd(created.getId()).exec();
        client.waitContainerCmd(created.getId()).start().awaitStatusCode();
        assertEquals("300", out("logs", created.getId()));
    }

    @Test
    void aUlimitTheHostCannotGrantIsRefusedSayingWhy() throws Exception {
        long hostHard = -2;
        for (String l : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (l.startsWith("Max open files")) {
                String h = l.substring("Max open files".length()).trim().split("\\s+")[1];
                hostHard = h.equals("unlimited") ? -1 : Long.parseLong(h);
            }
        }
        boolean canRaise = (Long.parseUnsignedLong(Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("CapBnd:")).findFirst().orElseThrow().substring(7).trim(), 16) & (1L << 24)) != 0;
        Assumptions.assumeTrue(hostHard > 0 && !canRaise, "this host lets root raise rlimits");
        Berthd.Result r = docker("run", "--rm", "--ulimit", "nofile=1024:" + (hostHard * 2), "busybox", "true");
        assertEquals(125, r.code());
        assertTrue(r.err().contains("is above what this host grants"), r.err());
    }

    @Test
    void groupAddGivesSupplementaryGroupsToTheProcessAndItsExecs() throws Exception {
        // busybox's image has "audio" (29) as in every Debian-like /etc/group? check what it has
        String groups = out("run", "--rm", "--group-add", "1234", "--group-add", "nogroup", "busybox", "id", "-G");
        assertTrue(groups.contains("1234"), groups);
        String nogroup = out("run", "--rm", "busybox", "sh", "-c", "grep ^nogroup: /etc/group | cut -d: -f3");
        assertTrue(groups.contains(nogroup), groups + " has nogroup's gid " + nogroup);
        String id = out("run", "-d", "--group-add", "4321", "busybox", "sleep", "600");
        assertTrue(out("exec", id, "id", "-G").contains("4321"));
        assertEquals("[\"4321\"]", out("inspect", "-f", "{{json .HostConfig.GroupAdd}}", id));
        out("rm", "-f", id);
        Berthd.Result unknown = docker("run", "--rm", "--group-add", "nosuchgroup", "busybox", "true");
        assertNotEquals(0, unknown.code());
        assertTrue(unknown.err().contains("Unable to find group nosuchgroup"), unknown.err());
    }

    @Test
    void namespaceModesAreHonouredAndShown() throws Exception {
        String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        assertEquals(hostname, out("run", "--rm", "--network", "host", "busybox", "hostname"));
        assertEquals(hostname, out("run", "--rm", "--uts", "host", "busybox", "hostname"));
        // --pid host: the host's pid 1 is visible, and it is not the container's process
        assertNotEquals("cat", out("run", "--rm", "--pid", "host", "busybox", "cat", "/proc/1/comm"));
        assertEquals("cat", out("run", "--rm", "busybox", "cat", "/proc/1/comm"));
        String hostIpc = Files.readSymbolicLink(Path.of("/proc/self/ns/ipc")).toString();
        assertEquals(hostIpc, out("run", "--rm", "--ipc", "host", "busybox", "readlink", "/proc/self/ns/ipc"));
        assertNotEquals(hostIpc, out("run", "--rm", "busybox", "readlink", "/proc/self/ns/ipc"));
        String hostCgroupns = Files.readSymbolicLink(Path.of("/proc/self/ns/cgroup")).toString();
        assertNotEquals(hostCgroupns, out("run", "--rm", "--cgroupns", "private", "busybox", "readlink", "/proc/self/ns/cgroup"));
        String id = out("create", "--cgroupns", "private", "--pid", "host", "--ipc", "host", "--uts", "host", "busybox", "true");
        assertEquals("private host host host", out("inspect", "-f", "{{.HostConfig.CgroupnsMode}} {{.HostConfig.PidMode}} {{.HostConfig.IpcMode}} {{.HostConfig.UTSMode}}", id));
        Berthd.Result joining = docker("run", "--rm", "--pid", "container:" + id, "busybox", "true");
        assertEquals(125, joining.code());
        assertTrue(joining.err().contains("HostConfig.PidMode"), joining.err());
    }

    @Test
    void sysctlsAreSetInTheContainersNamespaces() throws Exception {
        assertEquals("1", out("run", "--rm", "--sysctl", "net.ipv4.ip_forward=1", "busybox", "cat", "/proc/sys/net/ipv4/ip_forward"));
        assertEquals("4096", out("run", "--rm", "--sysctl", "kernel.msgmax=4096", "busybox", "cat", "/proc/sys/kernel/msgmax"));
        // the docker CLI refuses a host-wide sysctl itself; berthd does too, for clients that do not
        var host = berthd.http("POST", "/containers/create", "{\"Image\":\"busybox\",\"HostConfig\":{\"Sysctls\":{\"kernel.hostname\":\"x\"}}}");
        assertTrue(host.status().startsWith("HTTP/1.1 400"), host.status());
        assertTrue(host.body().contains("sysctl 'kernel.hostname' is not whitelisted"), host.body());
        var hostNet = berthd.http("POST", "/containers/create",
                "{\"Image\":\"busybox\",\"HostConfig\":{\"NetworkMode\":\"host\",\"Sysctls\":{\"net.ipv4.ip_forward\":\"1\"}}}");
        assertTrue(hostNet.body().contains("not allowed in host network namespace"), hostNet.body());
    }

    @Test
    void inspectShowsDockersHostConfigShapeAndUnsupportedFieldsAreRefused() throws Exception {
        String id = out("create", "busybox", "true");
        String hc = out("inspect", "-f", "{{json .HostConfig}}", id);
        for (String field : new String[]{"\"PidMode\":\"\"", "\"UTSMode\":\"\"", "\"IpcMode\":\"private\"", "\"MemorySwappiness\":null",
                "\"DeviceCgroupRules\":null", "\"Isolation\":\"\"", "\"CpusetCpus\":\"\"", "\"CpusetMems\":\"\"", "\"VolumeDriver\":\"\"",
                "\"Ulimits\":[]", "\"MaskedPaths\":[", "\"OomKillDisable\":false", "\"Devices\":[]"}) {
            assertTrue(hc.contains(field), field + " in " + hc);
        }
        // a field berth does not act on yet is refused, naming it
        var realtime = berthd.http("POST", "/containers/create", "{\"Image\":\"busybox\",\"HostConfig\":{\"CpuRealtimeRuntime\":1000}}");
        assertTrue(realtime.status().startsWith("HTTP/1.1 501"), realtime.status());
        assertTrue(realtime.body().contains("HostConfig.CpuRealtimeRuntime is not implemented yet"), realtime.body());
        var subpath = berthd.http("POST", "/containers/create", "{\"Image\":\"busybox\",\"HostConfig\":{\"Mounts\":"
                + "[{\"Type\":\"volume\",\"Source\":\"v\",\"Target\":\"/v\",\"VolumeOptions\":{\"Subpath\":\"a\"}}]}}");
        assertTrue(subpath.status().startsWith("HTTP/1.1 501"), subpath.status());
        assertTrue(subpath.body().contains("HostConfig.Mounts[].VolumeOptions.Subpath is not implemented yet"), subpath.body());
    }

    /** A cgroup file as the container sees it, on cgroup v1 (controller directories) or v2. */
    private static String cgroupValue(String id, String v1, String v2) throws Exception {
        return out("exec", id, "sh", "-c", "cat /sys/fs/cgroup/" + v1 + " 2>/dev/null || cat /sys/fs/cgroup/" + v2);
    }

    @Test
    void updateChangesARunningContainersLimitsAndRestartPolicy() throws Exception {
        String id = out("run", "-d", "--memory", "32m", "busybox", "sleep", "600");
        out("update", "--memory", "64m", "--memory-swap", "128m", "--cpus", "0.5", "--pids-limit", "50", "--restart", "on-failure:3", id);
        assertEquals("67108864", cgroupValue(id, "memory/memory.limit_in_bytes", "memory.max"));
        assertEquals("50", cgroupValue(id, "pids/pids.max", "pids.max"));
        String quota = cgroupValue(id, "cpu/cpu.cfs_quota_us", "cpu.max");
        assertTrue(quota.equals("50000") || quota.startsWith("50000 "), quota);
        assertEquals("67108864 134217728 500000000 50 on-failure 3", out("inspect", "-f",
                "{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}} "
                        + "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}", id));
        // dockerd's refusals
        Berthd.Result tooSmall = docker("update", "--memory", "1m", id);
        assertEquals(1, tooSmall.code());
        assertTrue(tooSmall.err().contains("Minimum memory limit allowed is 6MB"), tooSmall.err());
        Berthd.Result aboveSwap = docker("update", "--memory", "256m", id);
        assertEquals(1, aboveSwap.code());
        assertTrue(aboveSwap.err().contains("Memory limit should be smaller than already set memoryswap limit"), aboveSwap.err());
        var devices = berthd.http("POST", "/containers/" + id + "/update", "{\"Devices\":[{\"PathOnHost\":\"/dev/null\"}]}");
        assertTrue(devices.status().startsWith("HTTP/1.1 501"), devices.status());
        assertTrue(devices.body().contains("Devices cannot be changed by an update"), devices.body());
        // a stopped container gets the new limits at its next start
        out("stop", "-t", "0", id);
        out("update", "--memory", "48m", "--memory-swap", "96m", id);
        out("start", id);
        assertEquals("50331648", cgroupValue(id, "memory/memory.limit_in_bytes", "memory.max"));
        out("rm", "-f", id);
    }
}
