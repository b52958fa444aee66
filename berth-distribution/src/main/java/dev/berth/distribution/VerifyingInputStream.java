package dev.berth.distribution;

import dev.berth.oci.Digest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Passes a blob through while hashing it, and fails the read that reaches its end unless exactly
 * {@code size} bytes hashing to {@code expected} came: a reader that sees end-of-stream has a
 * verified blob, and one that sees an exception must throw away everything it read. A body longer
 * than declared fails as soon as the extra byte arrives, so a lying registry cannot fill the disk.
 */
public final class VerifyingInputStream extends FilterInputStream {
    /** The blob was not the one the manifest named. */
    public static final class DigestMismatchException extends IOException {
        public DigestMismatchException(String message) {
            super(message);
        }
    }

    private final Digest expected;
    private final long size;
    private final MessageDigest md = Digest.sha256();
    private long count;
    private boolean verified;

    /** {@code size} < 0 when unknown: then only the digest is checked. */
    public VerifyingInputStream(InputStream in, Digest expected, long size) {
        super(in);
        this.expected = expected;
        this.size = size;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (verified) return -1;
        int n = in.read(b, off, len);
        if (n < 0) {
            verify();
            return -1;
        }
        count += n;
        if (size >= 0 && count > size) {
            throw new DigestMismatchException("blob " + expected + " is longer than the " + size + " bytes its descriptor declares");
        }
        md.update(b, off, n);
        return n;
    }

    private void verify() throws IOException {
        if (size >= 0 && count != size) {
            throw new DigestMismatchException("blob " + expected + " was cut short: " + count + " of " + size + " bytes");
        }
        Digest actual = Digest.fromMessageDigest(md);
        if (!actual.equals(expected)) {
            throw new DigestMismatchException("digest mismatch for " + expected + ": the registry sent content hashing to " + actual);
        }
        verified = true;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("a verified blob is read, not skipped");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    public long count() {
        return count;
    }
}
