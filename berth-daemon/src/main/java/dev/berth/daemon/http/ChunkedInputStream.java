package dev.berth.daemon.http;

import java.io.IOException;
import java.io.InputStream;

/** Decodes a {@code Transfer-Encoding: chunked} request body. */
final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;
    private boolean eof;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    private boolean next() throws IOException {
        if (eof) return false;
        if (remaining == 0) {
            String line = HttpConnection.readLine(in);
            if (line == null) { eof = true; return false; }
            if (line.isEmpty()) line = HttpConnection.readLine(in);
            if (line == null) { eof = true; return false; }
            int semi = line.indexOf(';');
            remaining = Long.parseLong((semi < 0 ? line : line.substring(0, semi)).trim(), 16);
            if (remaining == 0) {
                String trailer;
                while ((trailer = HttpConnection.readLine(in)) != null && !trailer.isEmpty()) { /* skip trailers */ }
                eof = true;
                return false;
            }
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        byte[] b = new byte[1];
        int n = read(b, 0, 1);
        return n < 0 ? -1 : b[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (!next()) return -1;
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) { eof = true; return -1; }
        remaining -= n;
        if (remaining == 0) HttpConnection.readLine(in);
        return n;
    }
}
