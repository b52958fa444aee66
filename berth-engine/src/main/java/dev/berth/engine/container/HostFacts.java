package dev.berth.engine.container;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What this host can enforce, in the terms dockerd's sysinfo uses: the input that makes
 * {@link ResourceLimits#validate} a pure function. A limit whose {@link Feature} is missing is
 * discarded with a warning rather than refused, because that is what Docker clients expect.
 *
 * @param cpus        CPUs this daemon may run on (the scheduler affinity count, what {@code nproc}
 *                    prints); the upper bound of {@code NanoCpus}
 * @param cpusetCpus  the cpuset cgroup's {@code cpuset.cpus}, e.g. {@code "0-1"}
 * @param cpusetMems  the cpuset cgroup's {@code cpuset.mems}, e.g. {@code "0"}
 * @param features    the cgroup controllers and knobs present
 */
public record HostFacts(int cpus, String cpusetCpus, String cpusetMems, Set<Feature> features) {

    /**
     * One cgroup capability. On cgroup v1 each is the presence of a file under the controller's
     * mount (shown in brackets); on v2 the controller is listed in {@code cgroup.controllers}
     * and swappiness, OOM-kill disable and real-time do not exist.
     */
    public enum Feature {
        /** {@code memory/memory.limit_in_bytes} */ MEMORY_LIMIT,
        /** {@code memory/memory.memsw.limit_in_bytes}; absent unless the kernel has swapaccount=1 */ SWAP_LIMIT,
        /** {@code memory/memory.soft_limit_in_bytes} */ MEMORY_RESERVATION,
        /** {@code memory/memory.swappiness} */ MEMORY_SWAPPINESS,
        /** {@code memory/memory.oom_control} */ OOM_KILL_DISABLE,
        /** the pids controller ({@code pids.max} in every group but the root) */ PIDS_LIMIT,
        /** {@code cpu/cpu.shares} */ CPU_SHARES,
        /** {@code cpu/cpu.cfs_quota_us} and {@code cpu.cfs_period_us} */ CPU_CFS,
        /** {@code cpu/cpu.rt_runtime_us} and {@code cpu.rt_period_us} */ CPU_REALTIME,
        /** the cpuset controller */ CPUSET,
        /** {@code blkio/blkio.weight} */ BLKIO_WEIGHT
    }

    public HostFacts {
        if (cpus < 1) throw new IllegalArgumentException("a host has at least one CPU, got " + cpus);
        cpusetCpus = cpusetCpus == null ? "" : cpusetCpus.strip();
        cpusetMems = cpusetMems == null ? "" : cpusetMems.strip();
        features = features.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(features));
    }

    public boolean supports(Feature feature) {
        return features.contains(feature);
    }

    /** A host with {@code cpus} CPUs numbered from 0, one memory node and every feature: what tests and most v1 hosts look like. */
    public static HostFacts everything(int cpus) {
        return new HostFacts(cpus, cpus == 1 ? "0" : "0-" + (cpus - 1), "0", EnumSet.allOf(Feature.class));
    }

    /** The same host lacking {@code missing}. */
    public HostFacts without(Feature... missing) {
        Set<Feature> left = features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features);
        left.removeAll(List.of(missing));
        return new HostFacts(cpus, cpusetCpus, cpusetMems, left);
    }
}
