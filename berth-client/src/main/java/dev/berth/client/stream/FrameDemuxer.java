package dev.berth.client.stream;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits Docker's multiplexed stdio stream (stdcopy) back into stdout and stderr. Each frame is an
 * 8-byte header {@code [stream, 0, 0, 0, length as big-endian uint32]} followed by the payload;
 * frames may be split across reads in any way. Only used when the container has no TTY: with a
 * TTY the stream is raw bytes.
 */
public final class FrameDemuxer {
    public static final int STDIN = 0;
    public static final int STDOUT = 1;
    public static final int STDERR = 2;
    /** The daemon reports an error inside the stream; the client aborts with its text. */
    public static final int SYSTEMERR = 3;

    private FrameDemuxer() {}

    /** A {@code systemerr} frame: the daemon failed after the stream had started. */
    public static final class StreamError extends IOException {
        public StreamError(String message) {
            super(message);
        }
    }

    /** Reads until {@code buf} is full or the stream ends (streams may return less than asked for). */
    private static int readFully(InputStream in, byte[] buf) throws IOException {
        int got = 0;
        while (got < buf.length) {
            int n = in.read(buf, got, buf.length - got);
            if (n < 0) break;
            got += n;
        }
        return got;
    }

    /**
     * Copies frames until the end of {@code in}, flushing after each frame so interactive output
     * appears at once. Returns the number of payload bytes copied.
     */
    public static long copy(InputStream in, OutputStream out, OutputStream err) throws IOException {
        byte[] header = new byte[8];
        byte[] buf = new byte[32 * 1024];
        long total = 0;
        while (true) {
            int got = readFully(in, header);
            if (got == 0) return total;
            if (got < 8) throw new EOFException("stream ended inside a frame header");
            int stream = header[0];
            long len = ((header[4] & 0xffL) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8) | (header[7] & 0xff);
            OutputStream target = switch (stream) {
                case STDIN, STDOUT -> out;
                case STDERR -> err;
                case SYSTEMERR -> null;
                default -> throw new IOException("Unrecognized input header: " + stream);
            };
            if (target == null) {
                byte[] msg = new byte[(int) Math.min(len, 1 << 20)];
                msg = java.util.Arrays.copyOf(msg, readFully(in, msg));
                throw new StreamError(new String(msg, StandardCharsets.UTF_8));
            }
            long left = len;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) throw new EOFException("stream ended inside a frame");
                target.write(buf, 0, n);
                left -= n;
            }
            target.flush();
            total += len;
        }
    }
}
