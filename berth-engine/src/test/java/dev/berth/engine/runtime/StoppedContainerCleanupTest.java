package dev.berth.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-process runc delete against real runc containers: what it removes, and when it leaves the job to runc. */
@Tag("root")
class StoppedContainerCleanupTest {
    @TempDir
    Path dir;
    private final List<String> made = new ArrayList<>();

    private Path root() {
        return dir.resolve("state");
    }

    /** A busybox bundle whose init runs {@code args}, in a cgroup of the test's own. */
    private Path bundle(String id, String... args) throws Exception {
        Path b = dir.resolve(id);
        Path rootfs = b.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("bin"));
        Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"));
        for (String applet : List.of("sh", "sleep", "true")) Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet), Path.of("busybox"));
        assertEquals(0, new ProcessBuilder("runc", "spec", "--bundle", b.toString()).start().waitFor());
        ObjectNode config = (ObjectNode) Json.tree(Files.readAllBytes(b.resolve("config.json")));
        ObjectNode process = (ObjectNode) config.path("process");
        process.put("terminal", false);
        var argv = process.putArray("args");
        for (String a : args) argv.add(a);
        ((ObjectNode) config.path("linux")).put("cgroupsPath", "/berth-test-cleanup/" + id);
        Files.write(b.resolve("config.json"), Json.bytes(config));
        return b;
    }

    private int runc(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("runc", "--root", root().toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    private String start(String id, String... args) throws Exception {
        Path b = bundle(id, args);
        made.add(id);
        assertEquals(0, runc("create", "--bundle", b.toString(), id));
        assertEquals(0, runc("start", id));
        return id;
    }

    private List<Path> cgroupDirs(String id) throws Exception {
        JsonNode state = Json.tree(Files.readAllBytes(root().resolve(id).resolve("state.json")));
        List<Path> dirs = new ArrayList<>();
        state.path("cgroup_paths").forEach(p -> dirs.add(Path.of(p.asText())));
        return dirs;
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String id : made) runc("delete", "--force", id);
        for (String v : List.of("", "unified/", "systemd/", "memory/", "pids/", "cpu/", "cpuacct/", "cpu,cpuacct/",
                "blkio/", "devices/", "freezer/", "cpuset/", "net_cls/", "net_prio/", "perf_event/", "hugetlb/", "rdma/", "misc/")) {
            Path parent = Path.of("/sys/fs/cgroup/" + v + "berth-test-cleanup");
            if (Files.isDirectory(parent)) Files.delete(parent);
        }
    }

    @Test
    @Timeout(30)
    void removesTheCgroupsAndStateOfAnExitedContainer() throws Exception {
        String id = start("exited-" + ProcessHandle.current().pid(), "true");
        List<Path> cgroups = cgroupDirs(id);
        assertFalse(cgroups.isEmpty());
        // runc reports stopped once init is gone
        for (int i = 0; i < 200 && !stopped(id); i++) Thread.sleep(25);
        assertTrue(stopped(id));

        assertTrue(StoppedContainerCleanup.deleteIfStopped(root(), id));

        assertFalse(Files.exists(root().resolve(id)), "state directory removed");
        for (Path cg : cgroups) assertFalse(Files.exists(cg), cg + " removed");
        assertEquals(1, runc("state", id), "runc no longer knows the container");
    }

    @Test
    @Timeout(30)
    void leavesARunningContainerToRunc() throws Exception {
        String id = start("running-" + ProcessHandle.current().pid(), "sleep", "30");
        List<Path> cgroups = cgroupDirs(id);

        assertFalse(StoppedContainerCleanup.deleteIfStopped(root(), id));

        assertTrue(Files.exists(root().resolve(id).resolve("state.json")));
        for (Path cg : cgroups) assertTrue(Files.exists(cg), cg + " kept");
        new Runc(Path.of("/usr/sbin/runc"), root()).delete(id); // falls back to runc delete --force
        assertFalse(Files.exists(root().resolve(id)));
        for (Path cg : cgroups) assertFalse(Files.exists(cg), cg + " removed by runc");
    }

    @Test
    void aContainerRuncNeverRecordedIsAlreadyGone() {
        assertTrue(StoppedContainerCleanup.deleteIfStopped(root(), "never-created"));
    }

    private boolean stopped(String id) throws Exception {
        Process p = new ProcessBuilder("runc", "--root", root().toString(), "state", id).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.contains("\"stopped\"");
    }
}
