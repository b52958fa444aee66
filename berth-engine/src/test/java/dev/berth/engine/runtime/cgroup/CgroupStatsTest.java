package dev.berth.engine.runtime.cgroup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CgroupStatsTest {
    @TempDir
    Path root;

    private void write(String rel, String content) throws Exception {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void readsCgroupV1Controllers() throws Exception {
        String cg = "berth-x/abc";
        write("cpuacct/" + cg + "/cpuacct.usage", "5000\n");
        write("cpuacct/" + cg + "/cpuacct.usage_percpu", "2000 3000 \n");
        write("cpuacct/" + cg + "/cpuacct.stat", "user 3\nsystem 1\n");
        write("memory/" + cg + "/memory.usage_in_bytes", "4096\n");
        write("memory/" + cg + "/memory.limit_in_bytes", "16777216\n");
        write("memory/" + cg + "/memory.stat", "cache 100\ntotal_inactive_file 50\n");
        write("pids/" + cg + "/pids.current", "4\n");
        write("pids/" + cg + "/pids.max", "max\n");
        write("blkio/" + cg + "/blkio.throttle.io_service_bytes_recursive", "8:0 Read 10\n8:0 Write 20\nTotal 30\n");
        CgroupStats stats = new CgroupStats(root);
        assertFalse(stats.isV2());
        Usage u = stats.sample(cg, 0);
        assertEquals(5000, u.cpuTotalNanos());
        assertEquals(30_000_000, u.cpuUserNanos());
        assertEquals(2, u.perCpuNanos().size());
        assertEquals(4096, u.memoryUsage());
        assertEquals(50, u.memoryStats().get("total_inactive_file"));
        assertEquals(4, u.pids());
        assertEquals(0, u.pidsLimit(), "max means no limit");
        assertEquals(2, u.blockIo().size());
        assertTrue(u.memoryLimit() > 0);
    }

    @Test
    void readsCgroupV2UnifiedTree() throws Exception {
        write("cgroup.controllers", "cpu memory pids io\n");
        String cg = "berth-x/abc";
        write(cg + "/cpu.stat", "usage_usec 7\nuser_usec 5\nsystem_usec 2\n");
        write(cg + "/memory.current", "8192\n");
        write(cg + "/memory.max", "max\n");
        write(cg + "/pids.current", "2\n");
        write(cg + "/pids.max", "10\n");
        write(cg + "/io.stat", "8:0 rbytes=100 wbytes=200 rios=1 wios=2\n");
        CgroupStats stats = new CgroupStats(root);
        assertTrue(stats.isV2());
        Usage u = stats.sample(cg, 0);
        assertEquals(7000, u.cpuTotalNanos());
        assertEquals(8192, u.memoryUsage());
        assertEquals(10, u.pidsLimit());
        assertEquals(100, u.blockIo().getFirst().bytes());
        assertEquals("write", u.blockIo().get(1).op());
    }

    @Test
    void parsesNetDevSkippingLoopback() throws Exception {
        write("net_dev", "Inter-|   Receive |  Transmit\n face |bytes packets errs drop fifo frame compressed multicast|bytes packets errs drop fifo colls carrier compressed\n"
                + "    lo:     10       1    0    0    0     0          0         0       10       1    0    0    0     0       0          0\n"
                + "  eth0:   1100      12    0    1    0     0          0         0      472       5    0    0    0     0       0          0\n");
        var nets = CgroupStats.networks(root.resolve("net_dev"));
        assertEquals(1, nets.size());
        assertEquals(1100, nets.get("eth0").rxBytes());
        assertEquals(1, nets.get("eth0").rxDropped());
        assertEquals(472, nets.get("eth0").txBytes());
    }
}
