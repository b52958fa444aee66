package dev.berth.distribution;

import dev.berth.oci.Digest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifyingInputStreamTest {
    private static final byte[] BLOB = "layer bytes".getBytes(StandardCharsets.UTF_8);

    private static byte[] read(byte[] served, long size) throws Exception {
        try (InputStream in = new VerifyingInputStream(new ByteArrayInputStream(served), Digest.of(BLOB), size)) {
            return in.readAllBytes();
        }
    }

    @Test
    void passesTheRightBlob() throws Exception {
        assertArrayEquals(BLOB, read(BLOB, BLOB.length));
    }

    @Test
    void refusesATamperedBlobOfTheSameSize() {
        byte[] tampered = BLOB.clone();
        tampered[0] ^= 1;
        var e = assertThrows(VerifyingInputStream.DigestMismatchException.class, () -> read(tampered, BLOB.length));
        assertTrue(e.getMessage().contains("digest mismatch"), e.getMessage());
    }

    @Test
    void refusesATruncatedAndAnOverlongBlob() {
        byte[] cut = java.util.Arrays.copyOf(BLOB, BLOB.length - 1);
        assertTrue(assertThrows(VerifyingInputStream.DigestMismatchException.class, () -> read(cut, BLOB.length)).getMessage().contains("cut short"));
        byte[] longer = java.util.Arrays.copyOf(BLOB, BLOB.length + 5);
        assertTrue(assertThrows(VerifyingInputStream.DigestMismatchException.class, () -> read(longer, BLOB.length)).getMessage().contains("longer"));
    }
}
