package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;
import dev.berth.engine.container.ContainerState.Status;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.runtime.Runc;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Signals and freezes of a running container: stop (the stop signal, then SIGKILL after the
 * timeout), kill (a SIGKILL returns once the container is dead, as in dockerd), restart, pause and
 * unpause. State changes happen under the container's lock in {@link Containers}.
 */
final class ProcessControl {
    private final Containers containers;
    private final ContainerStore store;
    private final Runc runc;
    private final EventBus events;

    ProcessControl(Containers containers, ContainerStore store, Runc runc, EventBus events) {
        this.containers = containers;
        this.store = store;
        this.runc = runc;
        this.events = events;
    }

    void stop(String ref, Integer timeoutSeconds, String signal) {
        ContainerStore.Entry e = store.get(ref);
        ContainerSpec spec = e.spec();
        LiveContainer l = containers.live(spec.id());
        ContainerState s = e.state();
        if (s.status() == Status.RESTARTING) {
            synchronized (l) {
                l.userStop = true;
                store.saveState(spec.id(), s.withStatus(Status.EXITED).stoppedByUser(true));
            }
            return;
        }
        if (!s.isRunning()) throw new BerthException.NotModified("container already stopped");
        int timeout = timeoutSeconds != null ? timeoutSeconds : spec.stopTimeout() != null ? spec.stopTimeout() : 10;
        int sig = signal != null && !signal.isEmpty() ? Signals.parse(signal) : spec.stopSignal() != null ? Signals.parse(spec.stopSignal()) : Signals.SIGTERM;
        CompletableFuture<Integer> exit = containers.waitFor(spec.id(), "next-exit");
        l.userStop = true;
        if (s.status() == Status.PAUSED) runc.resume(spec.id());
        events.publish("container", "kill", spec.id(), Containers.attributes(spec, Map.of("signal", Integer.toString(sig))));
        runc.kill(spec.id(), sig, false);
        try {
            if (timeout < 0) {
                exit.get();
                return;
            }
            exit.get(timeout, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException te) {
            events.publish("container", "kill", spec.id(), Containers.attributes(spec, Map.of("signal", Integer.toString(Signals.SIGKILL))));
            runc.kill(spec.id(), Signals.SIGKILL, true);
            awaitQuietly(exit, 30);
        } catch (Exception ex) {
            awaitQuietly(exit, 30);
        }
        events.publish("container", "stop", spec.id(), Containers.attributes(spec, Map.of()));
    }

    static void awaitQuietly(CompletableFuture<Integer> f, int seconds) {
        try {
            f.get(seconds, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the exit watcher will catch up
        }
    }

    void kill(String ref, String signal) {
        ContainerStore.Entry e = store.get(ref);
        int sig = Signals.parse(signal);
        if (!e.state().isRunning()) {
            throw new BerthException.Conflict("Cannot kill container: " + ref + ": Container " + e.spec().id() + " is not running");
        }
        LiveContainer l = containers.live(e.spec().id());
        if (sig == Signals.SIGKILL || sig == Signals.SIGTERM) l.userStop = true;
        // as dockerd: a SIGKILL returns once the container is dead, other signals once delivered
        CompletableFuture<Integer> exit = sig == Signals.SIGKILL ? containers.waitFor(e.spec().id(), "next-exit") : null;
        // published first: a killed process may die (and "die" be published) before runc returns
        events.publish("container", "kill", e.spec().id(), Containers.attributes(e.spec(), Map.of("signal", Integer.toString(sig))));
        runc.kill(e.spec().id(), sig, sig == Signals.SIGKILL);
        if (exit != null) awaitQuietly(exit, 30);
    }

    void restart(String ref, Integer timeout, String signal) {
        ContainerStore.Entry e = store.get(ref);
        if (e.state().isRunning()) stop(ref, timeout, signal);
        containers.start(e.spec().id());
        events.publish("container", "restart", e.spec().id(), Containers.attributes(e.spec(), Map.of()));
    }

    void pause(String ref) {
        ContainerStore.Entry e = store.get(ref);
        LiveContainer l = containers.live(e.spec().id());
        synchronized (l) {
            ContainerState s = store.get(e.spec().id()).state();
            if (s.status() == Status.PAUSED) throw new BerthException.Conflict("Container " + e.spec().id() + " is already paused");
            if (s.status() != Status.RUNNING) throw new BerthException.Conflict("Container " + e.spec().id() + " is not running");
            runc.pause(e.spec().id());
            store.saveState(e.spec().id(), s.withStatus(Status.PAUSED));
        }
        events.publish("container", "pause", e.spec().id(), Containers.attributes(e.spec(), Map.of()));
    }

    void unpause(String ref) {
        ContainerStore.Entry e = store.get(ref);
        LiveContainer l = containers.live(e.spec().id());
        synchronized (l) {
            ContainerState s = store.get(e.spec().id()).state();
            if (s.status() != Status.PAUSED) throw new BerthException.Conflict("Container " + e.spec().id() + " is not paused");
            runc.resume(e.spec().id());
            store.saveState(e.spec().id(), s.withStatus(Status.RUNNING));
        }
        events.publish("container", "unpause", e.spec().id(), Containers.attributes(e.spec(), Map.of()));
    }
}
