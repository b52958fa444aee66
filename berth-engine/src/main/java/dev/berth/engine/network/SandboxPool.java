package dev.berth.engine.network;

import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;
import dev.berth.engine.mount.Mounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * Warm network namespaces for the default bridge. Wiring a namespace costs three CNI plugin runs
 * (loopback, bridge, host-local: ~100 ms here) and unwiring two more; doing that while a client
 * waits for {@code docker run} dominated its latency. The pool keeps a few namespaces wired ahead
 * of time, hands one to a starting container at once, refills in the background, and unwires
 * released ones off the request path.
 *
 * <p>Each sandbox's netns is bind-mounted at {@code <dir>/<name>} so it outlives any process, and
 * its endpoint is recorded beside it, so a restarted daemon can tell pooled, used and stale ones apart.
 */
public final class SandboxPool implements AutoCloseable {
    private static final long REFILL_DELAY_MS = 250;
    private final BridgeNetwork bridge;
    private final Path dir;
    private final int target;
    private final LinkedBlockingDeque<Sandbox> ready = new LinkedBlockingDeque<>();
    private final SecureRandom random = new SecureRandom();
    private final Object fillLock = new Object();
    private final Set<Thread> releasing = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private Thread filler;

    public SandboxPool(BridgeNetwork bridge, Path dir, int target) {
        this.bridge = bridge;
        this.dir = dir;
        this.target = target;
        try {
            Files.createDirectories(dir);
            // Like ip-netns: netns bind mounts need a private parent, or they propagate (or fail) on shared mounts.
            if (!Mounts.isMounted(dir.toAbsolutePath())) {
                Mounts.mount(new dev.berth.engine.mount.Mount("none", dir.toString(), List.of("bind")), dir);
            }
            Mounts.makePrivate(dir);
        } catch (IOException e) {
            throw new BerthException.Internal("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Start-up: releases every sandbox on disk that no running container uses ({@code inUse} are
     * names), then starts filling the pool.
     */
    public void start(Set<String> inUse) {
        try (var list = Files.list(dir)) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".json") || inUse.contains(name)) continue;
                unwire(name);
            }
        } catch (IOException e) {
            // nothing to sweep
        }
        refill();
    }

    /** A wired sandbox for a container: from the pool, or made now if the pool is empty. */
    public Sandbox take() {
        Sandbox s = ready.pollFirst();
        if (s == null) s = wire();
        refillLater();
        return s;
    }

    /**
     * A namespace made for one container, outside the pool: one on user-defined networks (lo only
     * here, the networks are added by {@link Endpoints}), or on the default bridge with a MAC of
     * its own ({@code --mac-address}).
     */
    public Sandbox create(boolean onBridge, String mac) {
        return wire(onBridge, mac);
    }

    /** Gives a sandbox back: its address is released and its namespace removed, in the background. */
    public void release(Sandbox s) {
        Thread t = Thread.ofVirtual().name("sandbox-release").unstarted(() -> unwire(s.name()));
        releasing.add(t);
        t.start();
    }

    /** The sandbox a container recorded, when the daemon restarts. */
    public java.util.Optional<Sandbox> load(String name) {
        try {
            Path meta = dir.resolve(name + ".json");
            if (!Files.exists(meta)) return java.util.Optional.empty();
            return java.util.Optional.of(Json.read(Files.readAllBytes(meta), Sandbox.class));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private void refill() {
        startFiller(0);
    }

    /**
     * After a take the refill waits a moment: wiring runs three plugins and would otherwise compete
     * for the CPU with the container start that just took a sandbox.
     */
    private void refillLater() {
        startFiller(REFILL_DELAY_MS);
    }

    private void startFiller(long delayMs) {
        synchronized (fillLock) {
            if (closed || (filler != null && filler.isAlive())) return;
            filler = Thread.ofVirtual().name("sandbox-fill").start(() -> {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    return;
                }
                while (!closed && ready.size() < target) {
                    try {
                        ready.addLast(wire());
                    } catch (RuntimeException e) {
                        return; // a later take() wires synchronously and reports the error
                    }
                }
            });
        }
    }

    private Sandbox wire() {
        return wire(true, "");
    }

    private Sandbox wire(boolean onBridge, String mac) {
        byte[] raw = new byte[8];
        random.nextBytes(raw);
        String name = "sb-" + HexFormat.of().formatHex(raw);
        Path netns = dir.resolve(name);
        try {
            Files.createFile(netns); // the bind-mount target
            run(List.of("unshare", "--net=" + netns, "true"));
            Endpoint ep;
            if (onBridge) {
                ep = bridge.attach(name, netns.toString(), mac);
            } else {
                bridge.loopbackUp(name, netns.toString());
                ep = Endpoint.NONE;
            }
            Sandbox s = new Sandbox(name, netns, ep);
            dev.berth.common.io.AtomicFiles.write(dir.resolve(name + ".json"), Json.bytes(s));
            return s;
        } catch (IOException | RuntimeException e) {
            unwire(name);
            if (e instanceof BerthException be) throw be;
            throw new BerthException.Internal("cannot create a network namespace: " + e.getMessage(), e);
        }
    }

    private void unwire(String name) {
        try {
            unwireNow(name);
        } finally {
            releasing.remove(Thread.currentThread());
        }
    }

    private void unwireNow(String name) {
        Path netns = dir.resolve(name);
        if (Files.exists(netns)) bridge.detach(name, netns.toString());
        Mounts.unmount(netns);
        try {
            Files.deleteIfExists(netns);
            Files.deleteIfExists(dir.resolve(name + ".json"));
        } catch (IOException ignored) {
            // swept at the next start
        }
    }

    private static void run(List<String> cmd) throws IOException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new IOException(String.join(" ", cmd) + ": " + out.trim());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    /** Unwires the sandboxes still waiting in the pool (daemon shutdown). */
    @Override
    public void close() {
        closed = true;
        Thread f;
        synchronized (fillLock) {
            f = filler;
        }
        if (f != null) {
            f.interrupt();
            try {
                f.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Sandbox s;
        while ((s = ready.pollFirst()) != null) unwire(s.name());
        for (Thread t : releasing) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True when no sandbox is in use or pending: the pool's own mount can go (daemon shutdown). */
    public void unmountIfEmpty() {
        try (var list = Files.list(dir)) {
            if (list.findAny().isEmpty()) Mounts.unmount(dir);
        } catch (IOException ignored) {
            // left for the next start
        }
    }
}
