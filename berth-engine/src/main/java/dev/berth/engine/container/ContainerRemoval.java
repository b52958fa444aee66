package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;
import dev.berth.common.io.Trees;
import dev.berth.engine.container.ContainerState.Status;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.runtime.Conmon;
import dev.berth.engine.runtime.Runc;
import dev.berth.engine.snapshot.OverlaySnapshotter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * docker rm: dockerd's refusals (running, paused, restarting without force), the kill of a forced
 * removal, then the removal itself: the record first (an interrupted removal is completed by the
 * start-up reconciler), then runtime state, mounts, files and, with {@code -v} or {@code --rm},
 * the container's anonymous volumes.
 */
final class ContainerRemoval {
    private final Containers containers;
    private final ContainerStore store;
    private final Runc runc;
    private final Conmon conmon;
    private final ContainerLogs logs;
    private final OverlaySnapshotter snapshots;
    private final ContainerPaths paths;
    private final ContainerMounts mounts;
    private final EventBus events;

    ContainerRemoval(Containers containers, ContainerStore store, Runc runc, Conmon conmon, ContainerLogs logs,
                     OverlaySnapshotter snapshots, ContainerPaths paths, ContainerMounts mounts, EventBus events) {
        this.containers = containers;
        this.store = store;
        this.runc = runc;
        this.conmon = conmon;
        this.logs = logs;
        this.snapshots = snapshots;
        this.paths = paths;
        this.mounts = mounts;
        this.events = events;
    }

    void remove(String ref, boolean force, boolean removeVolumes) {
        ContainerStore.Entry e = store.get(ref);
        ContainerSpec spec = e.spec();
        ContainerState s = e.state();
        if (s.status() == Status.PAUSED && !force) {
            throw new BerthException.Conflict("You cannot remove a paused container " + spec.id() + ". Unpause and then stop the container before attempting removal or force remove");
        }
        if (s.isRunning() && !force) {
            throw new BerthException.Conflict("You cannot remove a running container " + spec.id() + ". Stop the container before attempting removal or force remove");
        }
        if (s.status() == Status.RESTARTING && !force) {
            throw new BerthException.Conflict("You cannot remove a restarting container " + spec.id() + ". Stop the container before attempting removal or force remove");
        }
        LiveContainer l = containers.live(spec.id());
        l.removing = true;
        if (s.isRunning() || s.status() == Status.RESTARTING) {
            l.userStop = true;
            CompletableFuture<Integer> exit = containers.waitFor(spec.id(), "next-exit");
            if (s.status() == Status.RESTARTING) {
                store.saveState(spec.id(), s.withStatus(Status.EXITED));
            } else {
                try {
                    if (s.status() == Status.PAUSED) runc.resume(spec.id());
                } catch (RuntimeException ignored) {
                    // killing anyway
                }
                runc.kill(spec.id(), Signals.SIGKILL, true);
                ProcessControl.awaitQuietly(exit, 30);
            }
        }
        if (spec.host().autoRemove() && s.isRunning()) {
            // the exit handler removes it; wait for that to finish
            ProcessControl.awaitQuietly(containers.waitFor(spec.id(), "removed"), 30);
            return;
        }
        removeNow(spec, () -> { }, removeVolumes);
        l.completeRemoved(store.find(spec.id()).map(x -> x.state().exitCode()).orElse(s.exitCode()));
        containers.forget(spec.id());
    }

    /**
     * Deletes the container's record, tells {@code whenGone} (waiters answer: the container no
     * longer exists for clients), then undoes its runtime state, mounts and files.
     */
    void removeNow(ContainerSpec spec, Runnable whenGone, boolean removeVolumes) {
        String id = spec.id();
        LiveContainer l = containers.live(id);
        synchronized (l) {
            if (store.find(id).isEmpty()) return;
            store.delete(id);
            logs.forget(id);
            events.publish("container", "destroy", id, Containers.attributes(spec, Map.of()));
            // what a client looks at right after its wait answers goes first, as with dockerd: the
            // container's endpoints on user networks (a network rm next) and its anonymous volumes
            // (a volume ls next); the rest of the clean-up follows the answer, as before
            if (containers.networking().onUserNetworks(id)) containers.networking().leaveUserNetworks(spec, l);
            if (removeVolumes) mounts.removeAnonymousVolumes(spec);
            whenGone.run();
            containers.cleanupRuntime(spec, l);
            containers.networking().removed(id);
            try {
                snapshots.remove(id);
                Trees.deleteRecursively(paths.dir(id));
                Path socks = conmon.attachSocket(id).getParent();
                Files.deleteIfExists(socks);
            } catch (IOException | RuntimeException ignored) {
                // metadata is gone; leftover files are swept at start-up
            }
        }
    }
}
