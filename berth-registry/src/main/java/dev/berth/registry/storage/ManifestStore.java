package dev.berth.registry.storage;

import dev.berth.oci.Digest;
import dev.berth.registry.errors.ErrorCode;
import dev.berth.registry.errors.RegistryException;

import java.util.Optional;

/**
 * Manifests of all kinds (Docker schema2 and manifest list, OCI manifest and index, artifacts),
 * kept as the exact bytes pushed with the media type they were pushed as. A push is accepted only
 * when everything it references is already in the repository, so a stored manifest can always be
 * pulled whole.
 */
public final class ManifestStore {
    /** Manifests are small; this bounds what one PUT may make the server hold in memory. */
    public static final int MAX_MANIFEST_BYTES = 4 << 20;

    private final BlobStore blobs;
    private final Repositories repositories;
    private final ReferrerIndex referrers;

    public ManifestStore(BlobStore blobs, Repositories repositories, ReferrerIndex referrers) {
        this.blobs = blobs;
        this.repositories = repositories;
        this.referrers = referrers;
    }

    /** The outcome of a push: the manifest's digest and, for a referrer, its subject (the {@code OCI-Subject} header). */
    public record Pushed(Digest digest, Optional<Digest> subject) {}

    /** A stored manifest, as pushed. */
    public record Stored(Digest digest, String mediaType, byte[] content) {}

    public Pushed put(RepositoryName name, Reference reference, byte[] content, String contentType) {
        return put(name, reference, content, contentType, true);
    }

    /**
     * Stores a manifest fetched by a pull-through cache: the same checks but the references,
     * whose blobs the cache fetches only when a client asks for them.
     */
    public Pushed putFetched(RepositoryName name, Reference reference, byte[] content, String contentType) {
        return put(name, reference, content, contentType, false);
    }

    private Pushed put(RepositoryName name, Reference reference, byte[] content, String contentType, boolean checkReferences) {
        if (content.length > MAX_MANIFEST_BYTES) throw new RegistryException(ErrorCode.MANIFEST_INVALID, "manifest larger than 4 MiB");
        ManifestDocument doc;
        try {
            doc = ManifestDocument.parse(content);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(ErrorCode.MANIFEST_INVALID, e.getMessage());
        }
        String mediaType = mediaType(doc, contentType);
        Digest digest = Digest.of(content);
        if (reference instanceof Reference.ByDigest(Digest expected) && !expected.equals(digest)) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, "manifest digest is " + digest + ", not " + expected);
        }
        for (Descriptor ref : doc.references()) {
            if (ref.foreign() || !checkReferences) continue;
            boolean child = doc.manifests().contains(ref);
            boolean present = child ? repositories.revision(name, ref.digest()).isPresent()
                    : repositories.hasBlobLink(name, ref.digest()) && blobs.exists(ref.digest());
            if (!present) throw new RegistryException(ErrorCode.MANIFEST_BLOB_UNKNOWN, ref.digest().toString());
        }
        blobs.write(content, digest);
        repositories.linkBlob(name, digest);
        repositories.putRevision(name, digest, mediaType);
        if (reference instanceof Reference.ByTag(Tag tag)) repositories.tag(name, tag, digest);
        doc.subject().ifPresent(subject -> referrers.add(name, subject.digest(),
                new Descriptor(mediaType, digest, content.length, doc.effectiveArtifactType(), doc.annotations(), null)));
        return new Pushed(digest, doc.subject().map(Descriptor::digest));
    }

    public Optional<Stored> get(RepositoryName name, Reference reference) {
        Optional<Digest> digest = switch (reference) {
            case Reference.ByTag(Tag tag) -> repositories.resolve(name, tag);
            case Reference.ByDigest(Digest d) -> Optional.of(d);
        };
        if (digest.isEmpty()) return Optional.empty();
        Optional<String> mediaType = repositories.revision(name, digest.get());
        if (mediaType.isEmpty() || !blobs.exists(digest.get())) return Optional.empty();
        return Optional.of(new Stored(digest.get(), mediaType.get(), blobs.read(digest.get())));
    }

    /** Deletes a tag, or a manifest by digest together with every tag pointing at it. */
    public void delete(RepositoryName name, Reference reference) {
        switch (reference) {
            case Reference.ByTag(Tag tag) -> {
                if (!repositories.untag(name, tag)) throw new RegistryException(ErrorCode.MANIFEST_UNKNOWN, "tag " + tag + " not found");
            }
            case Reference.ByDigest(Digest digest) -> {
                if (repositories.revision(name, digest).isEmpty()) {
                    throw new RegistryException(ErrorCode.MANIFEST_UNKNOWN, "manifest " + digest + " not found");
                }
                subjectOf(digest).ifPresent(subject -> referrers.remove(name, subject, digest));
                repositories.untagAll(name, digest);
                repositories.deleteRevision(name, digest);
            }
        }
    }

    private Optional<Digest> subjectOf(Digest manifest) {
        try {
            return ManifestDocument.parse(blobs.read(manifest)).subject().map(Descriptor::digest);
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * The media type to keep: the manifest's own {@code mediaType} field when it has one (which must
     * then agree with Content-Type), else the Content-Type it was pushed with, else what its shape says.
     */
    private static String mediaType(ManifestDocument doc, String contentType) {
        String header = contentType == null ? null : contentType.split(";")[0].trim();
        boolean headerUseful = header != null && !header.isEmpty() && !header.equals("application/octet-stream");
        if (doc.mediaType() != null) {
            if (headerUseful && !header.equals(doc.mediaType())) {
                throw new RegistryException(ErrorCode.MANIFEST_INVALID,
                        "Content-Type " + header + " does not match the manifest's mediaType " + doc.mediaType());
            }
            return doc.mediaType();
        }
        if (headerUseful) return header;
        return doc.manifests().isEmpty() ? ManifestDocument.OCI_MANIFEST : ManifestDocument.OCI_INDEX;
    }
}
