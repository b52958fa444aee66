package dev.berth.engine.volume;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;
import dev.berth.engine.metadata.MetadataStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Volume records in the metadata store and their directories, {@code <root>/<name>/_data}.
 *
 * <p>The record is what makes a volume exist. A create makes the directory, then the record; a
 * removal deletes the record, then the directory. So a directory without a record is either a
 * create that never finished (empty) or a removal the user asked for: {@link #strays} lists them
 * for the start-up sweep.
 */
final class VolumeStore {
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
    private final MetadataStore metadata;
    private final Path root;

    VolumeStore(MetadataStore metadata, Path root) {
        this.metadata = metadata;
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new BerthException.Internal("cannot create " + root + ": " + e.getMessage(), e);
        }
    }

    Path root() {
        return root;
    }

    Path dir(String name) {
        return root.resolve(name);
    }

    Path data(String name) {
        return dir(name).resolve("_data");
    }

    Optional<Volume> find(String name) {
        return metadata.queryOne("SELECT name, driver, created, labels, options FROM volumes WHERE name = ?", this::map, name);
    }

    List<Volume> all() {
        return metadata.query("SELECT name, driver, created, labels, options FROM volumes ORDER BY name", this::map);
    }

    void insert(Volume v) {
        metadata.update("INSERT INTO volumes(name, driver, created, labels, options) VALUES (?,?,?,?,?)",
                v.name(), v.driver(), v.createdAt().toEpochMilli(), Json.string(v.labels()), Json.string(v.options()));
    }

    /** Deletes the record; true if there was one. */
    boolean delete(String name) {
        return metadata.update("DELETE FROM volumes WHERE name = ?", name) > 0;
    }

    /** Directories under the root that no record owns (berth's own dot-directories aside). */
    List<Path> strays() {
        try (var list = Files.list(root)) {
            return list.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> find(p.getFileName().toString()).isEmpty())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private Volume map(java.sql.ResultSet rs) throws java.sql.SQLException {
        String name = rs.getString("name");
        return new Volume(name, rs.getString("driver"), Instant.ofEpochMilli(rs.getLong("created")),
                stringMap(rs.getString("labels")), stringMap(rs.getString("options")), data(name));
    }

    private static Map<String, String> stringMap(String json) {
        try {
            return Json.MAPPER.readValue(json, STRING_MAP);
        } catch (IOException e) {
            throw new BerthException.Internal("corrupt volume record: " + e.getMessage(), e);
        }
    }
}
