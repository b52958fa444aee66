package dev.berth.engine.container.health;

import dev.berth.engine.container.AttachSession;
import dev.berth.engine.container.ContainerStore;
import dev.berth.engine.container.Containers;
import dev.berth.engine.container.ExecSessions;
import dev.berth.engine.events.Event;
import dev.berth.engine.events.EventBus;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs each running container's healthcheck probe (an exec in the container) on its schedule and
 * keeps {@code State.Health}. It follows the container lifecycle from the event bus: a start
 * begins a fresh "starting" state, a die ends the schedule. Health is kept in memory: after a
 * daemon restart an adopted container starts again from "starting", which only delays "healthy"
 * by one interval.
 */
public final class HealthMonitor implements AutoCloseable {
    private static final int MAX_OUTPUT = 4096;
    private final Containers containers;
    private final ExecSessions execs;
    private final EventBus events;
    private final Map<String, Health> health = new ConcurrentHashMap<>();
    private final Map<String, Thread> schedules = new ConcurrentHashMap<>();
    private final BlockingQueue<Event> subscription;
    private final Thread listener;

    public HealthMonitor(Containers containers, ExecSessions execs, EventBus events) {
        this.containers = containers;
        this.execs = execs;
        this.events = events;
        this.subscription = events.subscribe();
        for (ContainerStore.Entry e : containers.store().all()) {
            if (e.state().isRunning()) begin(e.spec().id());
        }
        this.listener = Thread.ofVirtual().name("health-events").start(this::follow);
    }

    /** The container's health, if it has a healthcheck and has been started since berthd came up. */
    public Optional<Health> health(String containerId) {
        return Optional.ofNullable(health.get(containerId));
    }

    private void follow() {
        try {
            while (true) {
                Event ev = subscription.take();
                if (!ev.type().equals("container")) continue;
                switch (ev.action()) {
                    case "start" -> begin(ev.id());
                    case "die", "destroy" -> end(ev.id(), ev.action().equals("destroy"));
                    default -> { }
                }
            }
        } catch (InterruptedException e) {
            // shutting down
        }
    }

    private void begin(String id) {
        Optional<ContainerStore.Entry> e = containers.store().find(id);
        if (e.isEmpty()) return;
        HealthCheck check = e.get().spec().healthCheck();
        if (check == null || !check.enabled()) return;
        end(id, false);
        health.put(id, Health.starting());
        Instant started = Instant.now();
        schedules.put(id, Thread.ofVirtual().name("health-" + id.substring(0, 12)).start(() -> schedule(id, check, started)));
    }

    private void end(String id, boolean forget) {
        Thread t = schedules.remove(id);
        if (t != null) t.interrupt();
        if (forget) health.remove(id);
    }

    private void schedule(String id, HealthCheck check, Instant started) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                boolean inStart = Instant.now().isBefore(started.plus(check.startPeriod()));
                Health h = health.getOrDefault(id, Health.starting());
                // While starting, Docker probes at the (shorter) start interval.
                long waitMs = (inStart && h.status().equals(Health.STARTING) ? check.startInterval() : check.interval()).toMillis();
                Thread.sleep(waitMs);
                if (!containers.isRunning(id)) return;
                Health.Probe probe = probe(id, check);
                inStart = probe.start().isBefore(started.plus(check.startPeriod()));
                Health before = health.getOrDefault(id, Health.starting());
                Health after = before.after(probe, inStart, check.effectiveRetries());
                health.put(id, after);
                if (!after.status().equals(before.status())) {
                    containers.store().find(id).ifPresent(e -> events.publish("container", "health_status: " + after.status(), id,
                            Map.of("image", e.spec().imageName(), "name", e.spec().name())));
                }
            }
        } catch (InterruptedException e) {
            // stopped
        }
    }

    private Health.Probe probe(String id, HealthCheck check) throws InterruptedException {
        Instant start = Instant.now();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExecSessions.Exec exec;
        try {
            exec = execs.create(id, new ExecSessions.ExecConfig(check.command(), null, "", "", false, false, true, true, false, ""));
        } catch (RuntimeException e) {
            return new Health.Probe(start, Instant.now(), -1, e.getMessage());
        }
        Thread runner = Thread.ofVirtual().start(() -> {
            try {
                execs.start(exec.id, false, null, new AttachSession.Sink() {
                    @Override
                    public void write(int stream, byte[] data) {
                        synchronized (out) {
                            if (out.size() < MAX_OUTPUT) out.write(data, 0, Math.min(data.length, MAX_OUTPUT - out.size()));
                        }
                    }

                    @Override
                    public void close() {
                    }
                });
            } catch (RuntimeException ignored) {
                // reported through the exit code below
            }
        });
        boolean finished = runner.join(check.timeout());
        execs.remove(exec.id);
        if (!finished) {
            return new Health.Probe(start, Instant.now(), -1,
                    "Health check exceeded timeout (" + check.timeout().toMillis() / 1000.0 + "s)");
        }
        Integer code = exec.exitCode;
        synchronized (out) {
            return new Health.Probe(start, Instant.now(), code == null ? -1 : code, out.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        listener.interrupt();
        events.unsubscribe(subscription);
        schedules.values().forEach(Thread::interrupt);
        try {
            listener.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
