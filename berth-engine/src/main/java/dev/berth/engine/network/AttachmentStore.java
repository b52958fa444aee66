package dev.berth.engine.network;

import dev.berth.common.json.Json;
import dev.berth.engine.metadata.MetadataStore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Containers' attachments to user-defined networks, in {@code berth.db}'s {@code endpoints}
 * table (one row per container and network, with the live endpoint while the container runs),
 * held in memory too. A table rather than the container record: attachments change after create
 * (connect, disconnect, every start and exit) while the container's spec never does, and a
 * network's removal and the DNS server ask "who is on this network", which a row per pair answers
 * without reading every container.
 */
public final class AttachmentStore {
    private final MetadataStore metadata;
    /** network id → container id → attachment. */
    private final Map<String, Map<String, Attachment>> byNetwork = new ConcurrentHashMap<>();
    /** Attachment order of a container's networks (its interfaces are numbered in that order). */
    private final Map<String, Long> order = new ConcurrentHashMap<>();
    private long lastSeq;

    public AttachmentStore(MetadataStore metadata) {
        this.metadata = metadata;
        for (Row r : metadata.query("SELECT attachment, seq FROM endpoints",
                rs -> new Row(Json.read(rs.getString(1).getBytes(StandardCharsets.UTF_8), Attachment.class), rs.getLong(2)))) {
            remember(r.a, r.seq);
        }
    }

    private record Row(Attachment a, long seq) {}

    private void remember(Attachment a, long seq) {
        byNetwork.computeIfAbsent(a.networkId(), k -> new ConcurrentHashMap<>()).put(a.containerId(), a);
        order.put(a.containerId() + "/" + a.networkId(), seq);
        lastSeq = Math.max(lastSeq, seq);
    }

    public synchronized void insert(Attachment a) {
        long seq = Math.max(lastSeq + 1, System.currentTimeMillis() * 1000);
        lastSeq = seq;
        metadata.update("INSERT OR REPLACE INTO endpoints(container_id, network_id, seq, attachment) VALUES (?,?,?,?)",
                a.containerId(), a.networkId(), seq, Json.string(a));
        remember(a, seq);
    }

    public synchronized void update(Attachment a) {
        metadata.update("UPDATE endpoints SET attachment = ? WHERE container_id = ? AND network_id = ?",
                Json.string(a), a.containerId(), a.networkId());
        byNetwork.computeIfAbsent(a.networkId(), k -> new ConcurrentHashMap<>()).put(a.containerId(), a);
    }

    public synchronized void delete(String containerId, String networkId) {
        metadata.update("DELETE FROM endpoints WHERE container_id = ? AND network_id = ?", containerId, networkId);
        Map<String, Attachment> m = byNetwork.get(networkId);
        if (m != null) m.remove(containerId);
        order.remove(containerId + "/" + networkId);
    }

    public Optional<Attachment> find(String containerId, String networkId) {
        return Optional.ofNullable(byNetwork.getOrDefault(networkId, Map.of()).get(containerId));
    }

    public List<Attachment> onNetwork(String networkId) {
        List<Attachment> out = new ArrayList<>(byNetwork.getOrDefault(networkId, Map.of()).values());
        out.sort(Comparator.comparing(Attachment::containerId));
        return out;
    }

    /** A container's attachments in the order they were made. */
    public List<Attachment> ofContainer(String containerId) {
        List<Attachment> out = new ArrayList<>();
        for (Map<String, Attachment> m : byNetwork.values()) {
            Attachment a = m.get(containerId);
            if (a != null) out.add(a);
        }
        out.sort(Comparator.comparing(a -> order.getOrDefault(a.containerId() + "/" + a.networkId(), 0L)));
        return out;
    }

    public List<Attachment> all() {
        List<Attachment> out = new ArrayList<>();
        byNetwork.values().forEach(m -> out.addAll(m.values()));
        return out;
    }
}
