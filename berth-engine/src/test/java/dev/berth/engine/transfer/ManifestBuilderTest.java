package dev.berth.engine.transfer;

import dev.berth.oci.Digest;
import dev.berth.oci.manifest.Descriptor;
import dev.berth.oci.manifest.ManifestDocument;
import dev.berth.oci.manifest.MediaTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class ManifestBuilderTest {
    @TempDir Path dir;

    @Test
    void schema2ManifestParsesBackWithItsDescriptorsInOrder() {
        Descriptor config = new Descriptor(ManifestBuilder.CONFIG_TYPE, Digest.of("{}".getBytes()), 2, null, null);
        Descriptor l1 = new Descriptor(ManifestBuilder.LAYER_GZIP, Digest.of("a".getBytes()), 1, null, null);
        Descriptor l2 = new Descriptor(ManifestBuilder.LAYER_GZIP, Digest.of("b".getBytes()), 1, null, null);
        byte[] bytes = ManifestBuilder.schema2(config, List.of(l1, l2));
        String json = new String(bytes, StandardCharsets.UTF_8);
        assertEquals("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"config\":{\"mediaType\":\""
                + ManifestBuilder.CONFIG_TYPE + "\",\"size\":2,\"digest\":\"" + config.digest() + "\"},\"layers\":[", json.substring(0, json.indexOf('[') + 1));
        var doc = assertInstanceOf(ManifestDocument.ImageManifest.class, ManifestDocument.parse(bytes, MediaTypes.DOCKER_MANIFEST));
        assertEquals(config.digest(), doc.config().digest());
        assertEquals(List.of(l1.digest(), l2.digest()), doc.layers().stream().map(Descriptor::digest).toList());
        assertArrayEquals(bytes, ManifestBuilder.schema2(config, List.of(l1, l2)));
    }

    @Test
    void compressionIsDeterministicAndRoundTrips() throws Exception {
        byte[] tar = new byte[300_000];
        for (int i = 0; i < tar.length; i++) tar[i] = (byte) (i % 251);
        var a = LayerCompressor.compress(new ByteArrayInputStream(tar), dir.resolve("a.gz"));
        var b = LayerCompressor.compress(new ByteArrayInputStream(tar), dir.resolve("b.gz"));
        assertEquals(a.digest(), b.digest());
        assertEquals(Digest.of(Files.readAllBytes(dir.resolve("a.gz"))), a.digest());
        assertEquals(Files.size(dir.resolve("a.gz")), a.size());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(a.file()))) {
            assertArrayEquals(tar, in.readAllBytes());
        }
    }
}
