package dev.berth.registry.handlers;

import dev.berth.oci.Digest;
import dev.berth.registry.errors.ErrorCode;
import dev.berth.registry.errors.RegistryException;
import dev.berth.registry.storage.BlobStore;
import dev.berth.registry.storage.Digests;
import dev.berth.registry.storage.Repositories;
import dev.berth.registry.storage.RepositoryName;
import dev.berth.registry.storage.UploadId;
import dev.berth.registry.storage.UploadSessions;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Blob uploads: {@code POST /v2/<name>/blobs/uploads/} (start a session, push monolithically with
 * {@code ?digest=}, or mount from another repository with {@code ?mount=&from=}), and on
 * {@code /v2/<name>/blobs/uploads/<id>}: PATCH a chunk, PUT to finish, GET the offset, DELETE.
 */
final class UploadRoutes {
    private final BlobStore blobs;
    private final Repositories repositories;
    private final UploadSessions uploads;

    UploadRoutes(BlobStore blobs, Repositories repositories, UploadSessions uploads) {
        this.blobs = blobs;
        this.repositories = repositories;
        this.uploads = uploads;
    }

    void start(Exchange ex, RepositoryName name) throws IOException {
        if (!ex.method().equals("POST")) throw Dispatcher.methodNotAllowed(ex);
        String mount = ex.query("mount");
        if (mount != null && mounted(ex, name, Digests.parse(mount), ex.query("from"))) return;
        String digest = ex.query("digest");
        if (digest != null) {
            Digest expected = Digests.parse(digest);
            try (InputStream in = ex.body()) {
                blobs.write(in, expected);
            }
            created(ex, name, expected);
            return;
        }
        UploadId id = uploads.start(name);
        accepted(ex, name, id, 0, 202);
    }

    void session(Exchange ex, RepositoryName name, String idText) throws IOException {
        if (!UploadId.isValid(idText)) throw new RegistryException(ErrorCode.BLOB_UPLOAD_UNKNOWN, "upload " + idText + " is not known");
        UploadId id = new UploadId(idText);
        switch (ex.method()) {
            case "GET" -> accepted(ex, name, id, uploads.offset(name, id), 204);
            case "PATCH" -> accepted(ex, name, id, append(ex, name, id), 202);
            case "PUT" -> {
                String digest = ex.query("digest");
                if (digest == null) throw new RegistryException(ErrorCode.DIGEST_INVALID, "the final PUT needs ?digest=");
                Digest expected = Digests.parse(digest);
                if (ex.contentLength() != 0) append(ex, name, id);
                uploads.finish(name, id, expected);
                created(ex, name, expected);
            }
            case "DELETE" -> {
                uploads.cancel(name, id);
                ex.status(204).empty();
            }
            default -> throw Dispatcher.methodNotAllowed(ex);
        }
    }

    /**
     * Appends the request body. With a Content-Range it must start where the upload ends and be as
     * long as it says (416 otherwise, as the spec asks); without one it is a streamed chunk.
     */
    private long append(Exchange ex, RepositoryName name, UploadId id) throws IOException {
        Optional<long[]> range = ByteRange.uploadRange(ex.header("Content-Range"));
        long start = -1;
        long length = ex.contentLength();
        if (range.isPresent()) {
            long[] r = range.get();
            if (r[0] < 0 || r[1] < r[0] || (length >= 0 && r[1] - r[0] + 1 != length)) {
                throw new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, 416, "invalid Content-Range " + ex.header("Content-Range"));
            }
            start = r[0];
            length = r[1] - r[0] + 1;
        }
        try (InputStream in = ex.body()) {
            return uploads.append(name, id, start, length, in);
        }
    }

    /** A cross-repository mount: the blob is linked when {@code from} holds it; otherwise the caller starts an upload. */
    private boolean mounted(Exchange ex, RepositoryName name, Digest digest, String from) throws IOException {
        if (from == null) return false;
        RepositoryName source;
        try {
            source = new RepositoryName(from);
        } catch (RegistryException invalid) {
            return false;
        }
        if (!repositories.hasBlobLink(source, digest) || !blobs.exists(digest)) return false;
        created(ex, name, digest);
        return true;
    }

    private void created(Exchange ex, RepositoryName name, Digest digest) throws IOException {
        repositories.linkBlob(name, digest);
        blobs.touch(digest);
        ex.status(201)
                .header("Location", "/v2/" + name + "/blobs/" + digest)
                .header("Docker-Content-Digest", digest.toString())
                .empty();
    }

    private static void accepted(Exchange ex, RepositoryName name, UploadId id, long offset, int status) throws IOException {
        ex.status(status)
                .header("Location", "/v2/" + name + "/blobs/uploads/" + id)
                .header("Range", "0-" + Math.max(0, offset - 1))
                .header("Docker-Upload-UUID", id.value())
                .empty();
    }
}
