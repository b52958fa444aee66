package dev.berth.engine.transfer;

import dev.berth.oci.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * gzips a layer tar for a push, deterministically: the JDK's gzip header has no name and a zero
 * mtime, and the deflate level is fixed, so the same diff compresses to the same blob on every
 * push (a second push finds it at the registry: "Layer already exists").
 */
final class LayerCompressor {
    /** The gzip file made, its digest and size. */
    record Compressed(Path file, Digest digest, long size) {}

    private LayerCompressor() {}

    static Compressed compress(InputStream tar, Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = tar;
             OutputStream raw = new DigestOutputStream(Files.newOutputStream(file), sha);
             GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16)) {
            in.transferTo(gz);
        }
        return new Compressed(file, Digest.parse("sha256:" + HexFormat.of().formatHex(sha.digest())), Files.size(file));
    }
}
