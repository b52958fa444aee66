package dev.berth.engine.container;

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
 * Persists container specs and states in the metadata store; resolves names, ids and prefixes.
 *
 * <p>SQLite is the record; every container is also held here, parsed, as dockerd holds its own.
 * Lookups are on every API call (a {@code docker run} makes a dozen), and reading and parsing a
 * row each time was a large part of berthd's own share of that run. Every change goes to the
 * database first and, once committed, to the maps, under one lock, so the two cannot disagree.
 */
public final class ContainerStore {
    private final MetadataStore metadata;
    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByName = new ConcurrentHashMap<>();

    public ContainerStore(MetadataStore metadata) {
        this.metadata = metadata;
        for (Entry e : metadata.query("SELECT spec, state FROM containers", ContainerStore::map)) remember(e);
    }

    /** A container as stored. */
    public record Entry(ContainerSpec spec, ContainerState state) {}

    public synchronized void insert(ContainerSpec spec, ContainerState state) {
        try {
            metadata.update("INSERT INTO containers(id, name, created, spec, state) VALUES (?,?,?,?,?)",
                    spec.id(), spec.name(), spec.created().toEpochMilli(), Json.string(spec), Json.string(state));
        } catch (BerthException.AlreadyExists e) {
            throw nameInUse(spec.name());
        }
        remember(new Entry(spec, state));
    }

    public synchronized void saveState(String id, ContainerState state) {
        metadata.update("UPDATE containers SET state = ? WHERE id = ?", Json.string(state), id);
        byId.computeIfPresent(id, (k, e) -> new Entry(e.spec(), state));
    }

    public synchronized void rename(String id, String newName, ContainerSpec newSpec) {
        try {
            metadata.update("UPDATE containers SET name = ?, spec = ? WHERE id = ?", newName, Json.string(newSpec), id);
        } catch (BerthException.AlreadyExists e) {
            throw nameInUse(newName);
        }
        Entry old = byId.get(id);
        if (old == null) return;
        idByName.remove(old.spec().name(), id);
        remember(new Entry(newSpec, old.state()));
    }

    /** Replaces a container's spec (docker update), keeping its name and state. */
    public synchronized void updateSpec(String id, ContainerSpec newSpec) {
        metadata.update("UPDATE containers SET spec = ? WHERE id = ?", Json.string(newSpec), id);
        byId.computeIfPresent(id, (k, e) -> new Entry(newSpec, e.state()));
    }

    public synchronized void delete(String id) {
        metadata.update("DELETE FROM containers WHERE id = ?", id);
        Entry old = byId.remove(id);
        if (old != null) idByName.remove(old.spec().name(), id);
    }

    private void remember(Entry e) {
        byId.put(e.spec().id(), e);
        idByName.put(e.spec().name(), e.spec().id());
    }

    private BerthException nameInUse(String name) {
        String owner = idByName.getOrDefault(name, "");
        return new BerthException.Conflict("Conflict. The container name \"/" + name + "\" is already in use by container \""
                + owner + "\". You have to remove (or rename) that container to be able to reuse that name.");
    }

    private static Entry map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Entry(LegacySpecs.read(rs.getString(1)),
                Json.read(rs.getString(2).getBytes(StandardCharsets.UTF_8), ContainerState.class));
    }

    /** Every container, newest first. */
    public List<Entry> all() {
        List<Entry> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing((Entry e) -> e.spec().created()).reversed().thenComparing(e -> e.spec().id()));
        return all;
    }

    /** Finds by full id, name (with or without '/'), or unique id prefix, in Docker's order. */
    public Optional<Entry> find(String ref) {
        if (ref == null || ref.isEmpty()) return Optional.empty();
        Entry byFullId = byId.get(ref);
        if (byFullId != null) return Optional.of(byFullId);
        String named = idByName.get(Names.strip(ref));
        if (named != null && byId.get(named) instanceof Entry e) return Optional.of(e);
        if (ref.matches("[0-9a-f]+")) {
            Entry only = null;
            for (Map.Entry<String, Entry> x : byId.entrySet()) {
                if (!x.getKey().startsWith(ref)) continue;
                if (only != null) return Optional.empty(); // ambiguous
                only = x.getValue();
            }
            return Optional.ofNullable(only);
        }
        return Optional.empty();
    }

    public Entry get(String ref) {
        return find(ref).orElseThrow(() -> new BerthException.NotFound("No such container: " + ref));
    }
}
