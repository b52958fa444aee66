package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;
import dev.berth.engine.container.HostFacts.Feature;
import dev.berth.engine.runtime.CgroupNumbers;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceLimitsTest {
    static final long MB = 1024 * 1024;
    static final HostFacts TWO_CPUS = HostFacts.everything(2);

    /** A mutable stand-in for the sixteen-field constructor, so each test names only what it sets. */
    static final class L {
        long memory, memoryReservation, memorySwap, nanoCpus, cpuShares, cpuPeriod, cpuQuota, rtPeriod, rtRuntime, shmSize;
        Long swappiness, pids;
        Boolean oomKillDisable;
        String cpus = "", mems = "";
        int blkioWeight;

        ResourceLimits build() {
            return new ResourceLimits(memory, memoryReservation, memorySwap, swappiness, nanoCpus, cpuShares, cpuPeriod, cpuQuota,
                    rtPeriod, rtRuntime, cpus, mems, pids, blkioWeight, oomKillDisable, shmSize);
        }
    }

    static ResourceLimits limits(UnaryOperator<L> set) {
        L l = new L();
        set.apply(l);
        return l.build();
    }

    static String refusal(HostFacts host, UnaryOperator<L> set) {
        return assertThrows(BerthException.InvalidArgument.class, () -> limits(set).validate(host)).getMessage();
    }

    @Test
    void nothingSetIsValidAndUnchanged() {
        var checked = ResourceLimits.NONE.validate(TWO_CPUS);
        assertEquals(ResourceLimits.NONE, checked.limits());
        assertEquals(List.of(), checked.warnings());
    }

    @Test
    void memory() {
        assertEquals("Minimum memory limit allowed is 6MB", refusal(TWO_CPUS, l -> { l.memory = -1; return l; }));
        assertEquals("Minimum memory limit allowed is 6MB", refusal(TWO_CPUS, l -> { l.memory = Long.MIN_VALUE; return l; }));
        assertEquals("Minimum memory limit allowed is 6MB", refusal(TWO_CPUS, l -> { l.memory = 6 * MB - 1; return l; }));
        limits(l -> { l.memory = 6 * MB; return l; }).validate(TWO_CPUS);
        limits(l -> { l.memory = Long.MAX_VALUE; l.memorySwap = -1; return l; }).validate(TWO_CPUS);
        assertEquals("Minimum memoryswap limit should be larger than memory limit, see usage",
                refusal(TWO_CPUS, l -> { l.memory = 64 * MB; l.memorySwap = 32 * MB; return l; }));
        assertEquals("You should always set the Memory limit when using Memoryswap limit, see usage",
                refusal(TWO_CPUS, l -> { l.memorySwap = 64 * MB; return l; }));
        assertEquals("Minimum memory reservation allowed is 6MB", refusal(TWO_CPUS, l -> { l.memoryReservation = MB; return l; }));
        assertEquals("Minimum memory limit can not be less than memory reservation limit, see usage",
                refusal(TWO_CPUS, l -> { l.memory = 64 * MB; l.memoryReservation = 128 * MB; return l; }));
        // negative swap other than -1 and negative reservations mean "unset" to dockerd
        limits(l -> { l.memory = 64 * MB; l.memorySwap = -5; l.memoryReservation = -5; return l; }).validate(TWO_CPUS);
    }

    @Test
    void swapWithoutMemoryIsAllowedOnUpdate() {
        var update = limits(l -> { l.memorySwap = 64 * MB; return l; });
        assertEquals(64 * MB, update.validateUpdate(TWO_CPUS).limits().memorySwap());
    }

    @Test
    void swappiness() {
        assertEquals("Invalid value: 101, valid memory swappiness range is 0-100", refusal(TWO_CPUS, l -> { l.swappiness = 101L; return l; }));
        assertEquals("Invalid value: -2, valid memory swappiness range is 0-100", refusal(TWO_CPUS, l -> { l.swappiness = -2L; return l; }));
        // the CLI's "unset"
        assertNull(limits(l -> { l.swappiness = -1L; return l; }).memorySwappiness());
        assertEquals(0L, limits(l -> { l.swappiness = 0L; return l; }).validate(TWO_CPUS).limits().memorySwappiness());
    }

    @Test
    void cpuShares() {
        assertEquals("invalid CPU shares (-5): value must be a positive integer", refusal(TWO_CPUS, l -> { l.cpuShares = -5; return l; }));
        assertEquals(1024, limits(l -> { l.cpuShares = 1024; return l; }).validate(TWO_CPUS).limits().cpuShares());
    }

    @Test
    void nanoCpus() {
        String range = "Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available";
        assertEquals(range, refusal(TWO_CPUS, l -> { l.nanoCpus = 1_000_000_000_000_000_000L; return l; }));
        assertEquals(range, refusal(TWO_CPUS, l -> { l.nanoCpus = Long.MAX_VALUE; return l; }));
        assertEquals(range, refusal(TWO_CPUS, l -> { l.nanoCpus = -1; return l; }));
        assertEquals(range, refusal(TWO_CPUS, l -> { l.nanoCpus = 2_000_000_001L; return l; }));
        assertEquals("Range of CPUs is from 0.01 to 1.00, as there are only 1 CPUs available",
                refusal(HostFacts.everything(1), l -> { l.nanoCpus = 1_500_000_000L; return l; }));
        limits(l -> { l.nanoCpus = 2_000_000_000L; return l; }).validate(TWO_CPUS);
        limits(l -> { l.nanoCpus = 1; return l; }).validate(TWO_CPUS);
        assertEquals("Conflicting options: Nano CPUs and CPU Period cannot both be set",
                refusal(TWO_CPUS, l -> { l.nanoCpus = 1_000_000_000L; l.cpuPeriod = 50_000; return l; }));
        assertEquals("Conflicting options: Nano CPUs and CPU Quota cannot both be set",
                refusal(TWO_CPUS, l -> { l.nanoCpus = 1_000_000_000L; l.cpuQuota = 50_000; return l; }));
        assertEquals("NanoCPUs can not be set, as your kernel does not support CPU CFS scheduler or the cgroup is not mounted",
                refusal(TWO_CPUS.without(Feature.CPU_CFS), l -> { l.nanoCpus = 1_000_000_000L; return l; }));
    }

    @Test
    void cfsPeriodAndQuota() {
        String period = "CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)";
        assertEquals(period, refusal(TWO_CPUS, l -> { l.cpuPeriod = 999; return l; }));
        assertEquals(period, refusal(TWO_CPUS, l -> { l.cpuPeriod = 1_000_001; return l; }));
        assertEquals(period, refusal(TWO_CPUS, l -> { l.cpuPeriod = -1; return l; }));
        assertEquals("CPU cfs quota can not be less than 1ms (i.e. 1000)", refusal(TWO_CPUS, l -> { l.cpuQuota = 999; return l; }));
        limits(l -> { l.cpuPeriod = 1_000; l.cpuQuota = -1; return l; }).validate(TWO_CPUS);
        limits(l -> { l.cpuPeriod = 1_000_000; l.cpuQuota = Long.MAX_VALUE; return l; }).validate(TWO_CPUS);
    }

    @Test
    void realtime() {
        assertEquals("Your kernel does not support CPU real-time scheduler",
                refusal(TWO_CPUS.without(Feature.CPU_REALTIME), l -> { l.rtRuntime = 950_000; return l; }));
        assertEquals("cpu real-time runtime cannot be higher than cpu real-time period",
                refusal(TWO_CPUS, l -> { l.rtPeriod = 1_000_000; l.rtRuntime = 1_000_001; return l; }));
        limits(l -> { l.rtPeriod = 1_000_000; l.rtRuntime = 950_000; return l; }).validate(TWO_CPUS);
    }

    @Test
    void cpusets() {
        assertEquals("Requested CPUs are not available - requested 0-5, available: 0-1", refusal(TWO_CPUS, l -> { l.cpus = "0-5"; return l; }));
        assertEquals("Requested memory nodes are not available - requested 1, available: 0", refusal(TWO_CPUS, l -> { l.mems = "1"; return l; }));
        assertEquals("Invalid value 0-x for cpuset cpus: invalid format: 0-x", refusal(TWO_CPUS, l -> { l.cpus = "0-x"; return l; }));
        assertEquals("Invalid value 3-1 for cpuset cpus: invalid format: 3-1", refusal(TWO_CPUS, l -> { l.cpus = "3-1"; return l; }));
        assertEquals("Invalid value -1 for cpuset cpus: invalid format: -1", refusal(TWO_CPUS, l -> { l.cpus = "-1"; return l; }));
        assertEquals("Invalid value 1, for cpuset mems: invalid format: 1,", refusal(TWO_CPUS, l -> { l.mems = "1,"; return l; }));
        assertEquals("Invalid value 0-2000000000 for cpuset cpus: value of out range, maximum is 8192",
                refusal(TWO_CPUS, l -> { l.cpus = "0-2000000000"; return l; }));
        assertEquals("Invalid value 99999999999999999999 for cpuset cpus: invalid format: 99999999999999999999",
                refusal(TWO_CPUS, l -> { l.cpus = "99999999999999999999"; return l; }));
        limits(l -> { l.cpus = "0,1,0-1"; l.mems = "0"; return l; }).validate(TWO_CPUS);
        var host = new HostFacts(8, "0-3,6", "0", TWO_CPUS.features());
        limits(l -> { l.cpus = "6,2-3"; return l; }).validate(host);
        assertEquals("Requested CPUs are not available - requested 4, available: 0-3,6", refusal(host, l -> { l.cpus = "4"; return l; }));
    }

    @Test
    void blkioWeightAndShm() {
        String weight = "Range of blkio weight is from 10 to 1000";
        assertEquals(weight, refusal(TWO_CPUS, l -> { l.blkioWeight = 9; return l; }));
        assertEquals(weight, refusal(TWO_CPUS, l -> { l.blkioWeight = 1001; return l; }));
        assertEquals(weight, refusal(TWO_CPUS, l -> { l.blkioWeight = -1; return l; }));
        limits(l -> { l.blkioWeight = 10; return l; }).validate(TWO_CPUS);
        assertEquals("SHM size can not be less than 0", refusal(TWO_CPUS, l -> { l.shmSize = -1; return l; }));
        assertEquals(ResourceLimits.DEFAULT_SHM_SIZE, ResourceLimits.NONE.withCreateDefaults().shmSize());
    }

    @Test
    void pidsLimitZeroOrNegativeIsUnlimitedNotAnError() {
        assertEquals(-1L, limits(l -> { l.pids = -1L; return l; }).validate(TWO_CPUS).limits().pidsLimit());
        assertEquals(0L, limits(l -> { l.pids = 0L; return l; }).validate(TWO_CPUS).limits().pidsLimit());
    }

    @Test
    void whatTheHostCannotEnforceIsDiscardedWithDockersWarnings() {
        HostFacts bare = new HostFacts(2, "0-1", "0", java.util.Set.of());
        var checked = limits(l -> {
            l.memory = 64 * MB; l.memoryReservation = 32 * MB; l.swappiness = 10L; l.oomKillDisable = true; l.pids = 100L;
            l.cpuShares = 512; l.cpuPeriod = 50_000; l.cpus = "0"; l.blkioWeight = 500;
            return l;
        }).validate(bare);
        assertEquals(ResourceLimits.NONE.memorySwappiness(), checked.limits().memorySwappiness());
        assertEquals(new ResourceLimits(0, 0, -1, null, 0, 0, 0, 0, 0, 0, "", "", null, 0, null, 0), checked.limits());
        assertEquals(List.of(
                "Your kernel does not support memory limit capabilities or the cgroup is not mounted. Limitation discarded.",
                "Your kernel does not support memory swappiness capabilities or the cgroup is not mounted. Memory swappiness discarded.",
                "Your kernel does not support memory soft limit capabilities or the cgroup is not mounted. Limitation discarded.",
                "Your kernel does not support OomKillDisable. OomKillDisable discarded.",
                "Your kernel does not support PIDs limit capabilities or the cgroup is not mounted. PIDs limit discarded.",
                "Your kernel does not support CPU shares or the cgroup is not mounted. Shares discarded.",
                "Your kernel does not support CPU CFS scheduler. CPU period/quota discarded.",
                "Your kernel does not support cpuset or the cgroup is not mounted. Cpuset discarded.",
                "Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded."), checked.warnings());
    }

    @Test
    void withoutSwapAccountingAMemoryLimitGetsUnlimitedSwap() {
        var checked = limits(l -> { l.memory = 64 * MB; l.memorySwap = 128 * MB; return l; }).validate(TWO_CPUS.without(Feature.SWAP_LIMIT));
        assertEquals(-1, checked.limits().memorySwap());
        assertEquals(List.of("Your kernel does not support swap limit capabilities or the cgroup is not mounted. Memory limited without swap."),
                checked.warnings());
    }

    @Test
    void oomKillerOffWithoutMemoryLimitWarns() {
        var checked = limits(l -> { l.oomKillDisable = true; return l; }).validate(TWO_CPUS);
        assertEquals(List.of("OOM killer is disabled for the container, but no memory limit is set, this can result in the system running out of resources."),
                checked.warnings());
        assertEquals(List.of(), checked.discarded(), "advice, not a limit the host cannot enforce");
        var v2 = limits(l -> { l.oomKillDisable = true; return l; }).validate(TWO_CPUS.without(Feature.OOM_KILL_DISABLE));
        assertEquals(List.of("Your kernel does not support OomKillDisable. OomKillDisable discarded."), v2.discarded());
        assertNull(limits(l -> { l.oomKillDisable = false; return l; }).validate(TWO_CPUS.without(Feature.OOM_KILL_DISABLE)).limits().oomKillDisable(),
                "asking for the killer to stay on, where it cannot be turned off, is no refusal");
    }

    @Test
    void defaultSwapIsTwiceMemoryAndNeverWraps() {
        assertEquals(128 * MB, limits(l -> { l.memory = 64 * MB; return l; }).withCreateDefaults().memorySwap());
        assertEquals(-1, CgroupNumbers.defaultSwap(Long.MAX_VALUE));
        assertEquals(-1, CgroupNumbers.defaultSwap(Long.MAX_VALUE / 2 + 1));
        assertEquals(Long.MAX_VALUE - 1, CgroupNumbers.defaultSwap(Long.MAX_VALUE / 2));
    }

    @Test
    void cpuQuotaAtTheDefaultPeriod() {
        assertEquals(150_000, CgroupNumbers.cpuQuota(1_500_000_000L, CgroupNumbers.DEFAULT_CPU_PERIOD));
        assertEquals(1_000, CgroupNumbers.cpuQuota(10_000_000L, CgroupNumbers.DEFAULT_CPU_PERIOD));
        // the value: the naive product wraps to about 2003 CPUs' worth
        assertEquals(100_000_000_000_000L, CgroupNumbers.cpuQuota(1_000_000_000_000_000_000L, CgroupNumbers.DEFAULT_CPU_PERIOD));
        assertEquals(CgroupNumbers.MIN_CPU_QUOTA, CgroupNumbers.cpuQuota(1, CgroupNumbers.DEFAULT_CPU_PERIOD));
        assertEquals(200_000, limits(l -> { l.nanoCpus = 2_000_000_000L; return l; }).nanoCpuQuota());
        assertEquals(0, ResourceLimits.NONE.nanoCpuQuota());
        assertThrows(IllegalArgumentException.class, () -> CgroupNumbers.cpuQuota(0, 100_000));
        assertThrows(IllegalArgumentException.class, () -> CgroupNumbers.cpuQuota(1, 0));
    }

    @Test
    void cpuQuotaNeverOverflows() {
        long[] extremes = {1, 2, 999, 1_000, 999_999_999, 1_000_000_000, 1_000_000_001, 10_000_000_000L, 92_233_720_368_547L,
                Integer.MAX_VALUE, 1L << 40, 1_000_000_000_000_000_000L, Long.MAX_VALUE / 2, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        BigInteger billion = BigInteger.valueOf(1_000_000_000L);
        BigInteger max = BigInteger.valueOf(Long.MAX_VALUE);
        for (long nanos : extremes) {
            for (long period : extremes) {
                long quota = CgroupNumbers.cpuQuota(nanos, period);
                BigInteger exact = BigInteger.valueOf(nanos).multiply(BigInteger.valueOf(period)).divide(billion);
                long expected = exact.min(max).max(BigInteger.valueOf(CgroupNumbers.MIN_CPU_QUOTA)).longValueExact();
                assertEquals(expected, quota, nanos + " nano-CPUs over " + period + " µs");
                assertTrue(quota >= CgroupNumbers.MIN_CPU_QUOTA);
            }
        }
    }

    @Test
    void everyValidatedNanoCpusGivesAQuotaWithinTheHost() {
        for (int cpus : new int[] {1, 2, 64, 4096, Integer.MAX_VALUE}) {
            // a one-CPU cpuset keeps the host list small; only the count matters here
            HostFacts host = new HostFacts(cpus, "0", "0", TWO_CPUS.features());
            for (long nanos : new long[] {1, 10_000_000, cpus * 1_000_000_000L}) {
                long n = nanos;
                long quota = limits(l -> { l.nanoCpus = n; return l; }).validate(host).limits().nanoCpuQuota();
                assertTrue(quota >= CgroupNumbers.MIN_CPU_QUOTA && quota <= cpus * CgroupNumbers.DEFAULT_CPU_PERIOD, cpus + "/" + n);
            }
        }
    }
}
