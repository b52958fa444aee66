package dev.berth.engine.transfer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.json.Json;
import dev.berth.oci.manifest.Descriptor;
import dev.berth.oci.manifest.MediaTypes;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Docker schema2 manifest of a pushed image: its config and compressed layers, in that order
 * of fields, so the same image always yields the same bytes and so the same manifest digest.
 */
final class ManifestBuilder {
    static final String CONFIG_TYPE = "application/vnd.docker.container.image.v1+json";
    static final String LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    private ManifestBuilder() {}

    static byte[] schema2(Descriptor config, List<Descriptor> layers) {
        ObjectNode m = Json.object();
        m.put("schemaVersion", 2);
        m.put("mediaType", MediaTypes.DOCKER_MANIFEST);
        m.set("config", descriptor(config));
        ArrayNode l = m.putArray("layers");
        layers.forEach(d -> l.add(descriptor(d)));
        return Json.string(m).getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode descriptor(Descriptor d) {
        ObjectNode n = Json.object();
        n.put("mediaType", d.mediaType());
        n.put("size", d.size());
        n.put("digest", d.digest().toString());
        return n;
    }
}
