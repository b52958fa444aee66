package dev.berth.engine.container;

import dev.berth.engine.container.HostFacts.Feature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link HostFactsProbe} over fake cgroup trees; named for the ResourceLimits test filter. */
class ResourceLimitsProbeTest {
    @TempDir Path tmp;

    private void write(String relative, String content) throws IOException {
        Path file = tmp.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void cgroupV1HybridWithoutSwapAccounting() throws IOException {
        write("proc/status", "Name:\tjava\nCpus_allowed_list:\t0-3,6\n");
        write("proc/cgroup", "4:memory:/\n0::/\n");
        for (String f : new String[] {"memory.limit_in_bytes", "memory.soft_limit_in_bytes", "memory.swappiness", "memory.oom_control"}) {
            write("cg/memory/" + f, "0\n");
        }
        write("cg/pids/cgroup.procs", "1\n");
        write("cg/cpu/cpu.shares", "1024\n");
        write("cg/cpu/cpu.cfs_quota_us", "-1\n");
        write("cg/cpuset/cpuset.cpus", "0-3,6\n");
        write("cg/cpuset/cpuset.mems", "0\n");
        Files.createDirectories(tmp.resolve("cg/unified"));
        HostFacts facts = HostFactsProbe.read(tmp.resolve("cg"), tmp.resolve("proc"));
        assertEquals(new HostFacts(5, "0-3,6", "0", EnumSet.of(Feature.MEMORY_LIMIT, Feature.MEMORY_RESERVATION,
                Feature.MEMORY_SWAPPINESS, Feature.OOM_KILL_DISABLE, Feature.PIDS_LIMIT, Feature.CPU_SHARES, Feature.CPU_CFS, Feature.CPUSET)), facts);
    }

    @Test
    void cgroupV2ReadsTheDaemonsOwnGroup() throws IOException {
        write("proc/status", "Cpus_allowed_list:\t0-1\n");
        write("proc/cgroup", "0::/system.slice/berthd.service\n");
        write("cg/cgroup.controllers", "cpuset cpu io memory hugetlb pids rdma misc\n");
        write("cg/system.slice/berthd.service/cgroup.controllers", "cpuset cpu memory pids\n");
        write("cg/system.slice/berthd.service/memory.swap.max", "max\n");
        write("cg/system.slice/berthd.service/cpuset.cpus.effective", "0-1\n");
        write("cg/system.slice/berthd.service/cpuset.mems.effective", "0\n");
        HostFacts facts = HostFactsProbe.read(tmp.resolve("cg"), tmp.resolve("proc"));
        assertEquals(new HostFacts(2, "0-1", "0", EnumSet.of(Feature.MEMORY_LIMIT, Feature.MEMORY_RESERVATION, Feature.SWAP_LIMIT,
                Feature.CPU_SHARES, Feature.CPU_CFS, Feature.PIDS_LIMIT, Feature.CPUSET)), facts);
    }

    @Test
    void thisHostGivesFactsThatAcceptNoLimits() {
        // smoke check on the real files; whatever the host, "no limits" must validate
        HostFacts facts = HostFactsProbe.read(Path.of("/sys/fs/cgroup"), Path.of("/proc/self"));
        assertTrue(facts.cpus() >= 1);
        assertEquals(ResourceLimits.NONE, ResourceLimits.NONE.validate(facts).limits());
    }
}
