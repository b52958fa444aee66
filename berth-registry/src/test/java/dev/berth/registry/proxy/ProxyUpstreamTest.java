package dev.berth.registry.proxy;

import dev.berth.oci.Digest;
import dev.berth.registry.handlers.RegistryFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A berth registry as the pull-through cache of another berth registry, both on loopback. */
class ProxyUpstreamTest {
    private static final String OCI = "application/vnd.oci.image.manifest.v1+json";
    private RegistryFixture upstream;
    private RegistryFixture cache;

    @BeforeEach
    void start() throws Exception {
        upstream = RegistryFixture.start();
        cache = RegistryFixture.start(Optional.empty(), Optional.of(URI.create(upstream.server.baseUrl())));
    }

    @AfterEach
    void stop() throws Exception {
        cache.close();
        upstream.close();
    }

    @Test
    void missesAreFetchedVerifiedStoredAndThenServedWithoutTheUpstream() throws Exception {
        byte[] layer = "cached layer".getBytes();
        byte[] manifest = upstream.imageManifest("lib/app", layer);
        upstream.putManifest("lib/app", "v1", manifest, OCI);

        var viaCache = cache.get("/v2/lib/app/manifests/v1");
        assertEquals(200, viaCache.statusCode());
        assertArrayEquals(manifest, viaCache.body());
        assertEquals(Digest.of(manifest).toString(), viaCache.headers().firstValue("Docker-Content-Digest").orElseThrow());
        assertArrayEquals(layer, cache.get("/v2/lib/app/blobs/" + Digest.of(layer)).body());
        assertTrue(java.nio.file.Files.exists(cache.root.resolve("blobs/sha256/" + Digest.of(layer).hex())));

        upstream.server.close();
        assertEquals(200, cache.get("/v2/lib/app/manifests/v1").statusCode(), "a tag is served from the cache when the upstream is gone");
        assertArrayEquals(layer, cache.get("/v2/lib/app/blobs/" + Digest.of(layer)).body());
        assertEquals(404, cache.get("/v2/lib/app/manifests/v2").statusCode());
    }
}
