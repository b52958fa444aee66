package dev.berth.registry.storage;

import java.nio.file.Path;

/** The one place that turns a {@link PathSpec} into a path under the registry's root. */
public final class RegistryLayout {
    private final Path root;

    public RegistryLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path path(PathSpec spec) {
        return switch (spec) {
            case PathSpec.Blob b -> path(new PathSpec.Blobs()).resolve(b.digest().hex());
            case PathSpec.Blobs b -> root.resolve("blobs").resolve("sha256");
            case PathSpec.Repositories r -> root.resolve("repositories");
            case PathSpec.Repository r -> path(new PathSpec.Repositories()).resolve(r.name().value());
            case PathSpec.LayerLink l -> repo(l.name()).resolve("_layers").resolve("sha256").resolve(l.digest().hex());
            case PathSpec.Revisions r -> repo(r.name()).resolve("_manifests").resolve("revisions").resolve("sha256");
            case PathSpec.Revision r -> path(new PathSpec.Revisions(r.name())).resolve(r.digest().hex());
            case PathSpec.Tags t -> repo(t.name()).resolve("_manifests").resolve("tags");
            case PathSpec.TagLink t -> path(new PathSpec.Tags(t.name())).resolve(t.tag().value());
            case PathSpec.Referrers r -> repo(r.name()).resolve("_referrers").resolve("sha256").resolve(r.subject().hex());
            case PathSpec.Referrer r -> path(new PathSpec.Referrers(r.name(), r.subject())).resolve(r.digest().hex());
            case PathSpec.Uploads u -> root.resolve("uploads");
            case PathSpec.Upload u -> path(new PathSpec.Uploads()).resolve(u.id().value());
            case PathSpec.Temp t -> root.resolve("tmp");
        };
    }

    private Path repo(RepositoryName name) {
        return path(new PathSpec.Repository(name));
    }
}
