package dev.berth.engine.diff;

import dev.berth.engine.mount.Syscalls;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpperLayerArchiverTest {
    private static final UpperLayerArchiver.Exclusions NONE = new UpperLayerArchiver.Exclusions(Set.of(), Set.of());

    @TempDir
    Path upper;

    private static List<String> names(byte[] tar) throws Exception {
        List<String> out = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) out.add(e.getName());
        }
        return out;
    }

    private byte[] layer(UpperLayerArchiver.Exclusions ex) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        UpperLayerArchiver.write(upper, ex, out);
        return out.toByteArray();
    }

    @Test
    void runtimeFilesAndWhatIsUnderMountPointsAreLeftOutButMountPointsKept() throws Exception {
        Files.createDirectories(upper.resolve("etc"));
        Files.writeString(upper.resolve("etc/hosts"), "127.0.0.1 localhost\n");
        Files.writeString(upper.resolve("etc/resolv.conf"), "nameserver 1.1.1.1\n");
        Files.createDirectories(upper.resolve("data/sub"));
        Files.writeString(upper.resolve("data/sub/secret"), "s");
        Files.createDirectories(upper.resolve("srv"));
        Files.writeString(upper.resolve("srv/kept"), "k");
        var ex = new UpperLayerArchiver.Exclusions(Set.of("/etc/hosts", "/etc/hostname", "/etc/resolv.conf"), Set.of("/data"));
        // /etc held only the runtime's files: it is no change of the container's
        assertEquals(List.of("data/", "srv/", "srv/kept"), names(layer(ex)));
    }

    @Test
    void nothingChangedIsAnEmptyLayerOfTwoZeroRecords() throws Exception {
        Files.createDirectories(upper.resolve("etc"));
        Files.writeString(upper.resolve("etc/hostname"), "x\n");
        var ex = new UpperLayerArchiver.Exclusions(Set.of("/etc/hostname"), Set.of());
        assertTrue(UpperLayerArchiver.isEmpty(upper, ex));
        // Go's archive/tar writes exactly 1024 zero bytes for an empty archive; dockerd knows that digest
        assertEquals(1024, layer(ex).length);
        assertTrue(UpperLayerArchiver.isEmpty(upper.resolve("missing"), NONE));
    }

    @Test
    void parentsComeBeforeTheirEntries() throws Exception {
        Files.createDirectories(upper.resolve("a/b"));
        Files.writeString(upper.resolve("a/b/c"), "c");
        Files.writeString(upper.resolve("a-z"), "z");
        List<String> n = names(layer(NONE));
        assertTrue(n.indexOf("a/") < n.indexOf("a/b/") && n.indexOf("a/b/") < n.indexOf("a/b/c"), n.toString());
    }

    @Test
    @Tag("root")
    void overlayWhiteoutsAndOpaqueDirectoriesBecomeOciWhiteouts() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "mknod of a 0/0 device and trusted.* xattrs need root");
        Files.createDirectories(upper.resolve("etc"));
        Syscalls.mknod(upper.resolve("etc/shadow").toString(), Syscalls.S_IFCHR, 0);
        Files.createDirectories(upper.resolve("opq"));
        Files.writeString(upper.resolve("opq/new"), "n");
        Syscalls.lsetxattr(upper.resolve("opq").toString(), "trusted.overlay.opaque", "y".getBytes());
        Syscalls.mknod(upper.resolve("gone").toString(), Syscalls.S_IFCHR, 0);
        byte[] tar = layer(NONE);
        assertEquals(List.of("etc/", "etc/.wh.shadow", ".wh.gone", "opq/", "opq/.wh..wh..opq", "opq/new"), names(tar));
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().contains(".wh.")) assertTrue(e.isFile() && e.getSize() == 0, e.getName() + " is an empty regular file");
            }
        }
        // and the layer applies back to what overlayfs had
        Path applied = Files.createTempDirectory(upper.getParent(), "applied");
        try {
            LayerApplier.apply(new ByteArrayInputStream(tar), applied, LayerApplier.WhiteoutMode.OVERLAY);
            assertTrue(UpperLayerArchiver.isWhiteout(applied.resolve("gone")));
            assertEquals("y", new String(Syscalls.lgetxattr(applied.resolve("opq").toString(), "trusted.overlay.opaque")));
        } finally {
            dev.berth.common.io.Trees.deleteRecursively(applied);
        }
    }
}
