package dev.berth.registry.storage;

import dev.berth.oci.Digest;
import dev.berth.registry.errors.ErrorCode;
import dev.berth.registry.errors.RegistryException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Blob upload sessions, one directory each under {@code uploads/}. The session's whole state is
 * on disk (the bytes so far in {@code data}, the repository in {@code repository}), so an upload
 * started on one server may be resumed on another sharing the root, and its offset is simply the
 * size of {@code data}.
 *
 * <p>Lifecycle: {@link #start} → {@link #append}* → {@link #finish} (verify the digest, move the
 * file into the blob store) or {@link #cancel}. Sessions abandoned by their client are removed
 * by gc once older than its upload threshold.
 */
public final class UploadSessions {
    private final RegistryLayout layout;
    private final BlobStore blobs;

    public UploadSessions(RegistryLayout layout, BlobStore blobs) {
        this.layout = layout;
        this.blobs = blobs;
    }

    public UploadId start(RepositoryName name) {
        UploadId id = UploadId.random();
        Path dir = dir(id);
        try {
            Files.createDirectories(dir);
            Files.createFile(dir.resolve("data"));
            Links.write(dir.resolve("repository"), name.value());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start upload", e);
        }
        return id;
    }

    /** The number of bytes received so far. Throws BLOB_UPLOAD_UNKNOWN for a session not of this repository. */
    public long offset(RepositoryName name, UploadId id) {
        check(name, id);
        try {
            return Files.size(dir(id).resolve("data"));
        } catch (NoSuchFileException e) {
            throw unknown(id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Appends a chunk. {@code start} is where the client says the chunk begins (from Content-Range),
     * or -1 for a streamed PATCH without one; a chunk that does not continue the upload is refused
     * with 416, as the spec asks. Returns the new offset.
     */
    public long append(RepositoryName name, UploadId id, long start, long length, InputStream chunk) {
        long offset = offset(name, id);
        if (start >= 0 && start != offset) {
            throw new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, 416,
                    "chunk starts at " + start + " but the upload has " + offset + " bytes");
        }
        Path data = dir(id).resolve("data");
        try (OutputStream out = Files.newOutputStream(data, StandardOpenOption.APPEND)) {
            long copied = chunk.transferTo(out);
            if (length >= 0 && copied != length) {
                throw new RegistryException(ErrorCode.SIZE_INVALID, "chunk has " + copied + " bytes, Content-Length said " + length);
            }
            return offset + copied;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to upload " + id, e);
        }
    }

    /** Hashes the whole upload and moves it into the blob store when it matches {@code expected}; the session is gone afterwards either way it succeeds. */
    public void finish(RepositoryName name, UploadId id, Digest expected) {
        check(name, id);
        Path data = dir(id).resolve("data");
        MessageDigest md = Digest.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(data), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (NoSuchFileException e) {
            throw unknown(id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Digest actual = Digest.fromMessageDigest(md);
        if (!actual.equals(expected)) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, "expected " + expected + ", upload is " + actual);
        }
        try {
            blobs.adopt(data, actual);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        delete(id);
    }

    public void cancel(RepositoryName name, UploadId id) {
        check(name, id);
        delete(id);
    }

    /** A session on disk and when it last received bytes. */
    public record Session(UploadId id, Instant lastWrite) {}

    public List<Session> list() {
        List<Session> out = new ArrayList<>();
        for (String n : Links.names(layout.path(new PathSpec.Uploads()))) {
            if (!UploadId.isValid(n)) continue;
            Path dir = dir(new UploadId(n));
            try {
                Path data = dir.resolve("data");
                Path newest = Files.exists(data) ? data : dir;
                out.add(new Session(new UploadId(n), Files.getLastModifiedTime(newest).toInstant()));
            } catch (IOException raced) {
                // finished meanwhile
            }
        }
        return out;
    }

    public void delete(UploadId id) {
        Path dir = dir(id);
        for (String f : List.of("data", "repository")) Links.delete(dir.resolve(f));
        try (var rest = Files.list(dir)) {
            // temp files of an interrupted repository write
            for (Path p : (Iterable<Path>) rest::iterator) Files.deleteIfExists(p);
        } catch (NoSuchFileException gone) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Links.delete(dir);
    }

    private void check(RepositoryName name, UploadId id) {
        String owner = Links.read(dir(id).resolve("repository")).orElseThrow(() -> unknown(id));
        if (!owner.equals(name.value())) throw unknown(id);
    }

    private Path dir(UploadId id) {
        return layout.path(new PathSpec.Upload(id));
    }

    private static RegistryException unknown(UploadId id) {
        return new RegistryException(ErrorCode.BLOB_UPLOAD_UNKNOWN, "upload " + id + " is not known");
    }
}
