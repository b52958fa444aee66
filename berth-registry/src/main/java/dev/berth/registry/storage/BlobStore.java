package dev.berth.registry.storage;

import dev.berth.oci.Digest;
import dev.berth.registry.errors.ErrorCode;
import dev.berth.registry.errors.RegistryException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Content-addressed blobs under {@code blobs/sha256}, the same layout as berth-content's store.
 * Not that class itself: its constructor clears its ingest directory, which would cut off another
 * server's upload in flight on a shared root, and uploads here are resumable files of their own.
 * A blob is written to {@code tmp/}, hashed on the way, and renamed into place only once verified.
 */
public final class BlobStore {
    private final RegistryLayout layout;

    public BlobStore(RegistryLayout layout) {
        this.layout = layout;
        try {
            Files.createDirectories(layout.path(new PathSpec.Blobs()));
            Files.createDirectories(layout.path(new PathSpec.Temp()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the registry's storage under " + layout.root(), e);
        }
    }

    public Path path(Digest digest) {
        return layout.path(new PathSpec.Blob(digest));
    }

    public boolean exists(Digest digest) {
        return Files.isRegularFile(path(digest));
    }

    /** The blob's size, or empty when it is not stored. */
    public Optional<Long> size(Digest digest) {
        try {
            return Optional.of(Files.size(path(digest)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Streams {@code in} into the store; the content must hash to {@code expected} (when given) or
     * the write is refused with DIGEST_INVALID and nothing is kept.
     */
    public Digest write(InputStream in, Digest expected) {
        Path tmp = layout.path(new PathSpec.Temp()).resolve(UUID.randomUUID().toString());
        try {
            MessageDigest md = Digest.sha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), md)) {
                in.transferTo(out);
            }
            Digest actual = Digest.fromMessageDigest(md);
            if (expected != null && !expected.equals(actual)) {
                throw new RegistryException(ErrorCode.DIGEST_INVALID, "expected " + expected + ", content is " + actual);
            }
            adopt(tmp, actual);
            return actual;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write blob", e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Convenience for small content (manifests). */
    public Digest write(byte[] content, Digest expected) {
        return write(new java.io.ByteArrayInputStream(content), expected);
    }

    /**
     * Moves an already verified file into place under {@code digest}. When the blob is already
     * there (another push, another server) the file is dropped and the blob's mtime refreshed.
     */
    public void adopt(Path verified, Digest digest) throws IOException {
        Path target = path(digest);
        if (Files.exists(target)) {
            touch(digest);
            Files.deleteIfExists(verified);
            return;
        }
        try {
            Files.move(verified, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            Files.deleteIfExists(verified);
        }
    }

    /**
     * Marks the blob as in use now: garbage collection never removes a blob younger than its grace
     * period, so a client that was just told the blob exists may still reference it in a manifest.
     */
    public void touch(Digest digest) {
        try {
            Files.setLastModifiedTime(path(digest), FileTime.from(Instant.now()));
        } catch (NoSuchFileException gone) {
            // nothing to protect
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] read(Digest digest) {
        try {
            return Files.readAllBytes(path(digest));
        } catch (NoSuchFileException e) {
            throw new RegistryException(ErrorCode.BLOB_UNKNOWN, digest.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean delete(Digest digest) {
        try {
            return Files.deleteIfExists(path(digest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stored blob and when it was last written or touched. */
    public record StoredBlob(Digest digest, long size, Instant modified) {}

    public List<StoredBlob> list() {
        List<StoredBlob> all = new ArrayList<>();
        try (var files = Files.list(layout.path(new PathSpec.Blobs()))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (!Digest.isHex64(name)) continue;
                try {
                    var attrs = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class);
                    all.add(new StoredBlob(new Digest("sha256", name), attrs.size(), attrs.lastModifiedTime().toInstant()));
                } catch (NoSuchFileException raced) {
                    // removed meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // gc sweeps tmp/
        }
    }
}
