package dev.berth.content;

import dev.berth.common.errors.BerthException;
import dev.berth.oci.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.UUID;

/**
 * Content-addressed blob store ({@code <root>/blobs/sha256/<hex>}), containerd's local store in
 * miniature. Every write goes ingest → verify → atomic rename, so a blob under its digest is always
 * complete and correct; a failed or interrupted write leaves only an ingest file, swept at start-up.
 */
public final class ContentStore {
    private final Path blobs;
    private final Path ingest;

    public ContentStore(Path root) {
        this.blobs = root.resolve("blobs").resolve("sha256");
        this.ingest = root.resolve("ingest");
        try {
            Files.createDirectories(blobs);
            Files.createDirectories(ingest);
            try (var stale = Files.list(ingest)) {
                for (Path p : (Iterable<Path>) stale::iterator) Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new BerthException.Internal("cannot open content store at " + root + ": " + e.getMessage(), e);
        }
    }

    public Path path(Digest digest) {
        return blobs.resolve(digest.hex());
    }

    public boolean exists(Digest digest) {
        return Files.exists(path(digest));
    }

    public long size(Digest digest) {
        try {
            return Files.size(path(digest));
        } catch (IOException e) {
            throw new BerthException.NotFound("content " + digest + " not found");
        }
    }

    public byte[] read(Digest digest) {
        try {
            return Files.readAllBytes(path(digest));
        } catch (IOException e) {
            throw new BerthException.NotFound("content " + digest + " not found");
        }
    }

    public InputStream open(Digest digest) {
        try {
            return Files.newInputStream(path(digest));
        } catch (IOException e) {
            throw new BerthException.NotFound("content " + digest + " not found");
        }
    }

    /** Writes a blob whose digest is not known in advance; returns the digest it was stored under. */
    public Digest write(InputStream in) {
        return ingest(in, null);
    }

    /** Writes bytes that must hash to {@code expected}. */
    public Digest write(byte[] content, Digest expected) {
        return ingest(new java.io.ByteArrayInputStream(content), expected);
    }

    public Digest write(byte[] content) {
        return ingest(new java.io.ByteArrayInputStream(content), null);
    }

    /** Lets a producer stream a blob; the digest is computed as it is written. */
    public interface BlobWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    public Digest write(BlobWriter writer) {
        Path tmp = ingest.resolve(UUID.randomUUID().toString());
        try {
            MessageDigest md = Digest.sha256();
            try (OutputStream out = new DigestOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16), md)) {
                writer.writeTo(out);
            }
            return commit(tmp, Digest.fromMessageDigest(md), null);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new BerthException.Internal("cannot write blob: " + e.getMessage(), e);
        }
    }

    private Digest ingest(InputStream in, Digest expected) {
        return write(out -> in.transferTo(out), expected);
    }

    private Digest write(BlobWriter writer, Digest expected) {
        Path tmp = ingest.resolve(UUID.randomUUID().toString());
        try {
            MessageDigest md = Digest.sha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), md)) {
                writer.writeTo(out);
            }
            return commit(tmp, Digest.fromMessageDigest(md), expected);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new BerthException.Internal("cannot write blob: " + e.getMessage(), e);
        }
    }

    private Digest commit(Path tmp, Digest actual, Digest expected) throws IOException {
        if (expected != null && !expected.equals(actual)) {
            deleteQuietly(tmp);
            throw new BerthException.InvalidArgument("digest mismatch: expected " + expected + ", got " + actual);
        }
        Path target = path(actual);
        if (Files.exists(target)) {
            deleteQuietly(tmp);
        } else {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        }
        return actual;
    }

    public void delete(Digest digest) {
        deleteQuietly(path(digest));
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the sweep at start-up removes what is left
        }
    }
}
