package dev.berth.registry.handlers;

import dev.berth.oci.Digest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Arrays;

import static dev.berth.registry.handlers.RegistryFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UploadRoutesTest {
    private RegistryFixture registry;
    private final byte[] blob = "hello, chunked world!".getBytes();

    @BeforeEach
    void start() throws Exception {
        registry = RegistryFixture.start();
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
    }

    private String startSession(String repo) throws Exception {
        HttpResponse<byte[]> r = registry.send("POST", "/v2/" + repo + "/blobs/uploads/", new byte[0]);
        assertEquals(202, r.statusCode());
        assertEquals("0-0", r.headers().firstValue("Range").orElseThrow());
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("/v2/" + repo + "/blobs/uploads/"), location);
        assertEquals(location.substring(location.lastIndexOf('/') + 1), r.headers().firstValue("Docker-Upload-UUID").orElseThrow());
        return location;
    }

    @Test
    void chunkedUploadIsResumableAndFinishesWithItsDigest() throws Exception {
        String location = startSession("lib/app");
        byte[] first = Arrays.copyOfRange(blob, 0, 10);
        byte[] second = Arrays.copyOfRange(blob, 10, blob.length);
        HttpResponse<byte[]> p1 = registry.send("PATCH", location, first, "Content-Range", "0-9", "Content-Type", "application/octet-stream");
        assertEquals(202, p1.statusCode());
        assertEquals("0-9", p1.headers().firstValue("Range").orElseThrow());
        // resumable: the status says where to go on
        HttpResponse<byte[]> status = registry.get(location);
        assertEquals(204, status.statusCode());
        assertEquals("0-9", status.headers().firstValue("Range").orElseThrow());
        assertEquals(202, registry.send("PATCH", location, second, "Content-Range", "10-" + (blob.length - 1)).statusCode());
        Digest d = Digest.of(blob);
        HttpResponse<byte[]> done = registry.send("PUT", location + "?digest=" + d, null);
        assertEquals(201, done.statusCode());
        assertEquals("/v2/lib/app/blobs/" + d, done.headers().firstValue("Location").orElseThrow());
        assertEquals(d.toString(), done.headers().firstValue("Docker-Content-Digest").orElseThrow());
        assertArrayEquals(blob, registry.get("/v2/lib/app/blobs/" + d).body());
        assertError(404, "BLOB_UPLOAD_UNKNOWN", registry.get(location));
    }

    @Test
    void streamedPatchWithoutRangeAndFinalChunkInThePut() throws Exception {
        String location = startSession("app");
        assertEquals(202, registry.send("PATCH", location, Arrays.copyOfRange(blob, 0, 5)).statusCode());
        Digest d = Digest.of(blob);
        HttpResponse<byte[]> done = registry.send("PUT", location + "?digest=" + d, Arrays.copyOfRange(blob, 5, blob.length),
                "Content-Range", "5-" + (blob.length - 1));
        assertEquals(201, done.statusCode(), () -> RegistryFixture.text(done));
        assertArrayEquals(blob, registry.get("/v2/app/blobs/" + d).body());
    }

    @Test
    void anOutOfOrderChunkIsRefusedWith416() throws Exception {
        String location = startSession("app");
        registry.send("PATCH", location, Arrays.copyOfRange(blob, 0, 10), "Content-Range", "0-9");
        assertError(416, "BLOB_UPLOAD_INVALID", registry.send("PATCH", location, Arrays.copyOfRange(blob, 12, 15), "Content-Range", "12-14"));
        assertError(416, "BLOB_UPLOAD_INVALID", registry.send("PATCH", location, Arrays.copyOfRange(blob, 10, 15), "Content-Range", "10-20"));
        assertEquals("0-9", registry.get(location).headers().firstValue("Range").orElseThrow(), "a refused chunk changes nothing");
    }

    @Test
    void aWrongDigestAtTheEndIsRefused() throws Exception {
        String location = startSession("app");
        registry.send("PATCH", location, blob);
        assertError(400, "DIGEST_INVALID", registry.send("PUT", location + "?digest=" + Digest.of("x".getBytes()), null));
        assertError(400, "DIGEST_INVALID", registry.send("PUT", location, null));
    }

    @Test
    void cancelRemovesTheSession() throws Exception {
        String location = startSession("app");
        registry.send("PATCH", location, blob);
        assertEquals(204, registry.send("DELETE", location, null).statusCode());
        assertError(404, "BLOB_UPLOAD_UNKNOWN", registry.get(location));
        assertError(404, "BLOB_UPLOAD_UNKNOWN", registry.send("DELETE", location, null));
        try (var left = Files.list(registry.root.resolve("uploads"))) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void unknownSessionsAndSessionsOfAnotherRepositoryAreUnknown() throws Exception {
        assertError(404, "BLOB_UPLOAD_UNKNOWN", registry.get("/v2/app/blobs/uploads/not-a-uuid"));
        assertError(404, "BLOB_UPLOAD_UNKNOWN", registry.send("PATCH", "/v2/app/blobs/uploads/00000000-0000-0000-0000-000000000000", blob));
        String location = startSession("one");
        assertError(404, "BLOB_UPLOAD_UNKNOWN", registry.get(location.replace("/v2/one/", "/v2/two/")));
    }

    @Test
    void crossRepositoryMountLinksAnExistingBlob() throws Exception {
        Digest d = registry.pushBlob("source", blob);
        HttpResponse<byte[]> r = registry.send("POST", "/v2/target/blobs/uploads/?mount=" + d + "&from=source", new byte[0]);
        assertEquals(201, r.statusCode());
        assertEquals("/v2/target/blobs/" + d, r.headers().firstValue("Location").orElseThrow());
        assertArrayEquals(blob, registry.get("/v2/target/blobs/" + d).body());
    }

    @Test
    void aMountOfABlobTheSourceLacksStartsAnUploadInstead() throws Exception {
        Digest d = Digest.of(blob);
        HttpResponse<byte[]> r = registry.send("POST", "/v2/target/blobs/uploads/?mount=" + d + "&from=source", new byte[0]);
        assertEquals(202, r.statusCode());
        assertTrue(r.headers().firstValue("Location").orElseThrow().startsWith("/v2/target/blobs/uploads/"));
        assertFalse(Files.exists(registry.root.resolve("repositories/target/_layers/sha256/" + d.hex())));
    }
}
