package dev.berth.registry.storage;

import dev.berth.oci.Digest;

/**
 * Every kind of file or directory the registry keeps under its root. {@link RegistryLayout#path}
 * maps each of them with one exhaustive switch, so the tree drawn in {@code package-info} is
 * written down in exactly one place.
 */
public sealed interface PathSpec {
    /** {@code blobs/sha256/<hex>}: the content itself. */
    record Blob(Digest digest) implements PathSpec {}

    /** {@code blobs/sha256}. */
    record Blobs() implements PathSpec {}

    /** {@code repositories}: the parent of every repository directory. */
    record Repositories() implements PathSpec {}

    /** {@code repositories/<name>}. */
    record Repository(RepositoryName name) implements PathSpec {}

    /** {@code repositories/<name>/_layers/sha256/<hex>}: an empty file saying the blob belongs to the repository. */
    record LayerLink(RepositoryName name, Digest digest) implements PathSpec {}

    /** {@code repositories/<name>/_manifests/revisions/sha256}. */
    record Revisions(RepositoryName name) implements PathSpec {}

    /** {@code repositories/<name>/_manifests/revisions/sha256/<hex>}: holds the manifest's media type. */
    record Revision(RepositoryName name, Digest digest) implements PathSpec {}

    /** {@code repositories/<name>/_manifests/tags}. */
    record Tags(RepositoryName name) implements PathSpec {}

    /** {@code repositories/<name>/_manifests/tags/<tag>}: holds the digest the tag points at. */
    record TagLink(RepositoryName name, Tag tag) implements PathSpec {}

    /** {@code repositories/<name>/_referrers/sha256/<subject hex>}. */
    record Referrers(RepositoryName name, Digest subject) implements PathSpec {}

    /** {@code repositories/<name>/_referrers/sha256/<subject hex>/<hex>}: the referrer's descriptor as JSON. */
    record Referrer(RepositoryName name, Digest subject, Digest digest) implements PathSpec {}

    /** {@code uploads}. */
    record Uploads() implements PathSpec {}

    /** {@code uploads/<id>}: one upload session (its {@code data} and {@code repository} files). */
    record Upload(UploadId id) implements PathSpec {}

    /** {@code tmp}: where whole blobs are written before their rename into {@code blobs}. */
    record Temp() implements PathSpec {}
}
