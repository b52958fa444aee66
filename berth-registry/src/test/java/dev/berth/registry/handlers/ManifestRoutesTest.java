package dev.berth.registry.handlers;

import dev.berth.oci.Digest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static dev.berth.registry.handlers.RegistryFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ManifestRoutesTest {
    static final String OCI = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String DOCKER = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    private RegistryFixture registry;

    @BeforeEach
    void start() throws Exception {
        registry = RegistryFixture.start();
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
    }

    @Test
    void putThenGetByTagAndByDigestServesTheBytesAsPushed() throws Exception {
        byte[] manifest = registry.imageManifest("lib/app", "layer".getBytes());
        Digest d = Digest.of(manifest);
        HttpResponse<byte[]> put = registry.putManifest("lib/app", "v1", manifest, OCI);
        assertEquals(201, put.statusCode(), () -> RegistryFixture.text(put));
        assertEquals(d.toString(), put.headers().firstValue("Docker-Content-Digest").orElseThrow());
        assertEquals("/v2/lib/app/manifests/" + d, put.headers().firstValue("Location").orElseThrow());
        for (String ref : new String[] {"v1", d.toString()}) {
            HttpResponse<byte[]> get = registry.get("/v2/lib/app/manifests/" + ref, "Accept", OCI);
            assertEquals(200, get.statusCode());
            assertArrayEquals(manifest, get.body());
            assertEquals(OCI, get.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(d.toString(), get.headers().firstValue("Docker-Content-Digest").orElseThrow());
            HttpResponse<byte[]> head = registry.send("HEAD", "/v2/lib/app/manifests/" + ref, null);
            assertEquals(200, head.statusCode());
            assertEquals(Integer.toString(manifest.length), head.headers().firstValue("Content-Length").orElseThrow());
        }
    }

    @Test
    void dockerSchema2AndListsKeepTheirMediaTypes() throws Exception {
        byte[] config = "{}".getBytes();
        Digest c = registry.pushBlob("app", config);
        Digest l = registry.pushBlob("app", "layer".getBytes());
        byte[] schema2 = ("{\"schemaVersion\":2,\"mediaType\":\"" + DOCKER + "\",\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"digest\":\""
                + c + "\",\"size\":2},\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"digest\":\"" + l + "\",\"size\":5}]}")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(201, registry.putManifest("app", "amd64", schema2, DOCKER).statusCode());
        byte[] list = ("{\"schemaVersion\":2,\"mediaType\":\"" + DOCKER_LIST + "\",\"manifests\":[{\"mediaType\":\"" + DOCKER + "\",\"digest\":\""
                + Digest.of(schema2) + "\",\"size\":" + schema2.length + ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(201, registry.putManifest("app", "latest", list, DOCKER_LIST).statusCode());
        assertEquals(DOCKER_LIST, registry.get("/v2/app/manifests/latest").headers().firstValue("Content-Type").orElseThrow());
        assertEquals(DOCKER, registry.get("/v2/app/manifests/amd64").headers().firstValue("Content-Type").orElseThrow());
        // an OCI index without a mediaType field keeps the Content-Type it was pushed with
        byte[] index = ("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + DOCKER + "\",\"digest\":\"" + Digest.of(schema2)
                + "\",\"size\":" + schema2.length + "}]}").getBytes(StandardCharsets.UTF_8);
        assertEquals(201, registry.putManifest("app", "idx", index, OCI_INDEX).statusCode());
        assertEquals(OCI_INDEX, registry.get("/v2/app/manifests/idx").headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void referencedBlobsAndManifestsMustExist() throws Exception {
        Digest missing = Digest.of("missing".getBytes());
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + missing + "\",\"size\":7},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
        assertError(404, "MANIFEST_BLOB_UNKNOWN", registry.putManifest("app", "v1", manifest, OCI));
        byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[{\"mediaType\":\"" + OCI + "\",\"digest\":\""
                + missing + "\",\"size\":7}]}").getBytes(StandardCharsets.UTF_8);
        assertError(404, "MANIFEST_BLOB_UNKNOWN", registry.putManifest("app", "v1", index, OCI_INDEX));
        assertError(404, "MANIFEST_UNKNOWN", registry.get("/v2/app/manifests/v1"));
    }

    @Test
    void invalidManifestsAndMismatchedDigestsAreRefused() throws Exception {
        assertError(400, "MANIFEST_INVALID", registry.putManifest("app", "v1", "not json".getBytes(), OCI));
        assertError(400, "MANIFEST_INVALID", registry.putManifest("app", "v1", "{\"schemaVersion\":1}".getBytes(), OCI));
        byte[] manifest = registry.imageManifest("app");
        assertError(400, "MANIFEST_INVALID", registry.putManifest("app", "v1", manifest, DOCKER));
        assertError(400, "DIGEST_INVALID", registry.putManifest("app", Digest.of("x".getBytes()).toString(), manifest, OCI));
        assertError(400, "MANIFEST_INVALID", registry.putManifest("app", "-bad-tag", manifest, OCI));
        assertEquals(201, registry.putManifest("app", Digest.of(manifest).toString(), manifest, OCI).statusCode());
    }

    @Test
    void deleteByTagUntagsAndDeleteByDigestRemovesTheManifestAndItsTags() throws Exception {
        byte[] manifest = registry.imageManifest("app", "l".getBytes());
        Digest d = Digest.of(manifest);
        registry.putManifest("app", "a", manifest, OCI);
        registry.putManifest("app", "b", manifest, OCI);
        assertEquals(202, registry.send("DELETE", "/v2/app/manifests/a", null).statusCode());
        assertError(404, "MANIFEST_UNKNOWN", registry.get("/v2/app/manifests/a"));
        assertEquals(200, registry.get("/v2/app/manifests/b").statusCode());
        assertEquals(202, registry.send("DELETE", "/v2/app/manifests/" + d, null).statusCode());
        assertError(404, "MANIFEST_UNKNOWN", registry.get("/v2/app/manifests/b"));
        assertError(404, "MANIFEST_UNKNOWN", registry.get("/v2/app/manifests/" + d));
        assertError(404, "MANIFEST_UNKNOWN", registry.send("DELETE", "/v2/app/manifests/" + d, null));
        assertError(404, "MANIFEST_UNKNOWN", registry.send("DELETE", "/v2/app/manifests/a", null));
    }
}
