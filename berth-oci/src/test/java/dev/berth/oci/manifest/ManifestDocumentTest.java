package dev.berth.oci.manifest;

import dev.berth.common.errors.BerthException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestDocumentTest {
    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);
    private static final String C = "sha256:" + "c".repeat(64);

    private static String entry(String digest, String platform) {
        return "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + digest + "\",\"size\":100" + platform + "}";
    }

    private static ManifestDocument.ImageIndex index() {
        String json = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.list.v2+json\",\"manifests\":["
                + entry(A, ",\"platform\":{\"os\":\"linux\",\"architecture\":\"arm\",\"variant\":\"v7\"}") + ","
                + entry(B, ",\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\",\"variant\":\"v8\"}") + ","
                + entry(C, ",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}") + ","
                + entry("sha256:" + "d".repeat(64), ",\"platform\":{\"os\":\"unknown\",\"architecture\":\"unknown\"}") + "]}";
        return assertInstanceOf(ManifestDocument.ImageIndex.class, ManifestDocument.parse(json.getBytes(StandardCharsets.UTF_8), null));
    }

    @Test
    void selectsThePlatformWithNormalisedNames() {
        assertEquals(C, index().select(Platform.LINUX_AMD64).orElseThrow().digest().toString());
        assertEquals(C, index().select(Platform.parse("linux/x86_64")).orElseThrow().digest().toString());
        assertEquals(B, index().select(Platform.parse("linux/arm64")).orElseThrow().digest().toString());
        assertEquals(A, index().select(Platform.parse("linux/arm/v7")).orElseThrow().digest().toString());
        assertTrue(index().select(Platform.parse("linux/s390x")).isEmpty());
        assertTrue(index().select(Platform.parse("windows/amd64")).isEmpty());
    }

    @Test
    void readsAnImageManifestWithoutMediaTypeByItsShape() {
        String json = "{\"schemaVersion\":2,\"config\":{\"digest\":\"" + A + "\",\"size\":10},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+zstd\",\"digest\":\"" + B + "\",\"size\":20}]}";
        var m = assertInstanceOf(ManifestDocument.ImageManifest.class, ManifestDocument.parse(json.getBytes(StandardCharsets.UTF_8), "application/json"));
        assertEquals(MediaTypes.OCI_MANIFEST, m.mediaType());
        assertEquals(20, m.layers().getFirst().size());
    }

    @Test
    void refusesSchema1AndBadPlatforms() {
        assertThrows(BerthException.NotImplemented.class, () -> ManifestDocument.parse("{\"schemaVersion\":1,\"fsLayers\":[]}".getBytes(StandardCharsets.UTF_8), null));
        assertThrows(BerthException.InvalidArgument.class, () -> Platform.parse("linux//"));
    }
}
