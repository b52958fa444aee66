package dev.berth.engine.runtime;

import dev.berth.oci.runtime.RuntimeSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Docker's resource numbers as linux.resources, at start and for runc update (dockerd's getCPUResources/getMemoryResources). */
class CgroupResourcesTest {
    private static final long MB = 1 << 20;

    private static OciSpecBuilder.Limits limits(long memory, long reservation, Long swappiness, Boolean oomOff, long nanoCpus,
                                                long period, long quota, String cpus, String mems, int weight, long pids) {
        return new OciSpecBuilder.Limits(memory, 0, nanoCpus, 0, pids, 0, reservation, swappiness, oomOff, period, quota, cpus, mems, weight);
    }

    @Test
    void everyLimitReachesItsOciField() {
        var r = CgroupResources.atStart(limits(64 * MB, 32 * MB, 10L, true, 0, 50_000, 25_000, "0", "0", 300, 0), List.of());
        assertEquals(new RuntimeSpec.Memory(64 * MB, 128 * MB, 32 * MB, 10L, true), r.memory());
        assertEquals(new RuntimeSpec.Cpu(null, 25_000L, 50_000L, "0", "0"), r.cpu());
        assertEquals(new RuntimeSpec.BlockIO(300), r.blockIO());
        assertNull(r.pids());
        assertEquals(List.of(), r.devices());
    }

    @Test
    void aReservationOrOomSettingAloneNeedsNoMemoryLimit() {
        var r = CgroupResources.atStart(limits(0, 32 * MB, null, null, 0, 0, 0, "", "", 0, 0), null);
        assertEquals(new RuntimeSpec.Memory(null, null, 32 * MB, null, null), r.memory());
        assertNull(r.cpu());
        assertNull(r.blockIO());
        // false is the kernel's default and runc refuses the field on cgroup v2: not written
        assertNull(CgroupResources.atStart(limits(0, 0, null, false, 0, 0, 0, "", "", 0, 0), null).memory());
    }

    @Test
    void anExplicitPeriodOrQuotaOverridesNanoCpus() {
        assertEquals(new RuntimeSpec.Cpu(null, 150_000L, 100_000L, null, null),
                CgroupResources.atStart(limits(0, 0, null, null, 1_500_000_000L, 0, 0, "", "", 0, 0), null).cpu());
        assertEquals(new RuntimeSpec.Cpu(null, -1L, null, null, null),
                CgroupResources.atStart(limits(0, 0, null, null, 0, 0, -1, "", "", 0, 0), null).cpu(), "-1: no quota");
    }

    @Test
    void anUpdateWritesWhatIsSetAndLiftsAPidsLimitWithMinusOne() {
        var r = CgroupResources.forUpdate(limits(0, 16 * MB, null, null, 0, 50_000, 20_000, "1", "", 0, -1));
        assertEquals(new RuntimeSpec.Memory(null, null, 16 * MB), r.memory());
        assertEquals(new RuntimeSpec.Cpu(null, 20_000L, 50_000L, "1", null), r.cpu());
        assertEquals(new RuntimeSpec.Pids(-1), r.pids());
        assertNull(r.devices(), "an update leaves the device cgroup alone");
        assertNull(CgroupResources.forUpdate(limits(0, 0, null, null, 0, 0, 0, "", "", 0, 0)).pids(), "0: never limited, nothing to write");
    }
}
