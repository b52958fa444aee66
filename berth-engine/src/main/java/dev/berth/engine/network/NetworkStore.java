package dev.berth.engine.network;

import dev.berth.common.errors.BerthException;
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
 * User-defined networks in {@code berth.db}'s {@code networks} table, also held parsed in memory
 * (written through, database first) since every container start looks its networks up.
 */
public final class NetworkStore {
    private final MetadataStore metadata;
    private final Map<String, NetworkConfig> byId = new ConcurrentHashMap<>();

    public NetworkStore(MetadataStore metadata) {
        this.metadata = metadata;
        for (NetworkConfig n : metadata.query("SELECT config FROM networks",
                rs -> Json.read(rs.getString(1).getBytes(StandardCharsets.UTF_8), NetworkConfig.class))) {
            byId.put(n.id(), n);
        }
    }

    public synchronized void insert(NetworkConfig n) {
        try {
            metadata.update("INSERT INTO networks(id, name, created, config) VALUES (?,?,?,?)",
                    n.id(), n.name(), n.created().toEpochMilli(), Json.string(n));
        } catch (BerthException.AlreadyExists e) {
            throw new BerthException.Conflict("network with name " + n.name() + " already exists");
        }
        byId.put(n.id(), n);
    }

    public synchronized void delete(String id) {
        metadata.update("DELETE FROM networks WHERE id = ?", id);
        byId.remove(id);
    }

    /** Oldest first. */
    public List<NetworkConfig> all() {
        List<NetworkConfig> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(NetworkConfig::created).thenComparing(NetworkConfig::id));
        return all;
    }

    public Optional<NetworkConfig> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * dockerd's lookup: full id, then exact name, then unique id prefix; {@code Optional.empty()}
     * when nothing matches, InvalidArgument when a prefix is ambiguous.
     */
    public Optional<NetworkConfig> find(String ref) {
        if (ref == null || ref.isEmpty()) return Optional.empty();
        NetworkConfig full = byId.get(ref);
        if (full != null) return Optional.of(full);
        for (NetworkConfig n : byId.values()) if (n.name().equals(ref)) return Optional.of(n);
        List<NetworkConfig> prefixed = byId.values().stream().filter(n -> n.id().startsWith(ref)).toList();
        if (prefixed.size() > 1) {
            throw new BerthException.InvalidArgument("network " + ref + " is ambiguous (" + prefixed.size() + " matches found based on ID prefix)");
        }
        return prefixed.stream().findFirst();
    }
}
