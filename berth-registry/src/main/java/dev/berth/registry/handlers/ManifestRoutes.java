package dev.berth.registry.handlers;

import dev.berth.registry.errors.ErrorCode;
import dev.berth.registry.errors.RegistryException;
import dev.berth.registry.storage.ManifestStore;
import dev.berth.registry.storage.Reference;
import dev.berth.registry.storage.RepositoryName;

import java.io.IOException;
import java.util.Optional;

/** {@code /v2/<name>/manifests/<reference>}: GET, HEAD, PUT and DELETE by tag or by digest. */
final class ManifestRoutes {
    private final ManifestStore manifests;
    private final Upstream upstream;

    ManifestRoutes(ManifestStore manifests, Upstream upstream) {
        this.manifests = manifests;
        this.upstream = upstream;
    }

    void handle(Exchange ex, RepositoryName name, String referenceText) throws IOException {
        switch (ex.method()) {
            case "GET", "HEAD" -> get(ex, name, referenceText);
            case "PUT" -> put(ex, name, Reference.parse(referenceText));
            case "DELETE" -> {
                manifests.delete(name, Reference.parse(referenceText));
                ex.status(202).empty();
            }
            default -> throw Dispatcher.methodNotAllowed(ex);
        }
    }

    private void get(Exchange ex, RepositoryName name, String referenceText) throws IOException {
        Reference reference;
        try {
            reference = Reference.parse(referenceText);
        } catch (RegistryException e) {
            // an unparseable tag cannot name anything stored: answer as for any unknown manifest
            if (e.code() == ErrorCode.MANIFEST_INVALID) throw unknown(name, referenceText);
            throw e;
        }
        // a tag may have moved upstream: a pull-through cache asks first (and keeps serving its copy
        // when the upstream is unreachable); a digest never changes, so it is fetched only on a miss
        if (reference instanceof Reference.ByTag) upstream.fetchManifest(name, referenceText);
        Optional<ManifestStore.Stored> stored = manifests.get(name, reference);
        if (stored.isEmpty() && reference instanceof Reference.ByDigest && upstream.fetchManifest(name, referenceText)) {
            stored = manifests.get(name, reference);
        }
        ManifestStore.Stored m = stored.orElseThrow(() -> unknown(name, referenceText));
        // served exactly as pushed, whatever the Accept header: the digest covers these bytes
        ex.status(200)
                .header("Docker-Content-Digest", m.digest().toString())
                .header("ETag", "\"" + m.digest() + "\"")
                .bytes(m.mediaType(), m.content());
    }

    private void put(Exchange ex, RepositoryName name, Reference reference) throws IOException {
        byte[] content;
        try {
            content = ex.bodyBytes(ManifestStore.MAX_MANIFEST_BYTES);
        } catch (IOException tooLarge) {
            throw new RegistryException(ErrorCode.MANIFEST_INVALID, tooLarge.getMessage());
        }
        ManifestStore.Pushed pushed = manifests.put(name, reference, content, ex.header("Content-Type"));
        pushed.subject().ifPresent(subject -> ex.header("OCI-Subject", subject.toString()));
        ex.status(201)
                .header("Location", "/v2/" + name + "/manifests/" + pushed.digest())
                .header("Docker-Content-Digest", pushed.digest().toString())
                .empty();
    }

    private static RegistryException unknown(RepositoryName name, String reference) {
        return new RegistryException(ErrorCode.MANIFEST_UNKNOWN, "manifest " + name + ":" + reference + " not found");
    }
}
