package dev.berth.engine.volume;

import dev.berth.common.errors.BerthException;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.metadata.MetadataStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Docker's rules for -v, --mount, --volumes-from and VOLUME, over a real volume store in a temp dir. */
class MountPlannerTest {
    @TempDir
    Path dir;
    private MetadataStore metadata;
    private Volumes volumes;
    private MountPlanner planner;

    @BeforeEach
    void open() {
        metadata = new MetadataStore(dir.resolve("berth.db"));
        volumes = new Volumes(metadata, dir.resolve("volumes"), new EventBus());
        planner = new MountPlanner(volumes);
    }

    @AfterEach
    void close() {
        metadata.close();
    }

    private MountPoint bind(String raw) {
        return planner.bind(raw, new ArrayList<>());
    }

    private String error(String raw) {
        return assertThrows(BerthException.InvalidArgument.class, () -> bind(raw)).getMessage();
    }

    @Test
    void bindsAreSourceDestinationAndMode() {
        MountPoint b = bind("/srv/data/:/data:ro");
        assertEquals(MountPoint.BIND, b.type());
        assertEquals("/srv/data", b.source());
        assertEquals("/data", b.destination());
        assertFalse(b.rw());
        assertEquals("ro", b.mode());
        assertEquals("rprivate", b.propagation());
        assertTrue(b.createHostPath(), "-v makes a missing source");
        assertEquals("rslave", bind("/a:/b:rslave,z").propagation());
        assertTrue(bind("/a:/b:cached").rw(), "consistency words are accepted");
    }

    @Test
    void aNameIsAVolumeCreatedWhenMissingAndShownWithModeZ() {
        MountPoint v = bind("cache:/cache");
        assertEquals(MountPoint.VOLUME, v.type());
        assertEquals("cache", v.name());
        assertEquals("z", v.mode());
        assertTrue(v.copyData());
        assertTrue(volumes.find("cache").isPresent());
        assertFalse(bind("cache:/c2:nocopy").copyData());
        MountPoint anonymous = bind("/only/dest");
        assertTrue(volumes.inspect(anonymous.name()).anonymous());
        assertEquals("", anonymous.mode());
    }

    @Test
    void malformedBindsGetDockersMessages() {
        assertEquals("invalid volume specification: '/data:ro'", error("/data:ro"));
        assertEquals("invalid volume specification: ':/x'", error(":/x"));
        assertEquals("invalid volume specification: 'a:b:c:d'", error("a:b:c:d"));
        assertEquals("invalid mode: ro,rw", error("/a:/b:ro,rw"));
        assertEquals("invalid mode: bogus", error("/a:/b:bogus"));
        assertEquals("invalid volume specification: '/a:rel': invalid mount config for type \"bind\": invalid mount path: 'rel' mount path must be absolute", error("/a:rel"));
        assertEquals("invalid volume specification: '/a:/': invalid mount config for type \"bind\": invalid specification: destination can't be '/'", error("/a:/"));
        assertEquals("invalid volume specification: '/a:/b:nocopy': invalid mount config for type \"bind\": field VolumeOptions must not be specified", error("/a:/b:nocopy"));
        assertEquals("invalid volume specification: 'v:/b:shared': invalid mount config for type \"volume\": field BindOptions must not be specified", error("v:/b:shared"));
        assertTrue(error("./rel:/x").startsWith("create ./rel: \"./rel\" includes invalid characters for a local volume name"));
    }

    @Test
    void precedenceAndDuplicates() {
        MountRequests req = new MountRequests(List.of("/host:/data"), List.of(), List.of("/data", "/cache"), List.of("src:ro"));
        MountPoint inherited = new MountPoint(MountPoint.VOLUME, "", "shared", "/logs", "local", "z", true, "", true, false, 0, 0);
        MountPlanner.Plan plan = planner.plan(req, List.of("/img"), Set.of("/tmp"), ref -> List.of(inherited));
        assertEquals(List.of("/logs", "/data", "/img", "/cache"), plan.mounts().stream().map(MountPoint::destination).toList());
        MountPoint logs = plan.mounts().getFirst();
        assertFalse(logs.rw(), "--volumes-from c:ro makes the copy read-only");
        assertFalse(logs.copyData(), "inherited volumes are never copied into");
        assertEquals(MountPoint.BIND, plan.mounts().get(1).type(), "-v wins over the VOLUME at the same place");
        assertEquals(2, plan.createdVolumes().size(), "an anonymous volume for /img and /cache");

        var dup = assertThrows(BerthException.InvalidArgument.class, () -> planner.plan(new MountRequests(List.of("a1:/x"),
                List.of(new MountRequest("volume", "a2", "/x", false, "", false, false, Map.of(), "", Map.of(), 0, 0)), List.of(), List.of()),
                List.of(), Set.of(), ref -> List.of()));
        assertEquals("Duplicate mount point: /x", dup.getMessage());
        assertTrue(volumes.find("a1").isEmpty(), "a failed plan removes the volumes it made");
        assertThrows(BerthException.InvalidArgument.class, () -> planner.plan(new MountRequests(List.of("/h:/tmp"), List.of(), List.of(), List.of()),
                List.of(), Set.of("/tmp"), ref -> List.of()), "a bind over a --tmpfs is a duplicate");
    }

    @Test
    void apiMountsAreCheckedAsDockerChecksThem() {
        var missing = assertThrows(BerthException.InvalidArgument.class, () -> planner.mount(new MountRequest("bind", dir.resolve("nope").toString(), "/x",
                false, "", false, false, Map.of(), "", Map.of(), 0, 0), new ArrayList<>()));
        assertEquals("invalid mount config for type \"bind\": bind source path does not exist: " + dir.resolve("nope"), missing.getMessage());
        var anonRo = assertThrows(BerthException.InvalidArgument.class, () -> planner.mount(new MountRequest("volume", "", "/x",
                true, "", false, false, Map.of(), "", Map.of(), 0, 0), new ArrayList<>()));
        assertEquals("invalid mount config for type \"volume\": must not set ReadOnly mode when using anonymous volumes", anonRo.getMessage());
        var unknown = assertThrows(BerthException.InvalidArgument.class, () -> planner.mount(new MountRequest("npipe2", "", "/x",
                false, "", false, false, Map.of(), "", Map.of(), 0, 0), new ArrayList<>()));
        assertEquals("invalid mount config for type \"npipe2\": mount type unknown", unknown.getMessage());
        MountPoint t = planner.mount(new MountRequest("tmpfs", "", "/t/", false, "", false, false, Map.of(), "", Map.of(), 1 << 20, 0700), new ArrayList<>());
        assertEquals("/t", t.destination());
        assertEquals(1 << 20, t.tmpfsSize());
    }

    @Test
    void volumesFromSpecs() {
        assertEquals(List.of("c", "rw"), List.of(MountPlanner.volumesFrom("c")));
        assertEquals(List.of("c", "ro"), List.of(MountPlanner.volumesFrom("c:ro")));
        assertEquals("invalid mode: shared", assertThrows(BerthException.InvalidArgument.class, () -> MountPlanner.volumesFrom("c:shared")).getMessage());
        assertEquals("invalid mode: nocopy", assertThrows(BerthException.InvalidArgument.class, () -> MountPlanner.volumesFrom("c:nocopy")).getMessage());
        assertEquals("volumes-from specification cannot be an empty string",
                assertThrows(BerthException.InvalidArgument.class, () -> MountPlanner.volumesFrom("")).getMessage());
    }

    @Test
    void tmpfsPathsAndOptions() {
        MountPlanner.checkTmpfs(Map.of("/run", "rw,noexec,nosuid,size=65536k,mode=1777"));
        assertEquals("invalid tmpfs option [\"foo\" \"bar=1\"]", assertThrows(BerthException.InvalidArgument.class,
                () -> MountPlanner.checkTmpfs(Map.of("/t", "size=1m,foo,bar=1"))).getMessage());
        assertEquals("invalid mount path: 'rel' mount path must be absolute", assertThrows(BerthException.InvalidArgument.class,
                () -> MountPlanner.checkTmpfs(Map.of("rel", ""))).getMessage());
    }

    @Test
    void localDriverOptions() {
        assertEquals("invalid option: \"foo\"", assertThrows(BerthException.InvalidArgument.class,
                () -> LocalDriverOptions.parse(Map.of("foo", "1"))).getMessage());
        assertEquals("missing required option: \"device\"", assertThrows(BerthException.InvalidArgument.class,
                () -> LocalDriverOptions.parse(Map.of("type", "tmpfs"))).getMessage());
        var bind = LocalDriverOptions.parse(Map.of("type", "none", "o", "bind,ro", "device", "/srv"));
        assertEquals(List.of("bind", "ro"), bind.mount().orElseThrow().options());
        assertFalse(LocalDriverOptions.parse(Map.of()).mounted());
    }

    @Test
    void createIsIdempotentAndUnnamedVolumesAreAnonymous() {
        Volume a = volumes.create("same", "", Map.of("k", "v"), Map.of());
        Volume b = volumes.create("same", "local", Map.of("other", "x"), Map.of());
        assertEquals(a.labels(), b.labels(), "an existing volume is returned as it is");
        assertTrue(volumes.create("", "", Map.of(), Map.of()).anonymous());
        assertEquals("create same: driver 'local' already has volume 'same': volume name must be unique",
                assertThrows(BerthException.Conflict.class, () -> volumes.create("same", "nfs-plugin", Map.of(), Map.of())).getMessage());
    }
}
