package dev.berth.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cgroup resources and devices of HostConfig (issue 10): each flag is read back inside the
 * container (its cgroup files on v1 or v2, /proc/self), shown by inspect, changed by update on a
 * running container where runc update can, and refused with dockerd's message when out of range
 * or when this host cannot enforce it. The docker CLI and docker-java.
 */
@Tag("root")
class ResourcesEndToEndTest {
    private static final boolean V2 = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));
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

    /** docker run refuses: exit 125 and dockerd's message. */
    private static void refused(String message, String... runArgs) throws Exception {
        String[] args = new String[runArgs.length + 4];
        args[0] = "run";
        args[1] = "--rm";
        System.arraycopy(runArgs, 0, args, 2, runArgs.length);
        args[args.length - 2] = "busybox";
        args[args.length - 1] = "true";
        Berthd.Result r = docker(args);
        assertEquals(125, r.code(), String.join(" ", runArgs) + ": " + r.err());
        assertTrue(r.err().contains(message), r.err());
    }

    /** A cgroup file as the container sees it: the v1 controller's, or the v2 group's. */
    private static String cgroup(String v1, String v2, String... runArgs) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--rm"));
        args.addAll(List.of(runArgs));
        args.addAll(List.of("busybox", "cat", "/sys/fs/cgroup/" + (V2 ? v2 : v1)));
        return out(args.toArray(String[]::new));
    }

    private static String hostCgroupFile(String v1) throws Exception {
        return Files.readString(Path.of("/sys/fs/cgroup", v1)).trim();
    }

    @Test
    void cpusetPinsTheContainer() throws Exception {
        assertEquals("Cpus_allowed_list:\t0", out("run", "--rm", "--cpuset-cpus", "0", "busybox", "grep", "Cpus_allowed_list", "/proc/self/status"));
        assertEquals("0", cgroup("cpuset/cpuset.cpus", "cpuset.cpus", "--cpuset-cpus", "0"));
        String mems = V2 ? "0" : hostCgroupFile("cpuset/cpuset.mems").split("[-,]")[0];
        assertEquals(mems, cgroup("cpuset/cpuset.mems", "cpuset.mems", "--cpuset-mems", mems));
        refused("Requested CPUs are not available - requested 0-99, available: ", "--cpuset-cpus", "0-99");
        refused("Invalid value 1-x for cpuset cpus", "--cpuset-cpus", "1-x");
        refused("Requested memory nodes are not available - requested 9", "--cpuset-mems", "9");
    }

    @Test
    void aDeviceIsUsableUnderItsContainerPathWithItsPermissions() throws Exception {
        assertEquals("c 1 3\nok", out("run", "--rm", "--device", "/dev/null:/dev/mynull", "busybox", "sh", "-c",
                "stat -c '%F' /dev/mynull >/dev/null; echo c $(stat -c '%t %T' /dev/mynull); echo x > /dev/mynull && echo ok"));
        if (Files.exists(Path.of("/dev/fuse"))) {
            // /dev/null is in runc's default allow list; fuse is not, so its rule decides
            assertEquals("opened", out("run", "--rm", "--device", "/dev/fuse:/dev/f", "busybox", "sh", "-c", "exec 3<>/dev/f && echo opened"));
            Berthd.Result readOnly = docker("run", "--rm", "--device", "/dev/fuse:/dev/f:r", "busybox", "sh", "-c", "exec 3<>/dev/f");
            assertNotEquals(0, readOnly.code(), "r alone does not allow opening for writing");
            assertTrue(readOnly.err().contains("Operation not permitted"), readOnly.err());
        }
        // dockerd's error, at start; the docker CLI turns "no such file or directory" into its exit 127
        Berthd.Result missing = docker("run", "--rm", "--device", "/dev/nope", "busybox", "true");
        assertNotEquals(0, missing.code());
        assertTrue(missing.err().contains("error gathering device information while adding custom device \"/dev/nope\": no such file or directory"),
                missing.err());
        out("container", "prune", "-f");
        // a directory gives the device nodes under it
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/net/tun")), "no /dev/net/tun here");
        assertTrue(out("run", "--rm", "--device", "/dev/net", "busybox", "ls", "/dev/net").contains("tun"));
    }

    @Test
    void aDeviceCgroupRuleAllowsThatDevice() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/fuse")), "no fuse driver here");
        String script = "mknod /dev/f c 10 229 && exec 3<>/dev/f && echo opened";
        Berthd.Result denied = docker("run", "--rm", "busybox", "sh", "-c", script);
        assertNotEquals(0, denied.code());
        assertTrue(denied.err().contains("Operation not permitted"), denied.err());
        assertEquals("opened", out("run", "--rm", "--device-cgroup-rule", "c 10:* rwm", "busybox", "sh", "-c", script));
        var bad = berthd.http("POST", "/containers/create", "{\"Image\":\"busybox\",\"HostConfig\":{\"DeviceCgroupRules\":[\"c 10 rwm\"]}}");
        assertTrue(bad.status().startsWith("HTTP/1.1 400"), bad.status());
        assertTrue(bad.body().contains("invalid device cgroup rule format: 'c 10 rwm'"), bad.body());
    }

    @Test
    void oomKillDisableAsDockerdDoesOnThisHostsCgroups() throws Exception {
        if (V2) {
            // dockerd discards it with a warning on v2; berth refuses rather than drop it
            refused("Your kernel does not support OomKillDisable. OomKillDisable discarded.", "-m", "64m", "--oom-kill-disable");
            return;
        }
        String control = cgroup("memory/memory.oom_control", "", "-m", "64m", "--oom-kill-disable");
        assertTrue(control.contains("oom_kill_disable 1"), control);
        assertTrue(cgroup("memory/memory.oom_control", "").contains("oom_kill_disable 0"));
        // without a memory limit dockerd warns, and so does berthd, in the create answer the CLI prints
        Berthd.Result warned = docker("run", "--rm", "--oom-kill-disable", "busybox", "true");
        assertEquals(0, warned.code(), warned.err());
        assertTrue(warned.err().contains("WARNING: OOM killer is disabled for the container, but no memory limit is set"), warned.err());
    }

    @Test
    void memoryReservationAndSwappiness() throws Exception {
        assertEquals("33554432", cgroup("memory/memory.soft_limit_in_bytes", "memory.low", "--memory-reservation", "32m"));
        refused("Minimum memory reservation allowed is 6MB", "--memory-reservation", "1m");
        refused("Minimum memory limit can not be less than memory reservation limit, see usage", "-m", "16m", "--memory-reservation", "32m");
        if (V2) {
            refused("Memory swappiness discarded", "--memory-swappiness", "10");
        } else {
            assertEquals("10", cgroup("memory/memory.swappiness", "", "--memory-swappiness", "10"));
        }
        var bad = berthd.http("POST", "/containers/create", "{\"Image\":\"busybox\",\"HostConfig\":{\"MemorySwappiness\":101}}");
        assertTrue(bad.body().contains("Invalid value: 101, valid memory swappiness range is 0-100"), bad.body());
    }

    @Test
    void cpuPeriodAndQuota() throws Exception {
        if (V2) {
            assertEquals("25000 50000", cgroup("", "cpu.max", "--cpu-period", "50000", "--cpu-quota", "25000"));
        } else {
            assertEquals("50000\n25000", out("run", "--rm", "--cpu-period", "50000", "--cpu-quota", "25000", "busybox", "cat",
                    "/sys/fs/cgroup/cpu/cpu.cfs_period_us", "/sys/fs/cgroup/cpu/cpu.cfs_quota_us"));
        }
        refused("Conflicting options: Nano CPUs and CPU Period cannot both be set", "--cpus", "1", "--cpu-period", "50000");
        refused("Conflicting options: Nano CPUs and CPU Quota cannot both be set", "--cpus", "1", "--cpu-quota", "50000");
        refused("CPU cfs quota can not be less than 1ms (i.e. 1000)", "--cpu-quota", "500");
        refused("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)", "--cpu-period", "2000000");
    }

    @Test
    void blkioWeightWhereTheHostHasIt() throws Exception {
        boolean weight = V2 ? Files.exists(Path.of("/sys/fs/cgroup/io.bfq.weight")) : Files.exists(Path.of("/sys/fs/cgroup/blkio/blkio.weight"));
        if (!weight) {
            // dockerd discards it with this warning; berth refuses with the same words
            refused("Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded.", "--blkio-weight", "300");
            return;
        }
        assertTrue(cgroup("blkio/blkio.weight", "io.bfq.weight", "--blkio-weight", "300").contains("300"));
        refused("Range of blkio weight is from 10 to 1000", "--blkio-weight", "5");
    }

    @Test
    void oomScoreAdjReachesTheProcess() throws Exception {
        assertEquals("0", out("run", "--rm", "busybox", "cat", "/proc/self/oom_score_adj"));
        assertEquals("500", out("run", "--rm", "--oom-score-adj", "500", "busybox", "cat", "/proc/self/oom_score_adj"));
        String id = out("run", "-d", "--oom-score-adj", "400", "busybox", "sleep", "600");
        try {
            assertEquals("400", out("exec", id, "cat", "/proc/self/oom_score_adj"), "an exec has its container's score, as under dockerd");
        } finally {
            out("rm", "-f", id);
        }
        refused("Invalid value 2000, range for oom score adj is [-1000, 1000]", "--oom-score-adj", "2000");
        boolean canLower = (Long.parseUnsignedLong(Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("CapBnd:")).findFirst().orElseThrow().substring(7).trim(), 16) & (1L << 24)) != 0;
        if (canLower) {
            assertEquals("-500", out("run", "--rm", "--oom-score-adj", "-500", "busybox", "cat", "/proc/self/oom_score_adj"));
        } else {
            refused("berthd lacks CAP_SYS_RESOURCE to lower it", "--oom-score-adj", "-500");
        }
    }

    @Test
    void inspectShowsEveryResourceGiven() throws Exception {
        String id = out("create", "--cpuset-cpus", "0", "--cpuset-mems", "0", "--cpu-period", "50000", "--cpu-quota", "25000",
                "--memory-reservation", "32m", "-m", "64m", "--oom-score-adj", "100", "--device", "/dev/null:/dev/mynull:rw",
                "--device-cgroup-rule", "c 42:* rmw", "busybox", "true");
        try {
            assertEquals("0 0 50000 25000 33554432 100 [{\"CgroupPermissions\":\"rw\",\"PathInContainer\":\"/dev/mynull\",\"PathOnHost\":\"/dev/null\"}]"
                    + " [\"c 42:* rmw\"]", out("inspect", "-f", "{{.HostConfig.CpusetCpus}} {{.HostConfig.CpusetMems}} {{.HostConfig.CpuPeriod}} "
                    + "{{.HostConfig.CpuQuota}} {{.HostConfig.MemoryReservation}} {{.HostConfig.OomScoreAdj}} {{json .HostConfig.Devices}} "
                    + "{{json .HostConfig.DeviceCgroupRules}}", id));
        } finally {
            out("rm", id);
        }
    }

    @Test
    void updateChangesARunningContainersCpusetQuotaAndReservation() throws Exception {
        String id = out("run", "-d", "-m", "64m", "busybox", "sleep", "600");
        try {
            String cpu = V2 ? "0" : hostCgroupFile("cpuset/cpuset.cpus").split("[-,]")[0];
            out("update", "--cpuset-cpus", cpu, "--memory-reservation", "16m", "--cpu-period", "50000", "--cpu-quota", "20000", id);
            assertEquals("Cpus_allowed_list:\t" + cpu, out("exec", id, "grep", "Cpus_allowed_list", "/proc/self/status"));
            assertEquals("16777216", out("exec", id, "cat", V2 ? "/sys/fs/cgroup/memory.low" : "/sys/fs/cgroup/memory/memory.soft_limit_in_bytes"));
            assertEquals(V2 ? "20000 50000" : "20000", out("exec", id, "cat", V2 ? "/sys/fs/cgroup/cpu.max" : "/sys/fs/cgroup/cpu/cpu.cfs_quota_us"));
            assertEquals(cpu + " 16777216 50000 20000", out("inspect", "-f",
                    "{{.HostConfig.CpusetCpus}} {{.HostConfig.MemoryReservation}} {{.HostConfig.CpuPeriod}} {{.HostConfig.CpuQuota}}", id));
            Berthd.Result nano = docker("update", "--cpus", "1", id);
            assertEquals(1, nano.code());
            assertTrue(nano.err().contains("Conflicting options: Nano CPUs cannot be updated as CPU Period has already been set"), nano.err());
            Berthd.Result outside = docker("update", "--cpuset-cpus", "0-99", id);
            assertEquals(1, outside.code());
            assertTrue(outside.err().contains("Requested CPUs are not available - requested 0-99"), outside.err());
        } finally {
            out("rm", "-f", id);
        }
    }

    @Test
    void dockerJavaSendsTheSameFields() throws Exception {
        var created = client.createContainerCmd("busybox")
                .withCmd("sh", "-c", "grep Cpus_allowed_list /proc/self/status; cat /proc/self/oom_score_adj; echo x > /dev/jnull && echo dev-ok")
                .withHostConfig(HostConfig.newHostConfig().withCpusetCpus("0").withOomScoreAdj(300).withMemoryReservation(32L << 20)
                        .withCpuPeriod(50_000L).withCpuQuota(25_000L).withDevices(new Device("rwm", "/dev/jnull", "/dev/null"))
                        .withDeviceCgroupRules(List.of("c 42:* rmw")))
                .exec();
        try {
            client.startContainerCmd(created.getId()).exec();
            assertEquals(0, client.waitContainerCmd(created.getId()).start().awaitStatusCode());
            assertTrue(out("logs", created.getId()).matches("(?s)Cpus_allowed_list:\\s+0\n300\ndev-ok"), out("logs", created.getId()));
            InspectContainerResponse inspect = client.inspectContainerCmd(created.getId()).exec();
            HostConfig hc = inspect.getHostConfig();
            assertEquals("0", hc.getCpusetCpus());
            assertEquals(300, hc.getOomScoreAdj());
            assertEquals(32L << 20, hc.getMemoryReservation());
            assertEquals(50_000L, hc.getCpuPeriod());
            assertEquals(25_000L, hc.getCpuQuota());
            assertEquals("/dev/jnull", hc.getDevices()[0].getPathInContainer());
            assertEquals(List.of("c 42:* rmw"), hc.getDeviceCgroupRules());
        } finally {
            client.removeContainerCmd(created.getId()).withForce(true).exec();
        }
    }
}
