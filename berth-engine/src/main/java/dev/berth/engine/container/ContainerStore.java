package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;
import dev.berth.engine.metadata.MetadataStore;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Persists container specs and states in the metadata store; resolves names, ids and prefixes. */
public final class ContainerStore {
    private final MetadataStore metadata;

    public ContainerStore(MetadataStore metadata) {
        this.metadata = metadata;
    }

    /** A container as stored. */
    public record Entry(ContainerSpec spec, ContainerState state) {}

    public void insert(ContainerSpec spec, ContainerState state) {
        try {
            metadata.update("INSERT INTO containers(id, name, created, spec, state) VALUES (?,?,?,?,?)",
                    spec.id(), spec.name(), spec.created().toEpochMilli(), Json.string(spec), Json.string(state));
        } catch (BerthException.AlreadyExists e) {
            String owner = metadata.queryOne("SELECT id FROM containers WHERE name = ?", rs -> rs.getString(1), spec.name()).orElse("");
            throw new BerthException.Conflict("Conflict. The container name \"/" + spec.name() + "\" is already in use by container \""
                    + owner + "\". You have to remove (or rename) that container to be able to reuse that name.");
        }
    }

    public void saveState(String id, ContainerState state) {
        metadata.update("UPDATE containers SET state = ? WHERE id = ?", Json.string(state), id);
    }

    public void rename(String id, String newName, ContainerSpec newSpec) {
        try {
            metadata.update("UPDATE containers SET name = ?, spec = ? WHERE id = ?", newName, Json.string(newSpec), id);
        } catch (BerthException.AlreadyExists e) {
            String owner = metadata.queryOne("SELECT id FROM containers WHERE name = ?", rs -> rs.getString(1), newName).orElse("");
            throw new BerthException.Conflict("Conflict. The container name \"/" + newName + "\" is already in use by container \""
                    + owner + "\". You have to remove (or rename) that container to be able to reuse that name.");
        }
    }

    public void delete(String id) {
        metadata.update("DELETE FROM containers WHERE id = ?", id);
    }

    private static Entry map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Entry(Json.read(rs.getString(1).getBytes(StandardCharsets.UTF_8), ContainerSpec.class),
                Json.read(rs.getString(2).getBytes(StandardCharsets.UTF_8), ContainerState.class));
    }

    public List<Entry> all() {
        return metadata.query("SELECT spec, state FROM containers ORDER BY created DESC", ContainerStore::map);
    }

    /** Finds by full id, name (with or without '/'), or unique id prefix, in Docker's order. */
    public Optional<Entry> find(String ref) {
        if (ref == null || ref.isEmpty()) return Optional.empty();
        Optional<Entry> byId = metadata.queryOne("SELECT spec, state FROM containers WHERE id = ?", ContainerStore::map, ref);
        if (byId.isPresent()) return byId;
        Optional<Entry> byName = metadata.queryOne("SELECT spec, state FROM containers WHERE name = ?", ContainerStore::map, Names.strip(ref));
        if (byName.isPresent()) return byName;
        if (ref.matches("[0-9a-f]+")) {
            List<Entry> byPrefix = metadata.query("SELECT spec, state FROM containers WHERE id LIKE ?", ContainerStore::map, ref + "%");
            if (byPrefix.size() == 1) return Optional.of(byPrefix.getFirst());
        }
        return Optional.empty();
    }

    public Entry get(String ref) {
        return find(ref).orElseThrow(() -> new BerthException.NotFound("No such container: " + ref));
    }
}
