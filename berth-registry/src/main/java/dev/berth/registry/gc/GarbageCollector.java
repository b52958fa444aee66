package dev.berth.registry.gc;

import dev.berth.oci.Digest;
import dev.berth.registry.storage.BlobStore;
import dev.berth.registry.storage.Descriptor;
import dev.berth.registry.storage.ManifestDocument;
import dev.berth.registry.storage.Repositories;
import dev.berth.registry.storage.RepositoryName;
import dev.berth.registry.storage.UploadId;
import dev.berth.registry.storage.UploadSessions;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Mark and sweep over a registry root, safe beside serving servers.
 *
 * <pre>
 * mark:  every manifest revision of every repository (tagged or kept by digest)
 *          → the manifest blob, its config and layers, and recursively the manifests of an index
 * sweep: blobs not marked and older than the grace period     (younger ones may belong to a push in flight)
 *        repository links to the blobs swept
 *        upload sessions idle longer than the upload age      (others are uploads in progress)
 * </pre>
 *
 * Why it is safe while serving: servers keep no state in memory, and refresh a blob's mtime
 * whenever they link it (upload, mount, manifest) or tell a client it exists (HEAD/GET). So a blob
 * a client may still reference in a manifest it has not pushed yet is younger than the grace
 * period. A manifest pushed after the mark reads only such young blobs, or blobs it marked.
 */
public final class GarbageCollector {
    private final BlobStore blobs;
    private final Repositories repositories;
    private final UploadSessions uploads;

    public GarbageCollector(BlobStore blobs, Repositories repositories, UploadSessions uploads) {
        this.blobs = blobs;
        this.repositories = repositories;
        this.uploads = uploads;
    }

    public GcReport run(GcOptions options) {
        Instant now = Instant.now();
        Set<Digest> marked = mark();
        List<Digest> removed = new ArrayList<>();
        long bytes = 0;
        int young = 0;
        Instant blobCutoff = now.minus(options.blobGrace());
        for (BlobStore.StoredBlob b : blobs.list()) {
            if (marked.contains(b.digest())) continue;
            if (b.modified().isAfter(blobCutoff)) {
                young++;
                continue;
            }
            removed.add(b.digest());
            bytes += b.size();
            if (!options.dryRun()) blobs.delete(b.digest());
        }
        if (!options.dryRun()) unlinkRemoved(new HashSet<>(removed));
        List<UploadId> stale = new ArrayList<>();
        Instant uploadCutoff = now.minus(options.uploadMaxAge());
        for (UploadSessions.Session s : uploads.list()) {
            if (s.lastWrite().isAfter(uploadCutoff)) continue;
            stale.add(s.id());
            if (!options.dryRun()) uploads.delete(s.id());
        }
        return new GcReport(marked.size(), removed, bytes, young, stale);
    }

    /** Every blob reachable from a manifest revision of any repository. */
    Set<Digest> mark() {
        Set<Digest> marked = new HashSet<>();
        for (RepositoryName name : repositories.catalog()) {
            Deque<Digest> pending = new ArrayDeque<>(repositories.revisions(name));
            while (!pending.isEmpty()) {
                Digest manifest = pending.pop();
                if (!marked.add(manifest) || !blobs.exists(manifest)) continue;
                ManifestDocument doc;
                try {
                    doc = ManifestDocument.parse(blobs.read(manifest));
                } catch (RuntimeException unreadable) {
                    continue; // kept itself; references nothing we can know
                }
                doc.config().map(Descriptor::digest).ifPresent(marked::add);
                doc.layers().stream().filter(d -> !d.foreign()).forEach(d -> marked.add(d.digest()));
                doc.manifests().forEach(d -> pending.push(d.digest()));
            }
        }
        return marked;
    }

    private void unlinkRemoved(Set<Digest> removed) {
        if (removed.isEmpty()) return;
        for (RepositoryName name : repositories.catalog()) {
            for (Digest d : repositories.blobLinks(name)) {
                if (removed.contains(d) && !blobs.exists(d)) repositories.unlinkBlob(name, d);
            }
        }
    }
}
