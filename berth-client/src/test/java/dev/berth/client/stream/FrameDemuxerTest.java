package dev.berth.client.stream;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FrameDemuxerTest {
    private static byte[] frame(int stream, String payload) {
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        byte[] f = new byte[8 + p.length];
        f[0] = (byte) stream;
        f[4] = (byte) (p.length >>> 24);
        f[5] = (byte) (p.length >>> 16);
        f[6] = (byte) (p.length >>> 8);
        f[7] = (byte) p.length;
        System.arraycopy(p, 0, f, 8, p.length);
        return f;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** Returns at most {@code n} bytes per read, to split frames anywhere. */
    private static InputStream trickle(byte[] data, int n) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, n));
            }
        };
    }

    @Test
    void splitsStdoutAndStderr() throws IOException {
        // the frames the daemon sent for `sh -c 'echo out; echo err >&2'` (shared/api-captures/exec)
        byte[] data = concat(frame(1, "out\n"), frame(2, "err\n"), frame(1, "more\n"));
        for (int chunk : new int[]{1, 3, 7, 8, 9, 1000}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            long n = FrameDemuxer.copy(trickle(data, chunk), out, err);
            assertEquals("out\nmore\n", out.toString(StandardCharsets.UTF_8), "chunk " + chunk);
            assertEquals("err\n", err.toString(StandardCharsets.UTF_8));
            assertEquals(13, n);
        }
    }

    @Test
    void largeAndEmptyFrames() throws IOException {
        String big = "x".repeat(100_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameDemuxer.copy(new ByteArrayInputStream(concat(frame(1, ""), frame(1, big))), out, new ByteArrayOutputStream());
        assertEquals(big, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void systemErrorFrameAborts() {
        FrameDemuxer.StreamError e = assertThrows(FrameDemuxer.StreamError.class, () -> FrameDemuxer.copy(
                new ByteArrayInputStream(concat(frame(1, "a"), frame(3, "daemon failed"))), new ByteArrayOutputStream(), new ByteArrayOutputStream()));
        assertEquals("daemon failed", e.getMessage());
    }

    @Test
    void truncatedStreamsAreErrors() {
        byte[] f = frame(1, "hello");
        assertThrows(IOException.class, () -> FrameDemuxer.copy(new ByteArrayInputStream(f, 0, 5), new ByteArrayOutputStream(), new ByteArrayOutputStream()));
        assertThrows(IOException.class, () -> FrameDemuxer.copy(new ByteArrayInputStream(f, 0, 10), new ByteArrayOutputStream(), new ByteArrayOutputStream()));
        assertThrows(IOException.class, () -> FrameDemuxer.copy(new ByteArrayInputStream(frame(7, "x")), new ByteArrayOutputStream(), new ByteArrayOutputStream()));
    }

    @Test
    void jsonStreamYieldsEachDocument() throws IOException {
        byte[] data = "{\"status\":\"a\"}\r\n{\"status\":\"b\"}\n{\"id\":1}".getBytes(StandardCharsets.UTF_8);
        try (JsonStream s = new JsonStream(trickle(data, 2))) {
            assertEquals("a", s.next().path("status").asText());
            assertEquals("b", s.next().path("status").asText());
            assertEquals(1, s.next().path("id").asInt());
            assertEquals(null, s.next());
        }
    }
}
