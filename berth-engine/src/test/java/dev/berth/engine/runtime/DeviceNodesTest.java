package dev.berth.engine.runtime;

import dev.berth.common.errors.BerthException;
import dev.berth.oci.runtime.RuntimeSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --device and --device-cgroup-rule in OCI terms, read from this host's real /dev nodes. */
class DeviceNodesTest {
    @TempDir
    Path dir;

    @Test
    void aCharacterDeviceIsReadFromTheHostAndAllowedWithItsPermissions() {
        var r = DeviceNodes.resolve("/dev/null", "/dev/mynull", "rw");
        RuntimeSpec.Device d = r.nodes().getFirst();
        assertEquals("/dev/mynull", d.path());
        assertEquals("c", d.type());
        assertEquals(1, d.major());
        assertEquals(3, d.minor());
        assertEquals(0666, d.fileMode() & 0777);
        assertEquals(List.of(new RuntimeSpec.DeviceRule(true, "c", 1L, 3L, "rw")), r.rules());
    }

    @Test
    void aSymlinkIsFollowedAndADirectoryAddsTheNodesUnderIt() throws Exception {
        Files.createSymbolicLink(dir.resolve("nul"), Path.of("/dev/null"));
        assertEquals(3, DeviceNodes.resolve(dir.resolve("nul").toString(), "/dev/x", "r").nodes().getFirst().minor());
        Files.createDirectories(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("sub/zero"), Path.of("/dev/zero"));
        Files.writeString(dir.resolve("sub/plain"), "not a device");
        // a link under the directory is not followed, as Go's WalkDir does not: nothing is a device there
        var e = assertThrows(BerthException.InvalidArgument.class, () -> DeviceNodes.resolve(dir.toString(), "/dev/d", "rwm"));
        assertTrue(e.getMessage().endsWith(": not a device node"), e.getMessage());
        Path dev = Path.of("/dev");
        var all = DeviceNodes.resolve(dev.toString(), "/hostdev", "r");
        assertTrue(all.nodes().stream().anyMatch(n -> n.path().equals("/hostdev/null") && n.minor() == 3), all.nodes().toString());
        assertEquals(all.nodes().size(), all.rules().size());
    }

    @Test
    void aMissingOrPlainPathGetsDockerdsError() throws Exception {
        var missing = assertThrows(BerthException.InvalidArgument.class, () -> DeviceNodes.resolve("/dev/nope", "/dev/nope", "rwm"));
        assertEquals("error gathering device information while adding custom device \"/dev/nope\": no such file or directory", missing.getMessage());
        Path file = Files.writeString(dir.resolve("f"), "x");
        var plain = assertThrows(BerthException.InvalidArgument.class, () -> DeviceNodes.resolve(file.toString(), "/dev/f", "rwm"));
        assertEquals("error gathering device information while adding custom device \"" + file + "\": not a device node", plain.getMessage());
    }

    @Test
    void deviceNumbersAreSplitAsGlibcSplitsThem() {
        // makedev(259, 1048577): the major's high bits sit above 32, the minor's above 20
        long rdev = ((259L & 0xfffL) << 8) | ((259L & ~0xfffL) << 32) | (1048577L & 0xffL) | ((1048577L & ~0xffL) << 12);
        assertEquals(259, DeviceNodes.major(rdev));
        assertEquals(1048577, DeviceNodes.minor(rdev));
        assertEquals(4095 + 4096, DeviceNodes.major(((8191L & 0xfffL) << 8) | ((8191L & ~0xfffL) << 32)));
    }

    @Test
    void cgroupRulesFollowDockerdsPattern() {
        assertEquals(new RuntimeSpec.DeviceRule(true, "c", 42L, -1L, "rmw"), DeviceCgroupRules.parse("c 42:* rmw"));
        assertEquals(new RuntimeSpec.DeviceRule(true, "a", -1L, -1L, "r"), DeviceCgroupRules.parse("a *:* r"));
        for (String bad : List.of("c 42 rmw", "x 1:1 r", "c 1:1 rwmx", "c 1:1 ", " c 1:1 r", "c -1:1 r")) {
            var e = assertThrows(BerthException.InvalidArgument.class, () -> DeviceCgroupRules.parse(bad));
            assertEquals("invalid device cgroup rule format: '" + bad + "'", e.getMessage());
        }
        var big = assertThrows(BerthException.InvalidArgument.class, () -> DeviceCgroupRules.parse("c 99999999999999999999:1 r"));
        assertEquals("invalid major value in device cgroup rule format: 'c 99999999999999999999:1 r'", big.getMessage());
    }
}
