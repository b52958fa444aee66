package dev.berth.engine.diff;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChangesTest {
    @TempDir
    Path tmp;

    @Test
    void addedModifiedAndRuntimeMountPointsLeftOut() throws Exception {
        Path lower = Files.createDirectories(tmp.resolve("lower"));
        Files.createDirectories(lower.resolve("etc"));
        Files.writeString(lower.resolve("etc/passwd"), "root");
        Path upper = Files.createDirectories(tmp.resolve("upper"));
        Files.createDirectories(upper.resolve("etc"));
        Files.writeString(upper.resolve("etc/passwd"), "changed");
        Files.writeString(upper.resolve("etc/hosts"), "");
        Files.createDirectories(upper.resolve("data"));
        Files.writeString(upper.resolve("data/new"), "x");
        var changes = Changes.compute(upper, List.of(lower), Set.of("/etc/hosts"));
        assertEquals(List.of(
                new Changes.Change("/data", Changes.Kind.ADDED),
                new Changes.Change("/data/new", Changes.Kind.ADDED),
                new Changes.Change("/etc", Changes.Kind.MODIFIED),
                new Changes.Change("/etc/passwd", Changes.Kind.MODIFIED)), changes);
    }

    @Test
    void aDirectoryCopiedUpOnlyForMountPointsIsNotAChange() throws Exception {
        Path lower = Files.createDirectories(tmp.resolve("lower/etc"));
        Path upper = Files.createDirectories(tmp.resolve("upper/etc"));
        Files.writeString(upper.resolve("hostname"), "");
        assertEquals(List.of(), Changes.compute(upper.getParent(), List.of(lower.getParent()), Set.of("/etc/hostname")));
    }

    @Test
    void treeArchiverRoundTripsThroughLayerApplier() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/d"));
        Files.writeString(src.resolve("f"), "content");
        Files.createSymbolicLink(src.resolve("l"), Path.of("/etc/passwd"));
        var buf = new java.io.ByteArrayOutputStream();
        TreeArchiver.write(src, "d", buf);
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        LayerApplier.apply(new java.io.ByteArrayInputStream(buf.toByteArray()), dst, LayerApplier.WhiteoutMode.LITERAL, true);
        assertEquals("content", Files.readString(dst.resolve("d/f")));
        assertEquals(Path.of("/etc/passwd"), Files.readSymbolicLink(dst.resolve("d/l")));
    }
}
