package dev.berth.registry.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.json.Json;
import dev.berth.oci.Digest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the registry needs to know of a pushed manifest or index: what it references and what it
 * is about. Parsed for reading only; the registry always serves the bytes exactly as pushed,
 * since the digest covers them.
 */
public record ManifestDocument(String mediaType, String artifactType, Optional<Descriptor> config,
                               List<Descriptor> layers, List<Descriptor> manifests,
                               Optional<Descriptor> subject, Map<String, String> annotations) {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    public ManifestDocument {
        layers = List.copyOf(layers);
        manifests = List.copyOf(manifests);
        annotations = Map.copyOf(annotations);
    }

    /** Parses a manifest; throws {@link IllegalArgumentException} with the reason when it is not one. */
    public static ManifestDocument parse(byte[] content) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(content);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("manifest is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException("manifest is not a JSON object");
        if (root.path("schemaVersion").asInt(-1) != 2) throw new IllegalArgumentException("schemaVersion must be 2");
        return new ManifestDocument(text(root, "mediaType"), text(root, "artifactType"),
                optional(root.get("config")), list(root.get("layers")), list(root.get("manifests")),
                optional(root.get("subject")), strings(root.get("annotations")));
    }

    /** Every descriptor this document needs the registry to hold: config, layers and child manifests (not the subject). */
    public List<Descriptor> references() {
        List<Descriptor> all = new ArrayList<>();
        config.ifPresent(all::add);
        all.addAll(layers);
        all.addAll(manifests);
        return all;
    }

    public boolean isIndex() {
        return OCI_INDEX.equals(mediaType) || DOCKER_LIST.equals(mediaType) || (mediaType == null && !manifests.isEmpty());
    }

    /** The artifact type the referrers API reports: {@code artifactType}, else the config's media type. */
    public String effectiveArtifactType() {
        if (artifactType != null) return artifactType;
        return config.map(Descriptor::mediaType).orElse(null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Optional<Descriptor> optional(JsonNode node) {
        return node == null || node.isNull() ? Optional.empty() : Optional.of(descriptor(node));
    }

    private static List<Descriptor> list(JsonNode node) {
        if (node == null || node.isNull()) return List.of();
        if (!node.isArray()) throw new IllegalArgumentException("expected an array of descriptors");
        List<Descriptor> out = new ArrayList<>();
        node.forEach(n -> out.add(descriptor(n)));
        return out;
    }

    static Descriptor descriptor(JsonNode node) {
        if (!node.isObject()) throw new IllegalArgumentException("descriptor is not an object");
        JsonNode digest = node.get("digest");
        if (digest == null || !digest.isTextual()) throw new IllegalArgumentException("descriptor without digest");
        Digest d;
        try {
            d = Digest.parse(digest.asText());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid descriptor digest " + digest.asText());
        }
        List<String> urls = new ArrayList<>();
        JsonNode u = node.get("urls");
        if (u != null && u.isArray()) u.forEach(x -> urls.add(x.asText()));
        return new Descriptor(text(node, "mediaType"), d, node.path("size").asLong(0), text(node, "artifactType"),
                strings(node.get("annotations")), urls);
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node != null && node.isObject()) node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
