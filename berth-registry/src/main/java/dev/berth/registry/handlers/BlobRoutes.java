package dev.berth.registry.handlers;

import dev.berth.oci.Digest;
import dev.berth.registry.errors.ErrorCode;
import dev.berth.registry.errors.RegistryException;
import dev.berth.registry.storage.BlobStore;
import dev.berth.registry.storage.Digests;
import dev.berth.registry.storage.Repositories;
import dev.berth.registry.storage.RepositoryName;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/** {@code /v2/<name>/blobs/<digest>}: HEAD, GET (with a single Range) and DELETE. */
final class BlobRoutes {
    private final BlobStore blobs;
    private final Repositories repositories;
    private final Upstream upstream;

    BlobRoutes(BlobStore blobs, Repositories repositories, Upstream upstream) {
        this.blobs = blobs;
        this.repositories = repositories;
        this.upstream = upstream;
    }

    void handle(Exchange ex, RepositoryName name, String digestText) throws IOException {
        Digest digest = Digests.parse(digestText);
        switch (ex.method()) {
            case "HEAD", "GET" -> serve(ex, name, digest);
            case "DELETE" -> {
                if (!repositories.unlinkBlob(name, digest)) throw unknown(digest);
                ex.status(202).empty();
            }
            default -> throw Dispatcher.methodNotAllowed(ex);
        }
    }

    private void serve(Exchange ex, RepositoryName name, Digest digest) throws IOException {
        if (!present(name, digest)) throw unknown(digest);
        // a client told the blob exists may reference it in its next manifest: keep gc off it
        blobs.touch(digest);
        long size = blobs.size(digest).orElseThrow(() -> unknown(digest));
        Optional<ByteRange> range;
        try {
            range = ex.isHead() ? Optional.empty() : ByteRange.parse(ex.header("Range"), size);
        } catch (ByteRange.Unsatisfiable e) {
            ex.header("Content-Range", "bytes */" + size);
            throw new RegistryException(ErrorCode.BLOB_UNKNOWN, 416, "range not satisfiable for a blob of " + size + " bytes");
        }
        ex.header("Docker-Content-Digest", digest.toString())
                .header("Content-Type", "application/octet-stream")
                .header("Accept-Ranges", "bytes")
                .header("ETag", "\"" + digest + "\"");
        long first = range.map(ByteRange::first).orElse(0L);
        long length = range.map(ByteRange::length).orElse(size);
        if (range.isPresent()) {
            ex.status(206).header("Content-Range", "bytes " + first + "-" + range.get().last() + "/" + size);
        } else {
            ex.status(200);
        }
        ex.header("Content-Length", Long.toString(length));
        if (ex.isHead()) {
            ex.empty();
            return;
        }
        try (FileChannel ch = FileChannel.open(blobs.path(digest), StandardOpenOption.READ);
             InputStream in = Channels.newInputStream(ch.position(first));
             OutputStream out = ex.stream()) {
            copy(in, out, length);
        }
    }

    private boolean present(RepositoryName name, Digest digest) {
        if (repositories.hasBlobLink(name, digest) && blobs.exists(digest)) return true;
        return upstream.fetchBlob(name, digest);
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = length;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) throw new IOException("blob shorter than its recorded size");
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private static RegistryException unknown(Digest digest) {
        return new RegistryException(ErrorCode.BLOB_UNKNOWN, digest.toString());
    }
}
