package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;
import dev.berth.engine.container.HostFacts.Feature;
import dev.berth.engine.runtime.CgroupNumbers;

import java.util.ArrayList;
import java.util.List;

/**
 * The resource fields of Docker's {@code HostConfig}, in its units (bytes, nano-CPUs,
 * microseconds), and the rules dockerd applies to them at create and at update.
 *
 * <p>Zero means "not set" for every number, as on the wire; the three fields whose zero is a
 * meaningful value ({@code MemorySwappiness}, {@code PidsLimit}, {@code OomKillDisable}) are
 * boxed and null when unset. Negative values keep their Docker meaning: {@code MemorySwap -1} and
 * {@code CpuQuota -1} are "unlimited", {@code PidsLimit <= 0} is "unlimited". Everything else out
 * of range is refused by {@link #validate} with dockerd's message, so the OCI numbers computed
 * from a validated value (by {@link CgroupNumbers}) cannot overflow.
 *
 * <p>Example: create stores {@code body.validate(facts).limits().withCreateDefaults()}; update
 * checks the request alone, as dockerd does, then merges it:
 * {@code ResourceUpdates.apply(id, stored, body.validateUpdate(facts).limits())}.
 */
public record ResourceLimits(
        long memory,
        long memoryReservation,
        long memorySwap,
        Long memorySwappiness,
        long nanoCpus,
        long cpuShares,
        long cpuPeriod,
        long cpuQuota,
        long cpuRealtimePeriod,
        long cpuRealtimeRuntime,
        String cpusetCpus,
        String cpusetMems,
        Long pidsLimit,
        int blkioWeight,
        Boolean oomKillDisable,
        long shmSize) {

    /** Not a kernel limit: dockerd's floor, so that a container can get through its own startup. */
    public static final long MIN_MEMORY = 6L * 1024 * 1024;
    /** dockerd's {@code ShmSize} when none is given. */
    public static final long DEFAULT_SHM_SIZE = 64L * 1024 * 1024;

    public static final ResourceLimits NONE =
            new ResourceLimits(0, 0, 0, null, 0, 0, 0, 0, 0, 0, "", "", null, 0, null, 0);

    /**
     * The limits after validation, and dockerd's warnings in its order. {@code discarded} are the
     * warnings about a limit the host cannot enforce, which berthd refuses instead of dropping the
     * limit; the others are advice (an OOM killer turned off without a memory limit), returned to
     * the client as dockerd returns them.
     */
    public record Checked(ResourceLimits limits, List<String> warnings, List<String> discarded) {
        public Checked {
            warnings = List.copyOf(warnings);
            discarded = List.copyOf(discarded);
        }
    }

    public ResourceLimits {
        cpusetCpus = cpusetCpus == null ? "" : cpusetCpus;
        cpusetMems = cpusetMems == null ? "" : cpusetMems;
        // the docker CLI sends -1 to mean "leave swappiness alone"
        if (memorySwappiness != null && memorySwappiness == -1) memorySwappiness = null;
    }

    /** Checks a create request; see {@link #validateUpdate} for the one rule update relaxes. */
    public Checked validate(HostFacts facts) {
        return check(facts, false);
    }

    /** Checks an update request on its own: swap without memory is allowed there, memory being set already. */
    public Checked validateUpdate(HostFacts facts) {
        return check(facts, true);
    }

    private Checked check(HostFacts host, boolean update) {
        List<String> warnings = new ArrayList<>(), discarded = new ArrayList<>();
        java.util.function.Consumer<String> discard = w -> {
            warnings.add(w);
            discarded.add(w);
        };
        long mem = memory, reservation = memoryReservation, swap = memorySwap;
        Long swappiness = memorySwappiness, pids = pidsLimit;
        Boolean oomOff = oomKillDisable;
        long shares = cpuShares, period = cpuPeriod, quota = cpuQuota;
        String cpus = cpusetCpus, mems = cpusetMems;
        int weight = blkioWeight;

        // the create request's own checks come first in dockerd, before the host-dependent ones
        if ((cpuRealtimePeriod != 0 || cpuRealtimeRuntime != 0) && !host.supports(Feature.CPU_REALTIME)) {
            throw invalid("Your kernel does not support CPU real-time scheduler");
        }
        if (cpuRealtimePeriod != 0 && cpuRealtimeRuntime != 0 && cpuRealtimeRuntime > cpuRealtimePeriod) {
            throw invalid("cpu real-time runtime cannot be higher than cpu real-time period");
        }
        // dockerd 25 let this through to fail at start; newer ones refuse it here, and so do we
        if (shares < 0) throw invalid("invalid CPU shares (" + shares + "): value must be a positive integer");

        if (mem != 0 && mem < MIN_MEMORY) throw invalid("Minimum memory limit allowed is 6MB");
        if (mem > 0 && !host.supports(Feature.MEMORY_LIMIT)) {
            discard.accept("Your kernel does not support memory limit capabilities or the cgroup is not mounted. Limitation discarded.");
            mem = 0;
            swap = -1;
        }
        if (mem > 0 && swap != -1 && !host.supports(Feature.SWAP_LIMIT)) {
            discard.accept("Your kernel does not support swap limit capabilities or the cgroup is not mounted. Memory limited without swap.");
            swap = -1;
        }
        if (mem > 0 && swap > 0 && swap < mem) {
            throw invalid("Minimum memoryswap limit should be larger than memory limit, see usage");
        }
        if (mem == 0 && swap > 0 && !update) {
            throw invalid("You should always set the Memory limit when using Memoryswap limit, see usage");
        }
        if (swappiness != null && !host.supports(Feature.MEMORY_SWAPPINESS)) {
            discard.accept("Your kernel does not support memory swappiness capabilities or the cgroup is not mounted. Memory swappiness discarded.");
            swappiness = null;
        }
        if (swappiness != null && (swappiness < 0 || swappiness > 100)) {
            throw invalid("Invalid value: " + swappiness + ", valid memory swappiness range is 0-100");
        }
        if (reservation > 0 && !host.supports(Feature.MEMORY_RESERVATION)) {
            discard.accept("Your kernel does not support memory soft limit capabilities or the cgroup is not mounted. Limitation discarded.");
            reservation = 0;
        }
        if (reservation > 0 && reservation < MIN_MEMORY) throw invalid("Minimum memory reservation allowed is 6MB");
        if (mem > 0 && reservation > 0 && mem < reservation) {
            throw invalid("Minimum memory limit can not be less than memory reservation limit, see usage");
        }
        if (oomOff != null && !host.supports(Feature.OOM_KILL_DISABLE)) {
            // asking for the OOM killer to stay on needs no warning when it cannot be turned off
            if (oomOff) discard.accept("Your kernel does not support OomKillDisable. OomKillDisable discarded.");
            oomOff = null;
        }
        if (oomOff != null && oomOff && mem == 0) {
            warnings.add("OOM killer is disabled for the container, but no memory limit is set, this can result in the system running out of resources.");
        }
        if (pids != null && !host.supports(Feature.PIDS_LIMIT)) {
            if (pids > 0) discard.accept("Your kernel does not support PIDs limit capabilities or the cgroup is not mounted. PIDs limit discarded.");
            pids = null;
        }

        if (nanoCpus > 0 && period > 0) throw invalid("Conflicting options: Nano CPUs and CPU Period cannot both be set");
        if (nanoCpus > 0 && quota > 0) throw invalid("Conflicting options: Nano CPUs and CPU Quota cannot both be set");
        if (nanoCpus > 0 && !host.supports(Feature.CPU_CFS)) {
            throw invalid("NanoCPUs can not be set, as your kernel does not support CPU CFS scheduler or the cgroup is not mounted");
        }
        // host.cpus() * 1e9 fits a long for any CPU count an int can hold
        if (nanoCpus < 0 || nanoCpus > host.cpus() * 1_000_000_000L) {
            throw invalid("Range of CPUs is from 0.01 to " + host.cpus() + ".00, as there are only " + host.cpus() + " CPUs available");
        }
        if (shares > 0 && !host.supports(Feature.CPU_SHARES)) {
            discard.accept("Your kernel does not support CPU shares or the cgroup is not mounted. Shares discarded.");
            shares = 0;
        }
        if ((period != 0 || quota != 0) && !host.supports(Feature.CPU_CFS)) {
            discard.accept("Your kernel does not support CPU CFS scheduler. CPU period/quota discarded.");
            period = 0;
            quota = 0;
        }
        if (period != 0 && (period < 1_000 || period > 1_000_000)) {
            throw invalid("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
        }
        if (quota > 0 && quota < CgroupNumbers.MIN_CPU_QUOTA) throw invalid("CPU cfs quota can not be less than 1ms (i.e. 1000)");

        if ((!cpus.isEmpty() || !mems.isEmpty()) && !host.supports(Feature.CPUSET)) {
            discard.accept("Your kernel does not support cpuset or the cgroup is not mounted. Cpuset discarded.");
            cpus = "";
            mems = "";
        }
        if (!listAvailable(cpus, host.cpusetCpus(), "cpus")) {
            throw invalid("Requested CPUs are not available - requested " + cpus + ", available: " + host.cpusetCpus());
        }
        if (!listAvailable(mems, host.cpusetMems(), "mems")) {
            throw invalid("Requested memory nodes are not available - requested " + mems + ", available: " + host.cpusetMems());
        }

        if (weight > 0 && !host.supports(Feature.BLKIO_WEIGHT)) {
            discard.accept("Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded.");
            weight = 0;
        }
        // the wire type is uint16, so dockerd never sees a negative weight; we refuse it alike
        if (weight != 0 && (weight < 10 || weight > 1000)) throw invalid("Range of blkio weight is from 10 to 1000");

        if (shmSize < 0) throw invalid("SHM size can not be less than 0");

        return new Checked(new ResourceLimits(mem, reservation, swap, swappiness, nanoCpus, shares, period, quota,
                cpuRealtimePeriod, cpuRealtimeRuntime, cpus, mems, pids, weight, oomOff, shmSize), warnings, discarded);
    }

    private static boolean listAvailable(String requested, String available, String what) {
        try {
            return Cpusets.available(requested, available);
        } catch (IllegalArgumentException e) {
            throw invalid("Invalid value " + requested + " for cpuset " + what + ": " + e.getMessage());
        }
    }

    /** dockerd's create-time defaults: as much swap again as memory, and a 64 MiB /dev/shm. */
    public ResourceLimits withCreateDefaults() {
        long swap = memory > 0 && memorySwap == 0 ? CgroupNumbers.defaultSwap(memory) : memorySwap;
        long shm = shmSize == 0 ? DEFAULT_SHM_SIZE : shmSize;
        return new ResourceLimits(memory, memoryReservation, swap, memorySwappiness, nanoCpus, cpuShares, cpuPeriod, cpuQuota,
                cpuRealtimePeriod, cpuRealtimeRuntime, cpusetCpus, cpusetMems, pidsLimit, blkioWeight, oomKillDisable, shm);
    }

    /** This record's CFS quota at the default period, or 0 without {@code NanoCpus}. */
    public long nanoCpuQuota() {
        return nanoCpus > 0 ? CgroupNumbers.cpuQuota(nanoCpus, CgroupNumbers.DEFAULT_CPU_PERIOD) : 0;
    }

    static BerthException.InvalidArgument invalid(String message) {
        return new BerthException.InvalidArgument(message);
    }
}
