package dev.berth.engine.network.ports;

import dev.berth.common.errors.BerthException;
import dev.berth.common.io.AtomicFiles;
import dev.berth.common.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes a container's ports while it runs: takes the host ports ({@link HostPortReservations}),
 * then installs the DNAT rules ({@link PortRules}) in one iptables-restore, and records what it did in
 * {@code <dir>/<container id>.json}. The rules live in the kernel, so forwarding survives a daemon
 * crash; the record lets the next daemon take the host ports again ({@link #adopt}) or remove the
 * rules of a container that is gone ({@link #unpublish}, {@link #sweep}). The record sits under the
 * exec root (a tmpfs): after a reboot neither it nor the rules exist.
 *
 * <p>Lifecycle: {@code publish} at start (before the container runs) → {@code unpublish} at exit,
 * failed start or removal; at daemon start-up {@code adopt} for each live container, then
 * {@code sweep}; {@code teardown(bridge)} when the daemon removes a bridge.
 */
public final class PortPublisher {
    private final Path dir;
    private final Iptables iptables = new Iptables();
    private final HostPortReservations reservations = new HostPortReservations();
    private final Map<String, Publication> published = new ConcurrentHashMap<>();
    private final Set<String> readyBridges = ConcurrentHashMap.newKeySet();

    public PortPublisher(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BerthException.Internal("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Takes the host ports and installs the forwarding of a starting container; nothing is left
     * when it fails (dockerd's messages: "Bind for 0.0.0.0:8080 failed: port is already allocated").
     */
    public List<PublishedPort> publish(String containerId, PortTarget target, List<RequestedPort> wanted) {
        if (wanted.isEmpty()) return List.of();
        String label = "driver failed programming external connectivity on endpoint " + target.endpointName()
                + " (" + target.endpointId() + "): ";
        List<PublishedPort> ports = new ArrayList<>();
        try {
            for (RequestedPort w : wanted) {
                int hostPort = reservations.reserve(containerId, w, label);
                ports.add(new PublishedPort(w.proto(), w.containerPort(), w.hostIp(), hostPort));
            }
            ensureBridge(target.bridge(), target.subnet());
            Publication p = new Publication(containerId, target.bridge(), target.containerIp(), ports);
            // recorded before the rules exist: a crash in between leaves a record whose rules are removed tolerantly
            AtomicFiles.replace(file(containerId), Json.bytes(p));
            published.put(containerId, p);
            iptables.restore(PortRules.restoreInput("-A", p.rules()));
            return List.copyOf(ports);
        } catch (RuntimeException e) {
            unpublish(containerId);
            if (e instanceof BerthException be) throw be;
            throw new BerthException.Internal("cannot publish ports: " + e.getMessage(), e);
        }
    }

    /** Removes a container's rules and frees its host ports; idempotent, also for a record left by an earlier daemon. */
    public void unpublish(String containerId) {
        Publication p = published.remove(containerId);
        if (p == null) p = load(containerId).orElse(null);
        reservations.release(containerId);
        if (p != null) removeRules(p);
        try {
            Files.deleteIfExists(file(containerId));
        } catch (IOException ignored) {
            // swept at the next start
        }
    }

    /** The ports a running container publishes. */
    public List<PublishedPort> published(String containerId) {
        Publication p = published.get(containerId);
        return p == null ? List.of() : p.ports();
    }

    /**
     * Start-up, for a container found alive: its rules are still in the kernel; its host ports are
     * taken again. A port something else took while the daemon was down is reported, not fatal.
     */
    public void adopt(String containerId) {
        load(containerId).ifPresent(p -> {
            published.put(containerId, p);
            readyBridges.remove(p.bridge()); // re-checked (idempotently) at the next publish
            for (String failure : reservations.retake(containerId, p.ports())) {
                System.err.println("berthd: container " + containerId + ": cannot hold its published port again: " + failure);
            }
        });
    }

    /** Start-up, after every live container was adopted: removes the rules of every other record. */
    public void sweep() {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".json")) continue;
                String id = name.substring(0, name.length() - ".json".length());
                if (!published.containsKey(id)) unpublish(id);
            }
        } catch (IOException e) {
            // nothing recorded
        }
    }

    /**
     * Removes a bridge's chain and shared rules (the bridge goes; no container publishes on it any
     * more). Found in {@code iptables-save} by chain and comment, so rules an earlier daemon added
     * go too, whatever subnet they named.
     */
    public void teardown(String bridge) {
        List<PortRules.Rule> mine = PortRules.ownedBy(bridge, iptables.saveNat());
        if (!mine.isEmpty()) {
            try {
                iptables.restore(PortRules.restoreInput("-D", mine));
            } catch (BerthException e) {
                for (PortRules.Rule r : mine) iptables.nat("-D", r);
            }
        }
        iptables.nat("-X", PortRules.chain(bridge));
        readyBridges.remove(bridge);
    }

    /** Daemon shutdown: the sockets go with the process anyway; rules of running containers stay. */
    public void close() {
        reservations.releaseAll();
    }

    private void ensureBridge(String bridge, String subnet) {
        if (readyBridges.contains(bridge)) return;
        synchronized (readyBridges) {
            if (readyBridges.contains(bridge)) return;
            iptables.nat("-N", PortRules.chain(bridge)); // fails when it exists: fine
            for (PortRules.Rule r : PortRules.bridgeRules(bridge, subnet)) {
                if (!iptables.nat("-C", r) && !iptables.nat("-A", r)) {
                    throw new BerthException.Internal("cannot add the port forwarding rule " + r.line("-A"));
                }
            }
            try {
                // a 127.0.0.1 source may then leave through the bridge (to be masqueraded): localhost reaches published ports
                Files.writeString(Path.of("/proc/sys/net/ipv4/conf", bridge, "route_localnet"), "1");
            } catch (IOException e) {
                throw new BerthException.Internal("cannot enable route_localnet on " + bridge + ": " + e.getMessage(), e);
            }
            readyBridges.add(bridge);
        }
    }

    private void removeRules(Publication p) {
        List<PortRules.Rule> rules = p.rules();
        if (rules.isEmpty()) return;
        try {
            iptables.restore(PortRules.restoreInput("-D", rules));
        } catch (BerthException e) {
            // some were never added (a failed start) or already removed: one by one, tolerating absence
            for (PortRules.Rule r : rules) iptables.nat("-D", r);
        }
    }

    private Optional<Publication> load(String containerId) {
        Path f = file(containerId);
        try {
            return Files.exists(f) ? Optional.of(Json.read(Files.readAllBytes(f), Publication.class)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Path file(String containerId) {
        return dir.resolve(containerId + ".json");
    }
}
