package dev.berth.registry.storage;

import dev.berth.oci.Digest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What each repository holds: links to blobs, manifest revisions (with their media type) and tags.
 * A repository exists once anything was linked into it; the catalog lists those with a manifest
 * directory, as distribution does.
 */
public final class Repositories {
    private final RegistryLayout layout;

    public Repositories(RegistryLayout layout) {
        this.layout = layout;
    }

    // ---- blob links

    public void linkBlob(RepositoryName name, Digest digest) {
        Links.write(layout.path(new PathSpec.LayerLink(name, digest)), "");
    }

    public boolean hasBlobLink(RepositoryName name, Digest digest) {
        return Files.exists(layout.path(new PathSpec.LayerLink(name, digest)));
    }

    public boolean unlinkBlob(RepositoryName name, Digest digest) {
        return Links.delete(layout.path(new PathSpec.LayerLink(name, digest)));
    }

    /** Digests of every blob linked into the repository. */
    public List<Digest> blobLinks(RepositoryName name) {
        return Links.names(layout.path(new PathSpec.LayerLink(name, ZERO)).getParent()).stream()
                .filter(Digest::isHex64).map(hex -> new Digest("sha256", hex)).toList();
    }

    private static final Digest ZERO = new Digest("sha256", "0".repeat(64));

    // ---- manifests

    /** Records a manifest revision; its bytes live in the blob store under the same digest. */
    public void putRevision(RepositoryName name, Digest digest, String mediaType) {
        Links.write(layout.path(new PathSpec.Revision(name, digest)), mediaType);
    }

    /** The media type the manifest was pushed with, or empty when the repository does not hold it. */
    public Optional<String> revision(RepositoryName name, Digest digest) {
        return Links.read(layout.path(new PathSpec.Revision(name, digest)));
    }

    public boolean deleteRevision(RepositoryName name, Digest digest) {
        return Links.delete(layout.path(new PathSpec.Revision(name, digest)));
    }

    public List<Digest> revisions(RepositoryName name) {
        return Links.names(layout.path(new PathSpec.Revisions(name))).stream()
                .filter(Digest::isHex64).map(hex -> new Digest("sha256", hex)).toList();
    }

    // ---- tags

    public void tag(RepositoryName name, Tag tag, Digest digest) {
        Links.write(layout.path(new PathSpec.TagLink(name, tag)), digest.toString());
    }

    public Optional<Digest> resolve(RepositoryName name, Tag tag) {
        return Links.read(layout.path(new PathSpec.TagLink(name, tag))).map(Digest::parse);
    }

    public boolean untag(RepositoryName name, Tag tag) {
        return Links.delete(layout.path(new PathSpec.TagLink(name, tag)));
    }

    /** Tags in lexical order (the spec's order for the tags list). */
    public List<Tag> tags(RepositoryName name) {
        return Links.names(layout.path(new PathSpec.Tags(name))).stream().filter(Tag::isValid).map(Tag::new).toList();
    }

    /** Deletes every tag that points at {@code digest}; the spec makes deleting a manifest by digest untag it. */
    public void untagAll(RepositoryName name, Digest digest) {
        for (Tag t : tags(name)) {
            if (resolve(name, t).filter(digest::equals).isPresent()) untag(name, t);
        }
    }

    public boolean exists(RepositoryName name) {
        return Files.isDirectory(layout.path(new PathSpec.Repository(name)));
    }

    /** Every repository holding a manifest directory, in lexical order. */
    public List<RepositoryName> catalog() {
        Path base = layout.path(new PathSpec.Repositories());
        List<RepositoryName> names = new ArrayList<>();
        if (!Files.isDirectory(base)) return names;
        try {
            Files.walkFileTree(base, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String leaf = dir.getFileName().toString();
                    if (leaf.equals("_manifests")) {
                        names.add(new RepositoryName(base.relativize(dir.getParent()).toString()));
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    // the storage's own directories hold no nested repositories
                    return leaf.startsWith("_") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort((a, b) -> a.value().compareTo(b.value()));
        return names;
    }
}
