package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;

/**
 * How {@code POST /containers/{id}/update} merges its resources into the stored ones, as dockerd
 * does: a zero (or null) field leaves the stored value alone. Swappiness, OOM-kill disable and
 * {@code ShmSize} are not part of Docker's update body and are always kept.
 *
 * <p>Because {@code NanoCpus} is itself a period and a quota, a container that has one cannot be
 * given the other by an update. Docker answers these refusals with 409 Conflict.
 */
public final class ResourceUpdates {
    private ResourceUpdates() {}

    /**
     * The stored limits with {@code update} applied.
     *
     * @param update an update body already passed through {@link ResourceLimits#validateUpdate}
     * @throws BerthException.Conflict with dockerd's "Cannot update container …" message
     */
    public static ResourceLimits apply(String containerId, ResourceLimits stored, ResourceLimits update) {
        if (update.nanoCpus() > 0 && stored.cpuPeriod() > 0) {
            throw conflict(containerId, "Conflicting options: Nano CPUs cannot be updated as CPU Period has already been set");
        }
        if (update.nanoCpus() > 0 && stored.cpuQuota() > 0) {
            throw conflict(containerId, "Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set");
        }
        if (update.cpuPeriod() > 0 && stored.nanoCpus() > 0) {
            throw conflict(containerId, "Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set");
        }
        if (update.cpuQuota() > 0 && stored.nanoCpus() > 0) {
            throw conflict(containerId, "Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set");
        }
        // Docker compares with the stored swap even when that is 0 (never limited) or -1
        // (unlimited), so raising memory alone always needs a swap value too
        if (update.memory() != 0 && update.memory() > stored.memorySwap() && update.memorySwap() == 0) {
            throw conflict(containerId,
                    "Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time");
        }
        return new ResourceLimits(
                pick(update.memory(), stored.memory()),
                pick(update.memoryReservation(), stored.memoryReservation()),
                pick(update.memorySwap(), stored.memorySwap()),
                stored.memorySwappiness(),
                pick(update.nanoCpus(), stored.nanoCpus()),
                pick(update.cpuShares(), stored.cpuShares()),
                pick(update.cpuPeriod(), stored.cpuPeriod()),
                pick(update.cpuQuota(), stored.cpuQuota()),
                pick(update.cpuRealtimePeriod(), stored.cpuRealtimePeriod()),
                pick(update.cpuRealtimeRuntime(), stored.cpuRealtimeRuntime()),
                update.cpusetCpus().isEmpty() ? stored.cpusetCpus() : update.cpusetCpus(),
                update.cpusetMems().isEmpty() ? stored.cpusetMems() : update.cpusetMems(),
                update.pidsLimit() != null ? update.pidsLimit() : stored.pidsLimit(),
                update.blkioWeight() != 0 ? update.blkioWeight() : stored.blkioWeight(),
                stored.oomKillDisable(),
                stored.shmSize());
    }

    private static long pick(long update, long stored) {
        return update != 0 ? update : stored;
    }

    private static BerthException.Conflict conflict(String containerId, String message) {
        return new BerthException.Conflict("Cannot update container " + containerId + ": " + message);
    }
}
