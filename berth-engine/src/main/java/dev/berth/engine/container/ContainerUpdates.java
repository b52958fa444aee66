package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.runtime.CgroupNumbers;
import dev.berth.engine.runtime.Runc;
import dev.berth.oci.runtime.RuntimeSpec;

import java.util.List;
import java.util.Map;

/**
 * {@code docker update}: new resource limits and restart policy for a container, as dockerd does
 * it. The request is checked on its own (dockerd's update rules), merged into the stored limits
 * (a zero field keeps the stored value), written to a running container's cgroups through
 * {@code runc update} (cgroup v1 and v2 alike), and then recorded, so a restart keeps them. A
 * running container whose cgroup refuses a value keeps its old record.
 */
final class ContainerUpdates {
    private final Containers containers;
    private final ContainerStore store;
    private final Runc runc;
    private final EventBus events;
    private final HostFacts hostFacts;

    ContainerUpdates(Containers containers, ContainerStore store, Runc runc, EventBus events, HostFacts hostFacts) {
        this.containers = containers;
        this.store = store;
        this.runc = runc;
        this.events = events;
        this.hostFacts = hostFacts;
    }

    /** Applies the update; returns dockerd's warnings (none so far). */
    List<String> update(String ref, ResourceLimits requested, ContainerSpec.RestartPolicy restartPolicy) {
        ContainerStore.Entry e = store.get(ref);
        String id = e.spec().id();
        ResourceLimits.Checked checked = requested.validateUpdate(hostFacts);
        if (!checked.warnings().isEmpty()) throw new BerthException.InvalidArgument(String.join("; ", checked.warnings()));
        LiveContainer l = containers.live(id);
        synchronized (l) {
            ContainerStore.Entry current = store.get(id);
            ContainerSpec.HostSettings host = current.spec().host();
            if (restartPolicy != null && host.autoRemove() && !restartPolicy.name().equals("no")) {
                throw new BerthException.InvalidArgument("Restart policy cannot be updated because AutoRemove is enabled for the container");
            }
            ResourceLimits merged = ResourceUpdates.apply(id, stored(host), checked.limits());
            if (current.state().isRunning()) runc.update(id, cgroupResources(merged));
            ContainerSpec.HostSettings updated = host.withLimits(merged.memory(), merged.memorySwap(), merged.nanoCpus(),
                    merged.cpuShares(), merged.pidsLimit() == null ? 0 : merged.pidsLimit());
            if (restartPolicy != null) updated = updated.withRestartPolicy(restartPolicy);
            store.updateSpec(id, current.spec().withHost(updated));
        }
        events.publish("container", "update", id, Containers.attributes(e.spec(), Map.of()));
        return List.of();
    }

    /** The limits a container has, in ResourceLimits' terms (berth stores these six). */
    private static ResourceLimits stored(ContainerSpec.HostSettings h) {
        return new ResourceLimits(h.memoryBytes(), 0, h.memorySwapBytes(), null, h.nanoCpus(), h.cpuShares(), 0, 0, 0, 0,
                "", "", h.pidsLimit() == 0 ? null : h.pidsLimit(), 0, null, h.shmSize());
    }

    /** The OCI resources runc update writes: only what berth limits; -1 lifts a pids limit. */
    private static RuntimeSpec.Resources cgroupResources(ResourceLimits r) {
        RuntimeSpec.Memory memory = r.memory() > 0 ? new RuntimeSpec.Memory(r.memory(), r.memorySwap() != 0 ? r.memorySwap() : null, null) : null;
        RuntimeSpec.Cpu cpu = null;
        if (r.nanoCpus() > 0 || r.cpuShares() > 0) {
            Long period = r.nanoCpus() > 0 ? CgroupNumbers.DEFAULT_CPU_PERIOD : null;
            Long quota = r.nanoCpus() > 0 ? CgroupNumbers.cpuQuota(r.nanoCpus(), CgroupNumbers.DEFAULT_CPU_PERIOD) : null;
            cpu = new RuntimeSpec.Cpu(r.cpuShares() > 0 ? r.cpuShares() : null, quota, period, null);
        }
        RuntimeSpec.Pids pids = r.pidsLimit() == null ? null : new RuntimeSpec.Pids(r.pidsLimit() > 0 ? r.pidsLimit() : -1);
        return new RuntimeSpec.Resources(null, memory, cpu, pids);
    }
}
