package dev.berth.registry.handlers;

import dev.berth.oci.Digest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Arrays;

import static dev.berth.registry.handlers.RegistryFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class BlobRoutesTest {
    private RegistryFixture registry;
    private final byte[] content = "0123456789abcdefghij".getBytes();

    @BeforeEach
    void start() throws Exception {
        registry = RegistryFixture.start();
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
    }

    @Test
    void apiBaseAnswersWithTheVersionHeader() throws Exception {
        HttpResponse<byte[]> r = registry.get("/v2/");
        assertEquals(200, r.statusCode());
        assertEquals("registry/2.0", r.headers().firstValue("Docker-Distribution-API-Version").orElseThrow());
    }

    @Test
    void headAndGetServeTheBlobWithItsDigest() throws Exception {
        Digest d = registry.pushBlob("lib/app", content);
        HttpResponse<byte[]> head = registry.send("HEAD", "/v2/lib/app/blobs/" + d, null);
        assertEquals(200, head.statusCode());
        assertEquals("20", head.headers().firstValue("Content-Length").orElseThrow());
        assertEquals(d.toString(), head.headers().firstValue("Docker-Content-Digest").orElseThrow());
        assertEquals(0, head.body().length);
        HttpResponse<byte[]> get = registry.get("/v2/lib/app/blobs/" + d);
        assertEquals(200, get.statusCode());
        assertArrayEquals(content, get.body());
    }

    @Test
    void rangeRequestsGetPartialContent() throws Exception {
        Digest d = registry.pushBlob("app", content);
        HttpResponse<byte[]> r = registry.get("/v2/app/blobs/" + d, "Range", "bytes=5-9");
        assertEquals(206, r.statusCode());
        assertEquals("bytes 5-9/20", r.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(Arrays.copyOfRange(content, 5, 10), r.body());
        HttpResponse<byte[]> tail = registry.get("/v2/app/blobs/" + d, "Range", "bytes=15-");
        assertArrayEquals(Arrays.copyOfRange(content, 15, 20), tail.body());
        HttpResponse<byte[]> beyond = registry.get("/v2/app/blobs/" + d, "Range", "bytes=50-60");
        assertEquals(416, beyond.statusCode());
        assertEquals("bytes */20", beyond.headers().firstValue("Content-Range").orElseThrow());
    }

    @Test
    void aBlobIsOnlyVisibleInTheRepositoriesItWasPushedOrMountedTo() throws Exception {
        Digest d = registry.pushBlob("one", content);
        assertError(404, "BLOB_UNKNOWN", registry.get("/v2/two/blobs/" + d));
    }

    @Test
    void unknownBlobsAndBadDigestsAndNamesAreSpecErrors() throws Exception {
        assertError(404, "BLOB_UNKNOWN", registry.get("/v2/app/blobs/" + Digest.of(new byte[] {1})));
        assertError(400, "DIGEST_INVALID", registry.get("/v2/app/blobs/sha256:nothex"));
        assertError(400, "NAME_INVALID", registry.get("/v2/Upper/Case/blobs/" + Digest.of(new byte[] {1})));
        assertError(400, "NAME_INVALID", registry.get("/v2/a__-b/blobs/" + Digest.of(new byte[] {1})));
        assertError(400, "NAME_INVALID", registry.get("/v2/" + "a".repeat(256) + "/tags/list"));
        assertError(404, "NOT_FOUND", registry.get("/v3/"));
        assertError(405, "UNSUPPORTED", registry.send("POST", "/v2/app/blobs/" + Digest.of(new byte[] {1}), new byte[0]));
    }

    @Test
    void deleteUnlinksTheBlobFromTheRepository() throws Exception {
        Digest d = registry.pushBlob("app", content);
        assertEquals(202, registry.send("DELETE", "/v2/app/blobs/" + d, null).statusCode());
        assertError(404, "BLOB_UNKNOWN", registry.send("GET", "/v2/app/blobs/" + d, null));
        assertError(404, "BLOB_UNKNOWN", registry.send("DELETE", "/v2/app/blobs/" + d, null));
    }

    @Test
    void aMonolithicPushWithTheWrongDigestIsRefusedAndStoresNothing() throws Exception {
        Digest wrong = Digest.of("other".getBytes());
        assertError(400, "DIGEST_INVALID", registry.send("POST", "/v2/app/blobs/uploads/?digest=" + wrong, content));
        assertError(404, "BLOB_UNKNOWN", registry.get("/v2/app/blobs/" + wrong));
        try (var tmp = java.nio.file.Files.list(registry.root.resolve("tmp"))) {
            assertEquals(0, tmp.count(), "no half-written blob is left");
        }
    }
}
