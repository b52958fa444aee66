package dev.berth.registry.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.json.Json;
import dev.berth.oci.Digest;
import dev.berth.registry.storage.Digests;
import dev.berth.registry.storage.ManifestDocument;
import dev.berth.registry.storage.ReferrerIndex;
import dev.berth.registry.storage.RepositoryName;

import java.io.IOException;

/**
 * {@code GET /v2/<name>/referrers/<digest>[?artifactType=]}: an OCI index of the manifests whose
 * {@code subject} is {@code <digest>}; an empty index when there are none (never 404, as the spec asks).
 */
final class ReferrerRoutes {
    private final ReferrerIndex referrers;

    ReferrerRoutes(ReferrerIndex referrers) {
        this.referrers = referrers;
    }

    void handle(Exchange ex, RepositoryName name, String digestText) throws IOException {
        if (!ex.method().equals("GET") && !ex.isHead()) throw Dispatcher.methodNotAllowed(ex);
        Digest subject = Digests.parse(digestText);
        String artifactType = ex.query("artifactType");
        ObjectNode index = Json.object();
        index.put("schemaVersion", 2);
        index.put("mediaType", ManifestDocument.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        for (ObjectNode d : referrers.list(name, subject)) {
            if (artifactType == null || artifactType.equals(d.path("artifactType").asText(null))) manifests.add(d);
        }
        if (artifactType != null) ex.header("OCI-Filters-Applied", "artifactType");
        ex.status(200).bytes(ManifestDocument.OCI_INDEX, Json.bytes(index));
    }
}
