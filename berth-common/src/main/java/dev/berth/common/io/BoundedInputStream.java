package dev.berth.common.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * An HTTP body of known Content-Length on a connection that carries more: reads stop at the end
 * of the body, not at the end of the socket. Closing it closes the connection only when asked to
 * (a client's response body); a server's request body leaves the connection open for the next
 * request and is {@link #drain() drained} instead.
 */
public final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private final boolean closeUnderlying;
    private long remaining;

    public BoundedInputStream(InputStream in, long length, boolean closeUnderlying) {
        this.in = in;
        this.remaining = length;
        this.closeUnderlying = closeUnderlying;
    }

    @Override
    public int read() throws IOException {
        if (remaining <= 0) return -1;
        int b = in.read();
        if (b >= 0) remaining--;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) return -1;
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n > 0) remaining -= n;
        return n;
    }

    /** Reads and discards what the handler left of the body. */
    public void drain() throws IOException {
        while (remaining > 0 && read() >= 0) { /* discard unread body */ }
    }

    @Override
    public void close() throws IOException {
        if (closeUnderlying) in.close();
    }
}
