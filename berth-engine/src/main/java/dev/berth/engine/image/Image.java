package dev.berth.engine.image;

import dev.berth.oci.Digest;
import dev.berth.oci.image.ImageConfig;
import dev.berth.oci.image.ImageRef;

import java.time.Instant;
import java.util.List;

/**
 * A local image: its id is the digest of its config; {@code topLayer} is the chain id of its last
 * layer (null for an image without layers); {@code repoDigests} are the {@code name@digest}
 * references of the manifests it was pulled by; {@code parent} the id of the image a commit was
 * made from, empty for any other image (dockerd's Parent).
 */
public record Image(Digest id, Instant created, long size, ImageConfig config, List<ImageRef> tags,
                    String topLayer, Instant taggedAt, List<ImageRef> repoDigests, String parent) {
    public Image {
        tags = List.copyOf(tags);
        repoDigests = repoDigests == null ? List.of() : List.copyOf(repoDigests);
        parent = parent == null ? "" : parent;
    }

    public List<String> diffIds() {
        return config.rootfs() == null || config.rootfs().diffIds() == null ? List.of() : config.rootfs().diffIds();
    }
}
