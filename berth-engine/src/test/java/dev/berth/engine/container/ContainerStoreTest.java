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

    @Test
    void aRecordWrittenBeforeTheResourceSetKeepsItsLimits() {
        // host settings as berthd stored them before ResourceLimits: six limits of their own, no "resources"
        String old = """
                {"id":"%s","name":"old","imageId":"sha256:feedface","imageName":"busybox","created":"1970-01-01T00:00:00.007Z",
                 "hostname":"h","domainname":"","user":"","env":[],"entrypoint":[],"cmd":["true"],"workingDir":"","tty":false,
                 "openStdin":false,"stdinOnce":false,"labels":{},"stopSignal":null,"stopTimeout":null,"exposedPorts":[],
                 "host":{"autoRemove":false,"restartPolicy":{"name":"always","maximumRetryCount":0},"memoryBytes":67108864,
                  "memorySwapBytes":134217728,"nanoCpus":500000000,"cpuShares":512,"pidsLimit":50,"readonlyRootfs":true,
                  "capAdd":[],"capDrop":[],"privileged":false,"init":false,"networkMode":"default","binds":[],"tmpfs":{},
                  "logDriver":"json-file","logOptions":{},"consoleHeight":0,"consoleWidth":0,"shmSize":1048576,
                  "security":null,"kernel":{"pidMode":"host","utsMode":"","ipcMode":"","cgroupnsMode":"","groupAdd":[],"ulimits":[],"sysctls":{}}},
                 "healthCheck":null,"attach":null}""".formatted(id("0ld"));
        metadata.update("INSERT INTO containers(id, name, created, spec, state) VALUES (?,?,?,?,?)", id("0ld"), "old", 7L, old,
                dev.berth.common.json.Json.string(ContainerState.created()));
        ContainerSpec.HostSettings host = new ContainerStore(metadata).get("old").spec().host();
        ResourceLimits r = host.resources();
        assertEquals(List.of(67108864L, 134217728L, 500000000L, 512L, 50L, 1048576L),
                List.of(r.memory(), r.memorySwap(), r.nanoCpus(), r.cpuShares(), r.pidsLimit(), r.shmSize()));
        assertEquals(DeviceAccess.NONE, host.devices());
        assertEquals("always", host.restartPolicy().name());
        assertEquals("host", host.kernel().pidMode());
        assertTrue(host.readonlyRootfs());
        assertEquals(0, host.kernel().oomScoreAdj());
    }

    @Test
    void theWholeResourceSetRoundTrips() {
        ResourceLimits limits = new ResourceLimits(64L << 20, 32L << 20, 128L << 20, 10L, 0, 512, 50_000, 25_000, 0, 0, "0", "0",
                -1L, 300, true, 1 << 20);
        DeviceAccess devices = new DeviceAccess(List.of(new DeviceAccess.Mapping("/dev/null", "/dev/mynull", "rw")), List.of("c 42:* rmw"));
        ContainerSpec base = spec(id("d4"), "full", 4);
        store.insert(base.withHost(base.host().withResources(limits)), ContainerState.created());
        ContainerSpec withDevices = base.withHost(new ContainerSpec.HostSettings(false, ContainerSpec.RestartPolicy.NO, limits, devices,
                false, List.of(), List.of(), false, false, "default", List.of(), Map.of(), "json-file", Map.of(), 0, 0, null,
                new KernelSettings("", "", "", "", List.of(), List.of(), Map.of(), 300)));
        store.updateSpec(id("d4"), withDevices);
        ContainerSpec.HostSettings read = new ContainerStore(metadata).get("full").spec().host();
        assertEquals(limits, read.resources());
        assertEquals(devices, read.devices());
        assertEquals(300, read.kernel().oomScoreAdj());
    }
}
