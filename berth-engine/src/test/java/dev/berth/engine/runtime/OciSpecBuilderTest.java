package dev.berth.engine.runtime;

import dev.berth.common.errors.BerthException;
import dev.berth.oci.runtime.RuntimeSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Docker's defaults and each setting's mark on the OCI spec, from the runtime's own input records. */
class OciSpecBuilderTest {
    @TempDir
    Path rootfs;
    private final OciSpecBuilder builder = new OciSpecBuilder();

    private static final OciSpecBuilder.Process TRUE = new OciSpecBuilder.Process(List.of("true"), "", List.of(), "", false, 0, 0);
    private static final OciSpecBuilder.Confinement DEFAULT = new OciSpecBuilder.Confinement(false, List.of(), List.of(), false, false);
    private static final OciSpecBuilder.Limits NONE = new OciSpecBuilder.Limits(0, 0, 0, 0, 0, 0);

    private RuntimeSpec build(OciSpecBuilder.Process p, OciSpecBuilder.Confinement c, OciSpecBuilder.Limits l, Map<String, String> tmpfs) {
        return builder.build(new OciSpecBuilder.Inputs("c0ffee", "box", p, c, l, tmpfs, rootfs, rootfs.resolve("hosts"),
                rootfs.resolve("hostname"), rootfs.resolve("resolv.conf"), "/run/netns/x", "/berth", 4096, List.of(), Path.of("/usr/bin/tini")));
    }

    @Test
    void dockersDefaults() {
        RuntimeSpec s = build(TRUE, DEFAULT, NONE, Map.of());
        assertEquals(OciSpecBuilder.DEFAULT_CAPS, s.process().capabilities().bounding());
        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME=box"), s.process().env());
        assertEquals("/", s.process().cwd());
        assertEquals(List.of(new RuntimeSpec.Rlimit("RLIMIT_NOFILE", 4096, 4096)), s.process().rlimits(), "never above the host's hard limit");
        assertEquals(List.of("pid", "ipc", "uts", "mount", "network"), s.linux().namespaces().stream().map(RuntimeSpec.Namespace::type).toList());
        assertEquals("/run/netns/x", s.linux().namespaces().getLast().path());
        assertEquals("/berth/c0ffee", s.linux().cgroupsPath());
        assertTrue(s.linux().maskedPaths().contains("/proc/kcore"));
        assertTrue(s.linux().readonlyPaths().contains("/proc/sys"));
        assertNotNull(s.linux().seccomp());
        assertEquals(List.of(new RuntimeSpec.DeviceRule(false, null, null, null, "rwm")), s.linux().resources().devices());
        assertEquals("box", s.hostname());
        assertFalse(s.root().readonly());
        assertTrue(s.mounts().stream().anyMatch(m -> m.destination().equals("/dev/shm") && m.options().contains("size=67108864")));
        assertThrows(BerthException.InvalidArgument.class,
                () -> build(new OciSpecBuilder.Process(List.of(), "", List.of(), "", false, 0, 0), DEFAULT, NONE, Map.of()));
    }

    @Test
    void limitsBecomeCgroupSettings() {
        RuntimeSpec s = build(TRUE, DEFAULT, new OciSpecBuilder.Limits(32L << 20, 0, 500_000_000L, 512, 50, 1 << 20), Map.of());
        assertEquals(new RuntimeSpec.Memory(32L << 20, 64L << 20, null), s.linux().resources().memory(), "swap defaults to twice the memory");
        assertEquals(new RuntimeSpec.Cpu(512L, 50_000L, 100_000L, null), s.linux().resources().cpu());
        assertEquals(new RuntimeSpec.Pids(50), s.linux().resources().pids());
        assertTrue(s.mounts().stream().anyMatch(m -> m.destination().equals("/dev/shm") && m.options().contains("size=1048576")));
        var low = assertThrows(BerthException.InvalidArgument.class, () -> build(TRUE, DEFAULT, new OciSpecBuilder.Limits(4L << 20, 0, 0, 0, 0, 0), Map.of()));
        assertEquals("Minimum memory limit allowed is 6MB", low.getMessage());
    }

    @Test
    void capabilitiesFollowAddDropAndPrivileged() {
        var caps = OciSpecBuilder.capabilities(new OciSpecBuilder.Confinement(false, List.of("net_admin"), List.of("CAP_CHOWN"), false, false));
        assertTrue(caps.contains("CAP_NET_ADMIN"));
        assertFalse(caps.contains("CAP_CHOWN"));
        assertEquals(List.of("CAP_KILL"), OciSpecBuilder.capabilities(new OciSpecBuilder.Confinement(false, List.of("KILL"), List.of("ALL"), false, false)));
        var bad = assertThrows(BerthException.InvalidArgument.class,
                () -> OciSpecBuilder.capabilities(new OciSpecBuilder.Confinement(false, List.of("FLY"), List.of(), false, false)));
        assertEquals("invalid capability: FLY", bad.getMessage());

        RuntimeSpec p = build(TRUE, new OciSpecBuilder.Confinement(true, List.of(), List.of(), true, false), NONE, Map.of());
        assertEquals(OciSpecBuilder.HOST_CAPS, p.process().capabilities().bounding());
        assertNull(p.linux().seccomp());
        assertNull(p.linux().maskedPaths());
        assertNull(p.linux().resources().devices());
        assertTrue(p.mounts().stream().anyMatch(m -> m.destination().equals("/sys") && m.options().contains("rw")));
        assertTrue(p.root().readonly());
    }

    @Test
    void initTtyTmpfsAndUser() throws Exception {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\nweb:x:1000:1001::/home/web:/bin/sh\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\nstaff:x:50:\n");
        RuntimeSpec s = build(new OciSpecBuilder.Process(List.of("sh"), "web:staff", List.of("A=1"), "/srv", true, 20, 90),
                new OciSpecBuilder.Confinement(false, List.of(), List.of(), false, true), NONE, Map.of("/scratch", "size=1m"));
        assertEquals(List.of("/dev/init", "--", "sh"), s.process().args());
        assertTrue(s.mounts().stream().anyMatch(m -> m.destination().equals("/dev/init") && m.source().equals("/usr/bin/tini")));
        assertTrue(s.process().terminal());
        assertEquals(new RuntimeSpec.ConsoleSize(20, 90), s.process().consoleSize());
        assertTrue(s.process().env().contains("TERM=xterm"));
        assertTrue(s.process().env().contains("A=1"));
        assertEquals("/srv", s.process().cwd());
        assertEquals(new RuntimeSpec.User(1000, 50, null), s.process().user());
        assertTrue(s.mounts().stream().anyMatch(m -> m.destination().equals("/scratch") && m.type().equals("tmpfs")
                && m.options().equals(List.of("nosuid", "nodev", "noexec", "size=1m"))));
        var nobody = assertThrows(BerthException.InvalidArgument.class, () -> OciSpecBuilder.resolveUser("nobody", rootfs));
        assertEquals("unable to find user nobody: no matching entries in passwd file", nobody.getMessage());
    }
}
