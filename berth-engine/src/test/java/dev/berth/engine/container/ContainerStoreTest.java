package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;
import dev.berth.engine.metadata.MetadataStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store against a real SQLite file: lookups come from memory, and memory never disagrees with the file. */
class ContainerStoreTest {
    @TempDir
    Path dir;
    private MetadataStore metadata;
    private ContainerStore store;

    @BeforeEach
    void open() {
        metadata = new MetadataStore(dir.resolve("berth.db"));
        store = new ContainerStore(metadata);
    }

    @AfterEach
    void close() {
        metadata.close();
    }

    private static ContainerSpec spec(String id, String name, long created) {
        ContainerSpec.HostSettings host = new ContainerSpec.HostSettings(false, ContainerSpec.RestartPolicy.NO, null, null, false,
                List.of(), List.of(), false, false, "default", List.of(), Map.of(), "json-file", Map.of(), 0, 0, null, null);
        return new ContainerSpec(id, name, "sha256:feedface", "busybox", Instant.ofEpochMilli(created), "h", "", "",
                List.of(), List.of(), List.of("true"), "", false, false, false, Map.of(), null, null, List.of(), host, null, null);
    }

    private static String id(String prefix) {
        return (prefix + "0".repeat(64)).substring(0, 64);
    }

    @Test
    void findsByIdNameAndUniquePrefixLikeDocker() {
        store.insert(spec(id("abc1"), "web", 1), ContainerState.created());
        store.insert(spec(id("abc2"), "db", 2), ContainerState.created());
        assertEquals("web", store.get(id("abc1")).spec().name());
        assertEquals(id("abc2"), store.get("db").spec().id());
        assertEquals(id("abc2"), store.get("/db").spec().id());
        assertEquals(id("abc1"), store.get("abc1").spec().id());
        assertTrue(store.find("abc").isEmpty(), "an ambiguous prefix finds nothing");
        assertEquals("No such container: nope", assertThrows(BerthException.NotFound.class, () -> store.get("nope")).getMessage());
        assertEquals(List.of("db", "web"), store.all().stream().map(e -> e.spec().name()).toList(), "newest first");
    }

    @Test
    void everyChangeIsInTheFileToo() {
        store.insert(spec(id("a1"), "one", 1), ContainerState.created());
        store.insert(spec(id("b2"), "two", 2), ContainerState.created());
        ContainerState running = ContainerState.created().running(42, Instant.ofEpochMilli(5));
        store.saveState(id("a1"), running);
        store.rename(id("b2"), "three", spec(id("b2"), "three", 2));
        store.insert(spec(id("c3"), "two", 3), ContainerState.created()); // the old name is free again
        store.delete(id("c3"));

        ContainerStore reopened = new ContainerStore(metadata);
        for (ContainerStore s : List.of(store, reopened)) {
            assertEquals(42, s.get("one").state().pid());
            assertEquals(id("b2"), s.get("three").spec().id());
            assertTrue(s.find("two").isEmpty());
            assertTrue(s.find(id("c3")).isEmpty());
            assertEquals(2, s.all().size());
        }
    }

    @Test
    void aTakenNameIsAConflictAndChangesNothing() {
        store.insert(spec(id("a1"), "web", 1), ContainerState.created());
        store.insert(spec(id("b2"), "db", 2), ContainerState.created());
        var e = assertThrows(BerthException.Conflict.class, () -> store.insert(spec(id("c3"), "web", 3), ContainerState.created()));
        assertEquals("Conflict. The container name \"/web\" is already in use by container \"" + id("a1")
                + "\". You have to remove (or rename) that container to be able to reuse that name.", e.getMessage());
        assertThrows(BerthException.Conflict.class, () -> store.rename(id("b2"), "web", spec(id("b2"), "web", 2)));
        assertEquals(id("a1"), store.get("web").spec().id());
        assertEquals(id("b2"), store.get("db").spec().id());
        assertTrue(store.find(id("c3")).isEmpty());
        assertEquals(2, new ContainerStore(metadata).all().size());
    }
}
