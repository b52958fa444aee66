package dev.berth.registry.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.json.Json;
import dev.berth.oci.Digest;

import java.util.ArrayList;
import java.util.List;

/**
 * For each subject digest, the manifests in the repository that name it as their {@code subject}.
 * Kept as one small descriptor file per referrer, written when the referrer is pushed, so the
 * referrers API reads a directory instead of every manifest in the repository.
 */
public final class ReferrerIndex {
    private final RegistryLayout layout;

    public ReferrerIndex(RegistryLayout layout) {
        this.layout = layout;
    }

    public void add(RepositoryName name, Digest subject, Descriptor referrer) {
        Links.write(layout.path(new PathSpec.Referrer(name, subject, referrer.digest())), Json.string(toJson(referrer)));
    }

    public void remove(RepositoryName name, Digest subject, Digest referrer) {
        Links.delete(layout.path(new PathSpec.Referrer(name, subject, referrer)));
    }

    /** Descriptors of every referrer of {@code subject}, as JSON objects ready for an index. */
    public List<ObjectNode> list(RepositoryName name, Digest subject) {
        List<ObjectNode> out = new ArrayList<>();
        var dir = layout.path(new PathSpec.Referrers(name, subject));
        for (String hex : Links.names(dir)) {
            if (!Digest.isHex64(hex)) continue;
            Links.read(dir.resolve(hex)).ifPresent(json -> out.add((ObjectNode) Json.tree(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        }
        return out;
    }

    static ObjectNode toJson(Descriptor d) {
        ObjectNode o = Json.object();
        o.put("mediaType", d.mediaType());
        o.put("digest", d.digest().toString());
        o.put("size", d.size());
        if (d.artifactType() != null) o.put("artifactType", d.artifactType());
        if (!d.annotations().isEmpty()) {
            ObjectNode a = o.putObject("annotations");
            d.annotations().forEach(a::put);
        }
        return o;
    }
}
