package dev.berth.registry.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.oci.Digest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.berth.registry.handlers.RegistryFixture.assertError;
import static dev.berth.registry.handlers.RegistryFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ListingAndReferrerRoutesTest {
    private RegistryFixture registry;

    @BeforeEach
    void start() throws Exception {
        registry = RegistryFixture.start();
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void tagsAreListedInOrderAndPaginatedWithALinkHeader() throws Exception {
        byte[] manifest = registry.imageManifest("lib/app");
        for (String t : List.of("c", "a", "d", "b")) registry.putManifest("lib/app", t, manifest, ManifestRoutesTest.OCI);
        HttpResponse<byte[]> all = registry.get("/v2/lib/app/tags/list");
        assertEquals("lib/app", json(all).path("name").asText());
        assertEquals(List.of("a", "b", "c", "d"), strings(json(all).path("tags")));
        HttpResponse<byte[]> first = registry.get("/v2/lib/app/tags/list?n=2");
        assertEquals(List.of("a", "b"), strings(json(first).path("tags")));
        assertEquals("</v2/lib/app/tags/list?n=2&last=b>; rel=\"next\"", first.headers().firstValue("Link").orElseThrow());
        HttpResponse<byte[]> second = registry.get("/v2/lib/app/tags/list?n=2&last=b");
        assertEquals(List.of("c", "d"), strings(json(second).path("tags")));
        assertFalse(second.headers().firstValue("Link").isPresent());
        assertEquals(List.of(), strings(json(registry.get("/v2/lib/app/tags/list?n=0")).path("tags")));
        assertError(404, "NAME_UNKNOWN", registry.get("/v2/nothing/tags/list"));
    }

    @Test
    void catalogListsRepositoriesWithManifestsAndPaginates() throws Exception {
        for (String repo : List.of("zeta", "alpha/one", "alpha/two")) {
            registry.putManifest(repo, "v1", registry.imageManifest(repo), ManifestRoutesTest.OCI);
        }
        registry.pushBlob("blobs-only", "x".getBytes());
        assertEquals(List.of("alpha/one", "alpha/two", "zeta"), strings(json(registry.get("/v2/_catalog")).path("repositories")));
        HttpResponse<byte[]> page = registry.get("/v2/_catalog?n=1&last=alpha/one");
        assertEquals(List.of("alpha/two"), strings(json(page).path("repositories")));
        assertEquals("</v2/_catalog?n=1&last=alpha/two>; rel=\"next\"", page.headers().firstValue("Link").orElseThrow());
    }

    @Test
    void referrersListManifestsWithASubjectAndFilterByArtifactType() throws Exception {
        byte[] image = registry.imageManifest("app", "layer".getBytes());
        Digest subject = Digest.of(image);
        registry.putManifest("app", "v1", image, ManifestRoutesTest.OCI);
        Digest empty = registry.pushBlob("app", "{}".getBytes());
        for (String type : List.of("application/vnd.example.sbom", "application/vnd.example.signature")) {
            byte[] artifact = ("{\"schemaVersion\":2,\"mediaType\":\"" + ManifestRoutesTest.OCI + "\",\"artifactType\":\"" + type
                    + "\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"" + empty + "\",\"size\":2},\"layers\":[],"
                    + "\"subject\":{\"mediaType\":\"" + ManifestRoutesTest.OCI + "\",\"digest\":\"" + subject + "\",\"size\":" + image.length + "},"
                    + "\"annotations\":{\"kind\":\"" + type + "\"}}").getBytes(StandardCharsets.UTF_8);
            HttpResponse<byte[]> put = registry.putManifest("app", Digest.of(artifact).toString(), artifact, ManifestRoutesTest.OCI);
            assertEquals(201, put.statusCode(), () -> RegistryFixture.text(put));
            assertEquals(subject.toString(), put.headers().firstValue("OCI-Subject").orElseThrow());
        }
        HttpResponse<byte[]> all = registry.get("/v2/app/referrers/" + subject);
        assertEquals(200, all.statusCode());
        assertEquals(ManifestRoutesTest.OCI_INDEX, all.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(2, json(all).path("manifests").size());
        HttpResponse<byte[]> sboms = registry.get("/v2/app/referrers/" + subject + "?artifactType=application/vnd.example.sbom");
        assertEquals("artifactType", sboms.headers().firstValue("OCI-Filters-Applied").orElseThrow());
        JsonNode only = json(sboms).path("manifests");
        assertEquals(1, only.size());
        assertEquals("application/vnd.example.sbom", only.path(0).path("artifactType").asText());
        assertEquals("application/vnd.example.sbom", only.path(0).path("annotations").path("kind").asText());
        // deleting a referrer takes it out of the list
        registry.send("DELETE", "/v2/app/manifests/" + only.path(0).path("digest").asText(), null);
        assertEquals(1, json(registry.get("/v2/app/referrers/" + subject)).path("manifests").size());
        // no referrers: an empty index, not a 404
        HttpResponse<byte[]> none = registry.get("/v2/app/referrers/" + Digest.of("x".getBytes()));
        assertEquals(200, none.statusCode());
        assertEquals(0, json(none).path("manifests").size());
        assertError(400, "DIGEST_INVALID", registry.get("/v2/app/referrers/sha256:zz"));
    }
}
