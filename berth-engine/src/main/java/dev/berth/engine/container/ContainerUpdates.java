package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.runtime.CgroupResources;
import dev.berth.engine.runtime.Runc;

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

    /** Applies the update; returns dockerd's advisory warnings. */
    List<String> update(String ref, ResourceLimits requested, ContainerSpec.RestartPolicy restartPolicy) {
        ContainerStore.Entry e = store.get(ref);
        String id = e.spec().id();
        ResourceLimits.Checked checked = requested.validateUpdate(hostFacts);
        if (!checked.discarded().isEmpty()) throw new BerthException.InvalidArgument(String.join("; ", checked.discarded()));
        LiveContainer l = containers.live(id);
        synchronized (l) {
            ContainerStore.Entry current = store.get(id);
            ContainerSpec.HostSettings host = current.spec().host();
            if (restartPolicy != null && host.autoRemove() && !restartPolicy.name().equals("no")) {
                throw new BerthException.InvalidArgument("Restart policy cannot be updated because AutoRemove is enabled for the container");
            }
            ResourceLimits merged = ResourceUpdates.apply(id, host.resources(), checked.limits());
            if (current.state().isRunning()) runc.update(id, CgroupResources.forUpdate(RuntimeInputs.limits(merged)));
            ContainerSpec.HostSettings updated = host.withResources(merged);
            if (restartPolicy != null) updated = updated.withRestartPolicy(restartPolicy);
            store.updateSpec(id, current.spec().withHost(updated));
        }
        events.publish("container", "update", id, Containers.attributes(e.spec(), Map.of()));
        return checked.warnings();
    }
}
