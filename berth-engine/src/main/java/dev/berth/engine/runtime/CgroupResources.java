package dev.berth.engine.runtime;

import dev.berth.common.errors.BerthException;
import dev.berth.oci.runtime.RuntimeSpec;

import java.util.List;

/**
 * Docker's resource numbers ({@link OciSpecBuilder.Limits}) as the OCI spec's
 * {@code linux.resources}, the way dockerd's getMemoryResources/getCPUResources/WithResources
 * write them; runc turns them into cgroup v1 or v2 files. Two shapes: what a container starts
 * with, and what {@code runc update} is given, where an omitted field keeps the cgroup's value
 * and a lifted limit has to be written as -1.
 */
public final class CgroupResources {
    private CgroupResources() {}

    /** The resources a container starts with; {@code devices} is the device cgroup's rule list (null when privileged). */
    public static RuntimeSpec.Resources atStart(OciSpecBuilder.Limits l, List<RuntimeSpec.DeviceRule> devices) {
        RuntimeSpec.Memory memory = null;
        if (l.memoryBytes() > 0 || l.memoryReservation() > 0 || l.memorySwappiness() != null || Boolean.TRUE.equals(l.oomKillDisable())) {
            Long limit = null, swap = null;
            if (l.memoryBytes() > 0) {
                if (l.memoryBytes() < OciSpecBuilder.MIN_MEMORY) throw new BerthException.InvalidArgument("Minimum memory limit allowed is 6MB");
                limit = l.memoryBytes();
                swap = l.memorySwapBytes() == 0 ? CgroupNumbers.defaultSwap(l.memoryBytes()) : l.memorySwapBytes();
            }
            memory = memory(limit, swap, l);
        }
        Long pids = l.pidsLimit() > 0 ? l.pidsLimit() : null;
        return new RuntimeSpec.Resources(devices, memory, cpu(l), pids == null ? null : new RuntimeSpec.Pids(pids), blockIO(l));
    }

    /**
     * What {@code runc update} writes for a container whose limits are now {@code l} (the stored
     * limits with the update merged in): every limit it has; a pids limit it no longer has is -1.
     */
    public static RuntimeSpec.Resources forUpdate(OciSpecBuilder.Limits l) {
        RuntimeSpec.Memory memory = null;
        if (l.memoryBytes() > 0 || l.memoryReservation() > 0) {
            memory = new RuntimeSpec.Memory(l.memoryBytes() > 0 ? l.memoryBytes() : null,
                    l.memoryBytes() > 0 && l.memorySwapBytes() != 0 ? l.memorySwapBytes() : null,
                    l.memoryReservation() > 0 ? l.memoryReservation() : null);
        }
        RuntimeSpec.Pids pids = l.pidsLimit() == 0 ? null : new RuntimeSpec.Pids(l.pidsLimit() > 0 ? l.pidsLimit() : -1);
        return new RuntimeSpec.Resources(null, memory, cpu(l), pids, blockIO(l));
    }

    private static RuntimeSpec.Memory memory(Long limit, Long swap, OciSpecBuilder.Limits l) {
        return new RuntimeSpec.Memory(limit, swap, l.memoryReservation() > 0 ? l.memoryReservation() : null,
                l.memorySwappiness(),
                // false is the kernel's default, and runc refuses the field on cgroup v2 whatever its value
                Boolean.TRUE.equals(l.oomKillDisable()) ? Boolean.TRUE : null);
    }

    /** dockerd's order: NanoCpus sets period and quota, an explicit CpuPeriod/CpuQuota (never together with it) overrides. */
    private static RuntimeSpec.Cpu cpu(OciSpecBuilder.Limits l) {
        Long shares = l.cpuShares() > 0 ? l.cpuShares() : null;
        Long period = null, quota = null;
        if (l.nanoCpus() > 0) {
            period = CgroupNumbers.DEFAULT_CPU_PERIOD;
            quota = CgroupNumbers.cpuQuota(l.nanoCpus(), CgroupNumbers.DEFAULT_CPU_PERIOD);
        }
        if (l.cpuPeriod() != 0) period = l.cpuPeriod();
        if (l.cpuQuota() != 0) quota = l.cpuQuota();
        String cpus = l.cpusetCpus().isEmpty() ? null : l.cpusetCpus();
        String mems = l.cpusetMems().isEmpty() ? null : l.cpusetMems();
        if (shares == null && period == null && quota == null && cpus == null && mems == null) return null;
        return new RuntimeSpec.Cpu(shares, quota, period, cpus, mems);
    }

    private static RuntimeSpec.BlockIO blockIO(OciSpecBuilder.Limits l) {
        return l.blkioWeight() > 0 ? new RuntimeSpec.BlockIO(l.blkioWeight()) : null;
    }
}
