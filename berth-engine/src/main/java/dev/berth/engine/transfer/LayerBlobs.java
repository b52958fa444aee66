package dev.berth.engine.transfer;

import dev.berth.engine.metadata.MetadataStore;
import dev.berth.oci.Digest;

import java.util.List;

/**
 * The compressed blobs a layer is known as, and where: recorded when a pull downloads one and
 * when a push uploads one. The image store keeps layers uncompressed (by diff id); this is how a
 * push finds the bytes a registry already has (HEAD, or a mount from the repository it came from)
 * instead of compressing and uploading again.
 */
public final class LayerBlobs {
    /** A compressed blob of a layer in {@code domain}/{@code repository}. */
    public record Known(Digest digest, long size, String mediaType, String domain, String repository) {}

    private final MetadataStore metadata;

    public LayerBlobs(MetadataStore metadata) {
        this.metadata = metadata;
    }

    public void record(String diffId, Known blob) {
        metadata.update("INSERT OR IGNORE INTO layer_blobs(diff_id, digest, size, media_type, domain, repository) VALUES (?,?,?,?,?,?)",
                diffId, blob.digest().toString(), blob.size(), blob.mediaType(), blob.domain(), blob.repository());
    }

    /** Every blob recorded for {@code diffId} on {@code domain}, those of {@code repository} first. */
    public List<Known> on(String diffId, String domain, String repository) {
        return metadata.query("SELECT digest, size, media_type, domain, repository FROM layer_blobs WHERE diff_id = ? AND domain = ? "
                        + "ORDER BY repository = ? DESC, repository",
                rs -> new Known(Digest.parse(rs.getString(1)), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                diffId, domain, repository);
    }
}
