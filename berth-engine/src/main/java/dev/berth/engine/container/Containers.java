package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;
import dev.berth.common.io.AtomicFiles;
import dev.berth.common.json.Json;
import dev.berth.engine.container.ContainerState.Status;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.image.Image;
import dev.berth.engine.image.ImageStore;
import dev.berth.engine.mount.Mounts;
import dev.berth.engine.volume.Volumes;
import dev.berth.oci.runtime.RuntimeSpec;
import dev.berth.engine.network.BridgeNetwork;
import dev.berth.engine.network.Endpoint;
import dev.berth.engine.network.Endpoints;
import dev.berth.engine.network.Networks;
import dev.berth.engine.network.Sandbox;
import dev.berth.engine.network.SandboxPool;
import dev.berth.engine.network.ports.PortPublisher;
import dev.berth.engine.runtime.Conmon;
import dev.berth.engine.runtime.OciSpecBuilder;
import dev.berth.engine.runtime.Runc;
import dev.berth.engine.runtime.cgroup.CgroupStats;
import dev.berth.engine.runtime.cgroup.Usage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The container lifecycle: create, start, stop, kill, restart, pause, remove, wait, attach; exit
 * handling with restart policies and auto-remove; re-adoption of running containers at start-up.
 *
 * <p>Locking: each container has one monitor ({@link LiveContainer}); state transitions happen under it.
 * No method holds two containers' locks.
 */
public final class Containers {
    private final ContainerStore store;
    private final ImageStore images;
    private final ContainerPaths paths;
    private final Runc runc;
    private final Conmon conmon;
    private final BridgeNetwork bridge;
    private final SandboxPool sandboxes;
    private final EventBus events;
    private final Settings settings;
    private final ContainerLogs logs;
    private final OciSpecBuilder specBuilder = new OciSpecBuilder();
    private final CgroupStats cgroups = CgroupStats.host();
    private final Map<String, LiveContainer> live = new ConcurrentHashMap<>();
    private final ContainerCreation creation;
    private final ContainerUpdates updates;
    private final ProcessControl control;
    private final ContainerMounts mounts;
    private final ContainerRemoval removal;
    private final ContainerAttach attaches;
    private final ContainerPorts ports;
    private final ContainerEtc etc;
    private final ContainerNetworking networking;

    /**
     * Host facts and daemon defaults the lifecycle needs: the cgroup parent, the nofile hard limit,
     * the init binary for {@code --init}, what the host's cgroups can enforce (for dockerd's
     * resource checks), and berthd's {@code --no-new-privileges} default.
     */
    public record Settings(String cgroupParent, long hostNofileHard, Path initBinary, HostFacts hostFacts, boolean noNewPrivileges) {}

    public Containers(ContainerStore store, ImageStore images, ContainerPaths paths, Runc runc, Conmon conmon,
                      BridgeNetwork bridge, SandboxPool sandboxes, EventBus events, Settings settings, Volumes volumes,
                      PortPublisher ports, Networks networks, Endpoints endpoints) {
        this.store = store;
        this.ports = new ContainerPorts(ports);
        this.images = images;
        this.paths = paths;
        this.runc = runc;
        this.conmon = conmon;
        this.bridge = bridge;
        this.sandboxes = sandboxes;
        this.events = events;
        this.settings = settings;
        this.logs = new ContainerLogs(paths);
        this.mounts = new ContainerMounts(store, volumes, events);
        volumes.users(mounts);
        this.etc = new ContainerEtc(paths, new LegacyLinks(store, this::endpoint), bridge::gateway);
        this.networking = new ContainerNetworking(networks, endpoints, sandboxes, bridge, store, paths, events, this);
        this.creation = new ContainerCreation(store, images, paths, events, settings, mounts, etc, networking);
        this.updates = new ContainerUpdates(this, store, runc, events, settings.hostFacts());
        this.control = new ProcessControl(this, store, runc, events);
        this.attaches = new ContainerAttach(this, store, conmon, paths, events);
        this.removal = new ContainerRemoval(this, store, runc, conmon, logs, images.snapshots(), paths, mounts, events);
    }

    LiveContainer live(String id) {
        return live.computeIfAbsent(id, k -> new LiveContainer());
    }

    /** A removed container's lock and waiters are done with. */
    void forget(String id) {
        live.remove(id);
    }

    /** Creates a container from a client's request: see {@link ContainerCreation}. */
    public Created create(CreateRequest req) {
        return creation.create(req);
    }

    /** docker update: see {@link ContainerUpdates}; {@code restartPolicy} null keeps the current one. Returns warnings. */
    public List<String> update(String ref, ResourceLimits resources, ContainerSpec.RestartPolicy restartPolicy) {
        return updates.update(ref, resources, restartPolicy);
    }

    /** Start-up reconciliation, before the API serves: see {@link StartupReconciler}. {@code execBundles} holds exec sessions' files. */
    public void restore(Path execBundles) {
        new StartupReconciler(this, store, paths, runc, conmon, sandboxes, logs, images.snapshots(), settings.cgroupParent(), execBundles).run();
        networking.sweep(new java.util.HashSet<>(store.all().stream().map(x -> x.spec().id()).toList()));
        networking.restoreNames();
    }

    /** Networks of containers: connect, disconnect, attachments (see {@link ContainerNetworking}). */
    public ContainerNetworking networking() {
        return networking;
    }

    public ContainerStore store() {
        return store;
    }

    public Optional<Endpoint> endpoint(String id) {
        LiveContainer l = live.get(id);
        return l == null || l.endpoint == Endpoint.NONE ? Optional.empty() : Optional.of(l.endpoint);
    }

    public ContainerPorts ports() {
        return ports;
    }

    ContainerMounts mounts() {
        return mounts;
    }

    public ContainerLogs logs() {
        return logs;
    }

    public ContainerPaths paths() {
        return paths;
    }


    static Map<String, String> attributes(ContainerSpec spec, Map<String, String> extra) {
        Map<String, String> a = new LinkedHashMap<>(spec.labels());
        a.put("image", spec.imageName());
        a.put("name", spec.name());
        a.putAll(extra);
        return a;
    }

    // ---------------------------------------------------------------- start

    public void start(String ref) {
        ContainerStore.Entry e = store.get(ref);
        String id = e.spec().id();
        LiveContainer l = live(id);
        synchronized (l) {
            ContainerState s = store.get(id).state();
            if (s.status() == Status.RUNNING || s.status() == Status.PAUSED) throw new BerthException.NotModified("container already started");
            if (l.removing) throw new BerthException.Conflict("container is marked for removal and cannot be started");
            startLocked(e.spec(), s, l);
        }
    }

    private void startLocked(ContainerSpec spec, ContainerState state, LiveContainer l) {
        String id = spec.id();
        Path rootfs = paths.rootfs(id);
        boolean mounted = false;
        int pid = 0;
        Conmon.Pending monitor = null;
        boolean volumesAcquired = false;
        try {
            // conmon starts up (and then waits) while the bundle is put together: see Conmon.spawn
            logs.beforeStart(spec);
            // as dockerd, only StdinOnce without a TTY closes the container's stdin when its client's
            // input ends: a TTY client that detached (the docker CLI closes, the keys unsent) can come back
            monitor = conmon.spawn(new Conmon.Launch(id, spec.name(), paths.dir(id), logs.conmonTarget(spec),
                    spec.tty(), spec.openStdin(), !(spec.stdinOnce() && !spec.tty())));
            Image image = images.get(spec.imageId());
            Mounts.mount(images.snapshots().mounts(id, image.topLayer()), rootfs);
            mounted = true;
            String netns = networking.join(spec, l);
            networking.useEmbeddedDns(spec);
            List<String> linkEnv = List.of();
            ContainerNetworking.Primary primary = networking.primary(spec, l);
            if (primary != null) {
                // /etc/hosts with the container's address, --add-host and link lines; the link variables
                linkEnv = etc.atStart(spec, primary.endpoint());
                ports.publish(spec, primary);
            }
            List<RuntimeSpec.Mount> dataMounts = mounts.acquire(spec);
            volumesAcquired = true;
            var rs = specBuilder.build(new OciSpecBuilder.Inputs(id, spec.hostname(), RuntimeInputs.process(spec, linkEnv),
                    RuntimeInputs.confinement(spec.host()), RuntimeInputs.limits(spec.host()), spec.host().tmpfs(), rootfs,
                    paths.hosts(id), paths.hostname(id), paths.resolvConf(id), netns, settings.cgroupParent(),
                    settings.hostNofileHard(), dataMounts, settings.initBinary(), RuntimeInputs.kernel(spec.host()),
                    RuntimeInputs.devices(spec.host().devices())));
            AtomicFiles.replace(paths.config(id), Json.bytes(rs));
            pid = monitor.go();
            attaches.connectPending(id, l);
            runc.start(id, pid);
            ContainerState running = state.running(pid, Instant.now());
            store.saveState(id, running);
            l.userStop = false;
            events.publish("container", "start", id, attributes(spec, Map.of()));
        } catch (RuntimeException ex) {
            // Undo everything this start made: monitor, runtime state, network, mount.
            if (monitor != null) monitor.close();
            if (pid > 0) {
                try { runc.delete(id); } catch (RuntimeException ignored) { /* best effort */ }
                try { Files.deleteIfExists(conmon.exitFile(id)); } catch (IOException ignored) { /* best effort */ }
            }
            networking.leave(spec, l);
            releaseSandbox(id, l);
            logs.exited(spec);
            if (volumesAcquired) mounts.release(spec);
            if (mounted) Mounts.unmount(rootfs);
            String msg = ex instanceof Conmon.RuntimeCreateException ? "failed to create task for container: OCI runtime create failed: " + ex.getMessage() : ex.getMessage();
            int code = StartErrors.exitCode(msg, 128);
            ContainerState failed = new ContainerState(Status.EXITED, 0, code, state.startedAt(), Instant.now(), false, msg, state.restartCount(), false);
            if (state.status() == Status.CREATED) failed = failed.withStatus(Status.CREATED);
            store.saveState(id, failed);
            attaches.finishPending(l);
            if (spec.host().autoRemove()) {
                Thread.ofVirtual().start(() -> removeAfterExit(spec, code));
            } else {
                l.completeExit(code);
            }
            if (ex instanceof BerthException be) throw be;
            // a command that is missing or cannot run is the request's fault: dockerd answers 400
            if (code == 127 || code == 126) throw new BerthException.InvalidArgument(msg);
            throw new BerthException.Internal(msg, ex);
        }
    }

    // ---------------------------------------------------------------- exit

    /** Called by the exit watcher when conmon wrote {@code exits/<id>}. */
    public void handleExit(String id) {
        Optional<ContainerStore.Entry> found = store.find(id);
        if (found.isEmpty() || !found.get().spec().id().equals(id)) return;
        ContainerSpec spec = found.get().spec();
        LiveContainer l = live(id);
        int code;
        boolean restart;
        synchronized (l) {
            // an auto-remove may have taken the container away since the lookup above
            Optional<ContainerStore.Entry> current = store.find(id);
            if (current.isEmpty()) return;
            ContainerState s = current.get().state();
            if (s.status() != Status.RUNNING && s.status() != Status.PAUSED) return;
            Path exitFile = conmon.exitFile(id);
            try {
                code = Integer.parseInt(Files.readString(exitFile).trim());
            } catch (IOException | NumberFormatException e) {
                code = 255;
            }
            boolean oom = Files.exists(paths.dir(id).resolve("oom"));
            // conmon wrote the exit file when the container died, which may be long before now if
            // berthd was down then
            Instant finished = Instant.now();
            try { finished = Files.getLastModifiedTime(exitFile).toInstant(); } catch (IOException ignored) { /* use now */ }
            try { Files.deleteIfExists(exitFile); } catch (IOException ignored) { /* next start replaces it */ }
            ContainerState exited = s.exited(code, finished, oom).stoppedByUser(l.userStop);
            store.saveState(id, exited);
            if (oom) events.publish("container", "oom", id, attributes(spec, Map.of()));
            events.publish("container", "die", id, attributes(spec, Map.of("exitCode", Integer.toString(code))));
            restart = !spec.host().autoRemove() && spec.host().restartPolicy().shouldRestart(code, l.userStop, s.restartCount());
            if (restart) store.saveState(id, exited.restarted());
            if (!spec.host().autoRemove()) {
                // Waiters (docker run's wait) answer first; the runtime cleanup that follows still
                // holds the lock, so a start or remove right after waits for it.
                l.completeExit(code);
                cleanupRuntime(spec, l);
                logs.exited(spec);
            }
        }
        if (spec.host().autoRemove()) {
            removeAfterExit(spec, code);
            return;
        }
        if (restart) scheduleRestart(spec, store.get(id).state().restartCount());
    }

    void scheduleRestart(ContainerSpec spec, int restartCount) {
        long delay = Math.min(60_000, 100L << Math.min(10, Math.max(0, restartCount - 1)));
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(delay);
                LiveContainer l = live(spec.id());
                synchronized (l) {
                    Optional<ContainerStore.Entry> e = store.find(spec.id());
                    if (e.isEmpty() || e.get().state().status() != Status.RESTARTING || l.userStop) return;
                    startLocked(spec, e.get().state(), l);
                    events.publish("container", "restart", spec.id(), attributes(spec, Map.of()));
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException failed) {
                // the failure is recorded in the container's state
            }
        });
    }

    private void removeAfterExit(ContainerSpec spec, int code) {
        LiveContainer l = live(spec.id());
        try {
            // as dockerd: --rm takes the container's anonymous volumes with it
            removal.removeNow(spec, () -> {
                l.completeExit(code);
                l.completeRemoved(code);
            }, true);
        } catch (RuntimeException ignored) {
            // already gone
        }
        l.completeExit(code);
        l.completeRemoved(code);
        forget(spec.id());
    }

    void cleanupRuntime(ContainerSpec spec, LiveContainer l) {
        String id = spec.id();
        try { runc.delete(id); } catch (RuntimeException ignored) { /* already gone */ }
        networking.leave(spec, l);
        releaseSandbox(id, l);
        mounts.release(spec);
        Mounts.unmount(paths.rootfs(id));
    }

    private void releaseSandbox(String id, LiveContainer l) {
        ports.unpublish(id);
        Sandbox s = l.sandbox;
        l.sandbox = null;
        l.endpoint = Endpoint.NONE;
        if (s == null) return;
        sandboxes.release(s);
        try {
            Files.deleteIfExists(paths.sandbox(id));
        } catch (IOException ignored) {
            // the container directory goes with the container
        }
    }

    /** Names of the sandboxes running containers hold (the pool must not sweep them). */
    public java.util.Set<String> sandboxesInUse() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (LiveContainer l : live.values()) {
            Sandbox s = l.sandbox;
            if (s != null) names.add(s.name());
        }
        return names;
    }

    // ---------------------------------------------------------------- stop / kill: see ProcessControl

    public void stop(String ref, Integer timeoutSeconds, String signal) {
        control.stop(ref, timeoutSeconds, signal);
    }

    public void kill(String ref, String signal) {
        control.kill(ref, signal);
    }

    public void restart(String ref, Integer timeout, String signal) {
        control.restart(ref, timeout, signal);
    }

    public void pause(String ref) {
        control.pause(ref);
    }

    public void unpause(String ref) {
        control.unpause(ref);
    }

    // ---------------------------------------------------------------- remove / rename

    public void remove(String ref, boolean force) {
        remove(ref, force, false);
    }

    /** docker rm: see {@link ContainerRemoval}; {@code removeVolumes} ({@code -v}) also removes its anonymous volumes. */
    public void remove(String ref, boolean force, boolean removeVolumes) {
        removal.remove(ref, force, removeVolumes);
    }

    public void rename(String ref, String newName) {
        ContainerStore.Entry e = store.get(ref);
        if (newName == null || newName.isEmpty()) throw new BerthException.InvalidArgument("Neither old nor new names may be empty");
        if (!Names.isValid(newName)) throw new BerthException.InvalidArgument("Invalid container name (" + newName + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        String n = Names.strip(newName);
        ContainerSpec old = e.spec();
        if (old.name().equals(n)) throw new BerthException.InvalidArgument("Renaming a container with the same name as its current name");
        ContainerSpec renamed = old.withName(n);
        store.rename(old.id(), n, renamed);
        networking.renamed(old.id(), n);
        events.publish("container", "rename", old.id(), attributes(renamed, Map.of("oldName", "/" + old.name())));
    }

    // ---------------------------------------------------------------- wait / attach

    /** Completes with the exit code when {@code condition} (not-running, next-exit, removed) is met. */
    public CompletableFuture<Integer> waitFor(String ref, String condition) {
        ContainerStore.Entry e = store.get(ref);
        LiveContainer l = live(e.spec().id());
        CompletableFuture<Integer> f = new CompletableFuture<>();
        String c = condition == null || condition.isEmpty() ? "not-running" : condition;
        switch (c) {
            case "not-running" -> {
                synchronized (l.exitWaiters) {
                    ContainerState s = store.get(e.spec().id()).state();
                    if (!s.isRunning() && s.status() != Status.RESTARTING) f.complete(s.exitCode());
                    else l.exitWaiters.add(f);
                }
            }
            case "next-exit" -> {
                synchronized (l.exitWaiters) {
                    l.exitWaiters.add(f);
                }
            }
            case "removed" -> {
                synchronized (l.removeWaiters) {
                    l.removeWaiters.add(f);
                }
            }
            default -> throw new BerthException.InvalidArgument("invalid condition: \"" + condition + "\"");
        }
        return f;
    }

    /** Attaches a client: see {@link ContainerAttach}. */
    public AttachSession attach(String ref, boolean stdin, boolean stdout, boolean stderr, AttachSession.Sink sink) {
        return attaches.attach(ref, stdin, stdout, stderr, sink);
    }

    public void resize(String ref, int height, int width) {
        attaches.resize(ref, height, width);
    }

    /** A usage sample of a running container; an empty one when it is not running (as Docker). */
    public Usage usage(String ref) {
        ContainerStore.Entry e = store.get(ref);
        if (!e.state().isRunning()) return Usage.empty();
        return cgroups.sample(settings.cgroupParent() + "/" + e.spec().id(), e.state().pid());
    }

    public boolean isRunning(String id) {
        return store.find(id).map(x -> x.state().isRunning() || x.state().status() == Status.RESTARTING).orElse(false);
    }

    public List<Integer> pids(String ref) {
        ContainerStore.Entry e = store.get(ref);
        if (!e.state().isRunning()) throw new BerthException.Conflict("Container " + e.spec().id() + " is not running");
        return runc.pids(e.spec().id());
    }

    /** True if any container is running or paused (the daemon keeps its bridge then). */
    public boolean anyRunning() {
        return store.all().stream().anyMatch(x -> x.state().isRunning() || x.state().status() == Status.RESTARTING);
    }
}
