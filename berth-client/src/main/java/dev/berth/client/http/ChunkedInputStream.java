package dev.berth.client.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes a chunked transfer-encoded body. Each {@code read} returns what is available of the
 * current chunk without waiting for the next one, so streamed messages (events, stats, logs -f)
 * reach the caller as soon as the daemon flushes them.
 */
public final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;
    private boolean eof;

    public ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (eof) return -1;
        if (remaining == 0) {
            remaining = nextChunkSize();
            if (remaining == 0) {
                skipTrailers();
                eof = true;
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) throw new EOFException("connection closed inside a chunk");
        remaining -= n;
        if (remaining == 0) readCrlf();
        return n;
    }

    @Override
    public int available() throws IOException {
        return eof ? 0 : (int) Math.min(remaining, in.available());
    }

    private long nextChunkSize() throws IOException {
        String line = HttpCodec.readLine(in);
        if (line == null) throw new EOFException("connection closed before the last chunk");
        int semi = line.indexOf(';');
        String hex = (semi >= 0 ? line.substring(0, semi) : line).trim();
        try {
            return Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new IOException("bad chunk size: " + line);
        }
    }

    private void readCrlf() throws IOException {
        String line = HttpCodec.readLine(in);
        if (line == null) {
            eof = true;
        } else if (!line.isEmpty()) {
            throw new IOException("missing CRLF after chunk");
        }
    }

    private void skipTrailers() throws IOException {
        String line;
        do {
            line = HttpCodec.readLine(in);
        } while (line != null && !line.isEmpty());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
