package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;
import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static dev.berth.engine.container.ResourceLimitsTest.MB;
import static dev.berth.engine.container.ResourceLimitsTest.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ResourceLimitsUpdateTest {
    static String conflict(ResourceLimits stored, UnaryOperator<ResourceLimitsTest.L> update) {
        return assertThrows(BerthException.Conflict.class, () -> ResourceUpdates.apply("abc", stored, limits(update))).getMessage();
    }

    @Test
    void nanoCpusAndPeriodOrQuotaExcludeEachOtherAcrossUpdates() {
        var withPeriod = limits(l -> { l.cpuPeriod = 50_000; l.cpuQuota = 25_000; return l; });
        assertEquals("Cannot update container abc: Conflicting options: Nano CPUs cannot be updated as CPU Period has already been set",
                conflict(withPeriod, l -> { l.nanoCpus = 1_000_000_000L; return l; }));
        var withQuota = limits(l -> { l.cpuQuota = 25_000; return l; });
        assertEquals("Cannot update container abc: Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set",
                conflict(withQuota, l -> { l.nanoCpus = 1_000_000_000L; return l; }));
        var withNanos = limits(l -> { l.nanoCpus = 1_000_000_000L; return l; });
        assertEquals("Cannot update container abc: Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set",
                conflict(withNanos, l -> { l.cpuPeriod = 50_000; return l; }));
        assertEquals("Cannot update container abc: Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set",
                conflict(withNanos, l -> { l.cpuQuota = 50_000; return l; }));
        assertEquals(500_000_000L, ResourceUpdates.apply("abc", withNanos, limits(l -> { l.nanoCpus = 500_000_000L; return l; })).nanoCpus());
    }

    @Test
    void raisingMemoryAboveStoredSwapNeedsASwapValue() {
        String message = "Cannot update container abc: Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time";
        var stored = limits(l -> { l.memory = 64 * MB; l.memorySwap = 128 * MB; return l; });
        assertEquals(message, conflict(stored, l -> { l.memory = 256 * MB; return l; }));
        // Docker's quirk, kept: a container created without limits has swap 0, so memory alone is refused
        assertEquals(message, conflict(ResourceLimits.NONE, l -> { l.memory = 64 * MB; return l; }));
        var merged = ResourceUpdates.apply("abc", stored, limits(l -> { l.memory = 256 * MB; l.memorySwap = -1; return l; }));
        assertEquals(256 * MB, merged.memory());
        assertEquals(-1, merged.memorySwap());
        assertEquals(96 * MB, ResourceUpdates.apply("abc", stored, limits(l -> { l.memory = 96 * MB; return l; })).memory());
    }

    @Test
    void zeroFieldsKeepTheStoredValueAndNonUpdatableFieldsAreKept() {
        var stored = limits(l -> {
            l.memory = 64 * MB; l.memorySwap = 128 * MB; l.cpuShares = 512; l.cpus = "0"; l.pids = 100L;
            l.swappiness = 10L; l.oomKillDisable = true; l.shmSize = 32 * MB; l.blkioWeight = 300;
            return l;
        });
        assertEquals(stored, ResourceUpdates.apply("abc", stored, ResourceLimits.NONE));
        var merged = ResourceUpdates.apply("abc", stored, limits(l -> {
            l.cpuShares = 1024; l.cpus = "1"; l.pids = -1L; l.blkioWeight = 700; l.swappiness = 90L; l.shmSize = MB; return l;
        }));
        assertEquals(1024, merged.cpuShares());
        assertEquals("1", merged.cpusetCpus());
        assertEquals(-1L, merged.pidsLimit());
        assertEquals(700, merged.blkioWeight());
        assertEquals(10L, merged.memorySwappiness());
        assertEquals(32 * MB, merged.shmSize());
        assertEquals(true, merged.oomKillDisable());
    }
}
