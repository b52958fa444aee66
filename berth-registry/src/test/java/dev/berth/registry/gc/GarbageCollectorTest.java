package dev.berth.registry.gc;

import dev.berth.oci.Digest;
import dev.berth.registry.handlers.RegistryFixture;
import dev.berth.registry.storage.BlobStore;
import dev.berth.registry.storage.RegistryLayout;
import dev.berth.registry.storage.Repositories;
import dev.berth.registry.storage.UploadSessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GarbageCollectorTest {
    private static final String OCI = "application/vnd.oci.image.manifest.v1+json";
    private RegistryFixture registry;
    private BlobStore blobs;
    private GarbageCollector gc;

    @BeforeEach
    void start() throws Exception {
        registry = RegistryFixture.start();
        RegistryLayout layout = new RegistryLayout(registry.root);
        blobs = new BlobStore(layout);
        gc = new GarbageCollector(blobs, new Repositories(layout), new UploadSessions(layout, blobs));
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
    }

    private static GcOptions now(boolean dryRun) {
        return new GcOptions(Duration.ZERO, Duration.ofHours(24), dryRun);
    }

    @Test
    void deletingAManifestLetsGcRemoveItsUniqueBlobsAndKeepSharedOnes() throws Exception {
        byte[] shared = "shared layer".getBytes();
        byte[] uniqueA = "only in a".getBytes();
        byte[] a = registry.imageManifest("app", shared, uniqueA);
        byte[] b = registry.imageManifest("app", shared, "only in b".getBytes());
        registry.putManifest("app", "a", a, OCI);
        registry.putManifest("app", "b", b, OCI);
        Digest configA = Digest.parse(RegistryFixture.json(registry.get("/v2/app/manifests/a")).path("config").path("digest").asText());
        assertEquals(202, registry.send("DELETE", "/v2/app/manifests/" + Digest.of(a), null).statusCode());

        GcReport dry = gc.run(now(true));
        assertEquals(Set.of(Digest.of(a), Digest.of(uniqueA), configA), Set.copyOf(dry.blobsRemoved()));
        assertTrue(blobs.exists(Digest.of(uniqueA)), "a dry run removes nothing");

        GcReport report = gc.run(now(false));
        assertEquals(Set.copyOf(dry.blobsRemoved()), Set.copyOf(report.blobsRemoved()));
        assertFalse(blobs.exists(Digest.of(uniqueA)));
        assertFalse(Files.exists(registry.root.resolve("repositories/app/_layers/sha256/" + Digest.of(uniqueA).hex())), "its link goes too");
        assertTrue(blobs.exists(Digest.of(shared)));
        assertEquals(200, registry.get("/v2/app/manifests/b").statusCode());
        for (var layer : RegistryFixture.json(registry.get("/v2/app/manifests/b")).path("layers")) {
            assertEquals(200, registry.get("/v2/app/blobs/" + layer.path("digest").asText()).statusCode());
        }
        assertEquals(0, gc.run(now(false)).blobsRemoved().size(), "a second run finds nothing");
    }

    @Test
    void blobsReachableOnlyThroughAnIndexAreKept() throws Exception {
        byte[] image = registry.imageManifest("app", "layer".getBytes());
        registry.putManifest("app", Digest.of(image).toString(), image, OCI);
        byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"mediaType\":\"" + OCI
                + "\",\"digest\":\"" + Digest.of(image) + "\",\"size\":" + image.length + "}]}").getBytes(StandardCharsets.UTF_8);
        assertEquals(201, registry.putManifest("app", "multi", index, "application/vnd.oci.image.index.v1+json").statusCode());
        // the image's own revision goes; the tagged index still needs it
        Files.delete(registry.root.resolve("repositories/app/_manifests/revisions/sha256/" + Digest.of(image).hex()));
        assertEquals(0, gc.run(now(false)).blobsRemoved().size());
        assertTrue(blobs.exists(Digest.of("layer".getBytes())));
    }

    @Test
    void unreferencedBlobsWithinTheGracePeriodAreKept() throws Exception {
        Digest orphan = registry.pushBlob("app", "pushed, manifest not yet".getBytes());
        GcReport report = gc.run(new GcOptions(Duration.ofHours(1), Duration.ofHours(24), false));
        assertEquals(0, report.blobsRemoved().size());
        assertEquals(1, report.youngKept());
        assertTrue(blobs.exists(orphan));
        assertEquals(1, gc.run(now(false)).blobsRemoved().size());
    }

    @Test
    void abandonedUploadsAreRemovedAndUploadsInProgressKept() throws Exception {
        String location = registry.send("POST", "/v2/app/blobs/uploads/", new byte[0]).headers().firstValue("Location").orElseThrow();
        registry.send("PATCH", location, "part".getBytes());
        assertEquals(0, gc.run(now(false)).uploadsRemoved().size());
        assertEquals(204, registry.get(location).statusCode());
        GcReport report = gc.run(new GcOptions(Duration.ZERO, Duration.ZERO, false));
        assertEquals(1, report.uploadsRemoved().size());
        assertEquals(404, registry.get(location).statusCode());
    }
}
