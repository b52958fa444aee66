package dev.berth.engine.diff;

import dev.berth.common.errors.BerthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LayerApplierTest {
    @TempDir
    Path tmp;

    @Test
    void aBodyShorterThanOneTarRecordIsNoArchive() {
        // docker-java's createImageCmd(repo, stream) sends its stream serialized as "{}"
        var e = assertThrows(BerthException.InvalidArgument.class, () -> LayerApplier.apply(
                new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), tmp, LayerApplier.WhiteoutMode.OVERLAY));
        assertEquals("error applying layer: unexpected EOF", e.getMessage());
    }

    @Test
    void garbageAndTruncatedArchivesAreRefusedAndAnEmptyOneIsAnEmptyLayer() throws Exception {
        assertThrows(BerthException.InvalidArgument.class, () -> LayerApplier.apply(
                new ByteArrayInputStream("x".repeat(700).getBytes(StandardCharsets.UTF_8)), tmp, LayerApplier.WhiteoutMode.OVERLAY));
        Path src = Files.createDirectories(tmp.resolve("src/d"));
        Files.writeString(src.resolve("f"), "content");
        var buf = new java.io.ByteArrayOutputStream();
        TreeArchiver.write(src, "d", buf);
        byte[] whole = buf.toByteArray();
        Path dst = Files.createDirectories(tmp.resolve("dst"));
        assertThrows(BerthException.InvalidArgument.class, () -> LayerApplier.apply(
                new ByteArrayInputStream(java.util.Arrays.copyOf(whole, 515)), dst, LayerApplier.WhiteoutMode.OVERLAY));
        assertEquals(0, LayerApplier.apply(new ByteArrayInputStream(new byte[0]), dst, LayerApplier.WhiteoutMode.OVERLAY));
        assertEquals(7, LayerApplier.apply(new ByteArrayInputStream(whole), dst, LayerApplier.WhiteoutMode.OVERLAY));
    }
}
