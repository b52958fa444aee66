package dev.berth.dockerapi;

import java.io.IOException;
import java.io.InputStream;

/**
 * A TTY client's stdin up to its detach keys, which are not passed on; then end of input. Once
 * everything typed before the keys has been read, {@code onDetach} runs (once), and
 * {@link #detached()} tells that end of input apart from the client closing its side.
 */
public final class DetachingInput extends InputStream {
    private final InputStream in;
    private final DetachKeys.Scanner scanner;
    private final Runnable onDetach;
    private byte[] pending = new byte[0];
    private int pos;
    private boolean announced;

    public DetachingInput(InputStream in, DetachKeys.Scanner scanner, Runnable onDetach) {
        this.in = in;
        this.scanner = scanner;
        this.onDetach = onDetach;
    }

    public boolean detached() {
        return scanner.detached();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (pos == pending.length) {
            if (scanner.detached()) {
                if (!announced) {
                    announced = true;
                    onDetach.run();
                }
                return -1;
            }
            byte[] buf = new byte[Math.max(len, 1024)];
            int n = in.read(buf, 0, buf.length);
            if (n < 0) return -1;
            pending = scanner.filter(buf, 0, n);
            pos = 0;
        }
        int n = Math.min(len, pending.length - pos);
        System.arraycopy(pending, pos, b, off, n);
        pos += n;
        return n;
    }
}
