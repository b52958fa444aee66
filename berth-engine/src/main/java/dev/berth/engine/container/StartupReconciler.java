package dev.berth.engine.container;

import dev.berth.common.io.Trees;
import dev.berth.engine.container.ContainerState.Status;
import dev.berth.engine.mount.Mounts;
import dev.berth.engine.mount.Syscalls;
import dev.berth.engine.network.Sandbox;
import dev.berth.engine.network.SandboxPool;
import dev.berth.engine.runtime.Conmon;
import dev.berth.engine.runtime.Runc;
import dev.berth.engine.runtime.cgroup.CgroupTree;
import dev.berth.engine.snapshot.OverlaySnapshotter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Start-up reconciliation, before the API serves. berthd may have been killed at any point of any
 * operation; what the records, runc, conmon, the mounts, the cgroups and the data root say is made
 * to agree again:
 * <ol>
 * <li>a container recorded running or paused whose monitor and init are alive is adopted; one that
 * exited while berthd was down is finished (exit code from conmon's exit file, restart policy);</li>
 * <li>a container recorded created or exited has nothing running: a start that died half-way (a
 * conmon, a {@code runc init} parked on its exec fifo, a mounted rootfs, a network sandbox) is
 * rolled back;</li>
 * <li>what no record owns is collected: a create or a removal that died half-way leaves a
 * directory, a writable layer, runc state, cgroups or a monitor with no record (removal deletes
 * the record first, so a removal interrupted after that is completed here);</li>
 * <li>exec bundles are removed: no exec session outlives the daemon that served it.</li>
 * </ol>
 */
final class StartupReconciler {
    private final Containers containers;
    private final ContainerStore store;
    private final ContainerPaths paths;
    private final Runc runc;
    private final Conmon conmon;
    private final SandboxPool sandboxes;
    private final ContainerLogs logs;
    private final OverlaySnapshotter snapshots;
    private final String cgroupParent;
    private final Path execBundles;
    private final CgroupTree cgroups = CgroupTree.host();

    StartupReconciler(Containers containers, ContainerStore store, ContainerPaths paths, Runc runc, Conmon conmon,
                      SandboxPool sandboxes, ContainerLogs logs, OverlaySnapshotter snapshots, String cgroupParent, Path execBundles) {
        this.containers = containers;
        this.store = store;
        this.paths = paths;
        this.runc = runc;
        this.conmon = conmon;
        this.sandboxes = sandboxes;
        this.logs = logs;
        this.snapshots = snapshots;
        this.cgroupParent = cgroupParent;
        this.execBundles = execBundles;
    }

    void run() {
        Map<String, Integer> monitors = conmon.monitors();
        Set<String> runcIds = new HashSet<>(runc.ids());
        Set<String> recorded = new HashSet<>();
        for (ContainerStore.Entry e : store.all()) {
            recorded.add(e.spec().id());
            Status st = e.state().status();
            if (st == Status.RUNNING || st == Status.PAUSED || st == Status.RESTARTING) {
                reconcileActive(e, monitors, runcIds);
            } else {
                rollBackStart(e.spec().id(), monitors, runcIds);
                // it may have printed more before it exited while berthd was down
                logs.exited(e.spec());
            }
        }
        collectUnowned(recorded, monitors, runcIds);
        // forwarding rules whose container is gone, or never finished starting
        containers.ports().sweep();
    }

    /** A container recorded running, paused or restarting: adopt it, or finish it. */
    private void reconcileActive(ContainerStore.Entry e, Map<String, Integer> monitors, Set<String> runcIds) {
        String id = e.spec().id();
        Status st = e.state().status();
        LiveContainer l = containers.live(id);
        // known before deciding: an exited container's sandbox is released by its cleanup
        readSandbox(id).ifPresent(sb -> {
            l.sandbox = sb;
            l.endpoint = sb.endpoint();
        });
        if (st != Status.RESTARTING && Files.exists(conmon.exitFile(id))) {
            containers.handleExit(id);
            return;
        }
        Optional<Runc.State> rs = runcIds.contains(id) ? runc.state(id) : Optional.empty();
        // a runc state of "created" is a start that never released the container: not alive
        boolean alive = st != Status.RESTARTING && rs.isPresent()
                && (rs.get().status().equals("running") || rs.get().status().equals("paused"))
                && monitors.containsKey(id);
        if (alive) {
            logs.adopt(e.spec());
            containers.ports().adopt(id);
            return;
        }
        logs.exited(e.spec());
        // the monitor died with the container, or a restart died half-way: nothing of it may stay
        killMonitor(id, monitors);
        synchronized (l) {
            containers.cleanupRuntime(e.spec(), l);
            deleteQuietly(conmon.exitFile(id));
            if (st != Status.RESTARTING) store.saveState(id, e.state().exited(255, Instant.now(), false));
        }
        if (st == Status.RESTARTING) {
            containers.scheduleRestart(e.spec(), e.state().restartCount());
        } else if (e.spec().host().restartPolicy().shouldRestart(255, false, e.state().restartCount())) {
            containers.scheduleRestart(e.spec(), e.state().restartCount());
        }
    }

    /** A container recorded created or exited: undo whatever a start (or a clean-up) left behind. */
    private void rollBackStart(String id, Map<String, Integer> monitors, Set<String> runcIds) {
        killMonitor(id, monitors);
        if (runcIds.contains(id)) deleteRuncState(id);
        cgroups.killAndRemove(cgroupParent + "/" + id);
        Mounts.unmount(paths.rootfs(id));
        deleteQuietly(paths.sandbox(id)); // the pool takes back every sandbox no container holds
        containers.networking().releaseStale(id);
        deleteQuietly(conmon.exitFile(id));
    }

    /** Directories, layers, runc state, cgroups and monitors that no record owns. */
    private void collectUnowned(Set<String> recorded, Map<String, Integer> monitors, Set<String> runcIds) {
        Set<String> orphans = new TreeSet<>();
        try (var dirs = Files.list(paths.root())) {
            dirs.map(p -> p.getFileName().toString()).filter(n -> !recorded.contains(n)).forEach(orphans::add);
        } catch (IOException e) {
            // no containers directory yet
        }
        for (String id : monitors.keySet()) if (!recorded.contains(id)) orphans.add(id);
        for (String id : runcIds) if (!recorded.contains(id)) orphans.add(id);
        for (String id : cgroups.children(cgroupParent)) if (!recorded.contains(id)) orphans.add(id);
        for (String id : orphans) {
            System.err.println("berthd: collecting what a container with no record left behind: " + id);
            rollBackStart(id, monitors, runcIds);
            try {
                Trees.deleteRecursively(paths.dir(id));
                if (id.length() >= 12) deleteQuietly(conmon.attachSocket(id).getParent());
            } catch (IOException e) {
                System.err.println("berthd: cannot remove " + paths.dir(id) + ": " + e.getMessage());
            }
        }
        snapshots.sweep(recorded);
        try {
            Trees.deleteRecursively(execBundles);
        } catch (IOException e) {
            System.err.println("berthd: cannot remove stale exec bundles: " + e.getMessage());
        }
    }

    private void killMonitor(String id, Map<String, Integer> monitors) {
        Integer pid = monitors.remove(id);
        if (pid == null) return;
        try {
            // SIGKILL: conmon writes no exit file for a container it was never allowed to start
            Syscalls.kill(pid, 9);
        } catch (Syscalls.ErrnoException ignored) {
            // gone already
        }
    }

    private void deleteRuncState(String id) {
        try {
            runc.delete(id);
        } catch (RuntimeException e) {
            System.err.println("berthd: runc delete " + id + " failed: " + e.getMessage());
        }
    }

    private Optional<Sandbox> readSandbox(String id) {
        try {
            Path f = paths.sandbox(id);
            return Files.exists(f) ? sandboxes.load(Files.readString(f).trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a directory or busy: left for the next start
        }
    }
}
