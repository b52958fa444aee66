package dev.berth.oci.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;
import dev.berth.oci.Digest;

import java.util.ArrayList;
import java.util.List;

/**
 * A manifest as a registry serves it: an image manifest (a config and layers) or an index of
 * manifests per platform. Parsed for reading only; the raw bytes stay the truth, since the
 * digest covers them.
 */
public sealed interface ManifestDocument {
    String mediaType();

    /** One image: its config blob and its layers, bottom first. */
    record ImageManifest(String mediaType, Descriptor config, List<Descriptor> layers) implements ManifestDocument {
        public ImageManifest {
            layers = List.copyOf(layers);
        }
    }

    /** A manifest list (Docker) or image index (OCI): manifests for several platforms. */
    record ImageIndex(String mediaType, List<Descriptor> manifests) implements ManifestDocument {
        public ImageIndex {
            manifests = List.copyOf(manifests);
        }

        /**
         * The manifest for {@code wanted}: an entry naming the same variant first, then one that
         * names none; entries without a platform (attestations, artifacts) never match.
         */
        public java.util.Optional<Descriptor> select(Platform wanted) {
            java.util.Optional<Descriptor> exact = manifests.stream()
                    .filter(m -> m.platform() != null && wanted.matches(m.platform())
                            && java.util.Objects.equals(m.platform().variant(), wanted.variant()))
                    .findFirst();
            if (exact.isPresent()) return exact;
            return manifests.stream().filter(m -> m.platform() != null && wanted.matches(m.platform())).findFirst();
        }
    }

    /**
     * Parses {@code bytes} served with {@code contentType}; the document's own {@code mediaType}
     * field decides when the header is missing or generic (some registries answer
     * application/json).
     */
    static ManifestDocument parse(byte[] bytes, String contentType) {
        JsonNode n;
        try {
            n = Json.tree(bytes);
        } catch (RuntimeException e) {
            throw new BerthException.InvalidArgument("invalid manifest: not JSON");
        }
        String type = n.path("mediaType").asText("");
        if (type.isEmpty() && contentType != null) type = contentType.split(";")[0].trim();
        if (type.isEmpty() || type.equals("application/json")) {
            // an OCI document may leave mediaType out: its shape tells
            type = n.has("manifests") ? MediaTypes.OCI_INDEX : n.has("config") ? MediaTypes.OCI_MANIFEST : type;
        }
        if (MediaTypes.isSchema1(type) || n.path("schemaVersion").asInt() == 1) {
            throw new BerthException.NotImplemented("Docker Image manifest schema 1 is not supported (the registry serves a deprecated format; push the image again with a current client)");
        }
        if (MediaTypes.isIndex(type)) {
            List<Descriptor> entries = new ArrayList<>();
            for (JsonNode m : n.path("manifests")) entries.add(descriptor(m));
            return new ImageIndex(type, entries);
        }
        if (MediaTypes.isImageManifest(type)) {
            if (!n.has("config")) throw new BerthException.InvalidArgument("invalid manifest: no config");
            List<Descriptor> layers = new ArrayList<>();
            for (JsonNode l : n.path("layers")) layers.add(descriptor(l));
            return new ImageManifest(type, descriptor(n.path("config")), layers);
        }
        throw new BerthException.InvalidArgument("unsupported manifest media type: " + type);
    }

    private static long size(JsonNode d) {
        if (!d.path("size").canConvertToLong()) throw new BerthException.InvalidArgument("invalid manifest: descriptor without size");
        return d.path("size").asLong();
    }

    private static Descriptor descriptor(JsonNode d) {
        JsonNode p = d.path("platform");
        Platform platform = p.isObject() && p.hasNonNull("os") && p.hasNonNull("architecture")
                ? new Platform(p.path("os").asText(), p.path("architecture").asText(), p.path("variant").asText(null)) : null;
        List<String> urls = new ArrayList<>();
        d.path("urls").forEach(u -> urls.add(u.asText()));
        if (!d.hasNonNull("digest")) throw new BerthException.InvalidArgument("invalid manifest: descriptor without digest");
        return new Descriptor(d.path("mediaType").asText(""), Digest.parse(d.path("digest").asText()), size(d), platform, urls);
    }
}
