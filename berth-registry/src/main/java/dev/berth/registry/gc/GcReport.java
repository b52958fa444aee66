package dev.berth.registry.gc;

import dev.berth.oci.Digest;
import dev.berth.registry.storage.UploadId;

import java.util.List;

/** What a collection removed (or, in a dry run, would remove) and what it kept. */
public record GcReport(int marked, List<Digest> blobsRemoved, long bytesRemoved, int youngKept,
                       List<UploadId> uploadsRemoved) {
    public GcReport {
        blobsRemoved = List.copyOf(blobsRemoved);
        uploadsRemoved = List.copyOf(uploadsRemoved);
    }
}
