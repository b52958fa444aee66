package dev.berth.engine.container;

import dev.berth.engine.container.ContainerState.Status;
import dev.berth.engine.network.Sandbox;
import dev.berth.engine.network.SandboxPool;
import dev.berth.engine.runtime.Conmon;
import dev.berth.engine.runtime.Runc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Start-up reconciliation, before the API serves: containers whose conmon is alive are adopted;
 * those that exited while berthd was down are finished (exit code from conmon's exit file,
 * restart policy applied).
 */
final class StartupReconciler {
    private final Containers containers;
    private final ContainerStore store;
    private final ContainerPaths paths;
    private final Runc runc;
    private final Conmon conmon;
    private final SandboxPool sandboxes;
    private final ContainerLogs logs;

    StartupReconciler(Containers containers, ContainerStore store, ContainerPaths paths, Runc runc, Conmon conmon,
                      SandboxPool sandboxes, ContainerLogs logs) {
        this.containers = containers;
        this.store = store;
        this.paths = paths;
        this.runc = runc;
        this.conmon = conmon;
        this.sandboxes = sandboxes;
        this.logs = logs;
    }

    void run() {
        for (ContainerStore.Entry e : store.all()) {
            String id = e.spec().id();
            Status st = e.state().status();
            if (st != Status.RUNNING && st != Status.PAUSED && st != Status.RESTARTING) {
                // it may have printed more before it exited while berthd was down
                logs.exited(e.spec());
                continue;
            }
            Containers.Live l = containers.live(id);
            // known before deciding: an exited container's sandbox is released by its cleanup
            readSandbox(id).ifPresent(sb -> {
                l.sandbox = sb;
                l.endpoint = sb.endpoint();
            });
            if (Files.exists(conmon.exitFile(id))) {
                containers.handleExit(id);
                continue;
            }
            Optional<Runc.State> rs = runc.state(id);
            boolean alive = rs.isPresent() && !rs.get().status().equals("stopped") && Conmon.alivePid(paths.dir(id)).isPresent();
            if (alive) {
                logs.adopt(e.spec());
                continue;
            }
            logs.exited(e.spec());
            if (st == Status.RESTARTING) {
                containers.scheduleRestart(e.spec(), e.state().restartCount());
                continue;
            }
            // The monitor died with the container: record an unknown exit.
            synchronized (l) {
                containers.cleanupRuntime(e.spec(), l);
                store.saveState(id, e.state().exited(255, Instant.now(), false));
            }
            if (e.spec().host().restartPolicy().shouldRestart(255, false, e.state().restartCount())) {
                containers.scheduleRestart(e.spec(), e.state().restartCount());
            }
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
}
