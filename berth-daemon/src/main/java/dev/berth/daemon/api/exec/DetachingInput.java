package dev.berth.daemon.api.exec;

import dev.berth.dockerapi.DetachKeys;

import java.io.IOException;
import java.io.InputStream;

/** The client's stdin up to the detach keys, which are not passed on; then end of input and {@code onDetach}. */
final class DetachingInput extends InputStream {
    private final InputStream in;
    private final DetachKeys.Scanner scanner;
    private final Runnable onDetach;
    private byte[] pending = new byte[0];
    private int pos;

    DetachingInput(InputStream in, DetachKeys.Scanner scanner, Runnable onDetach) {
        this.in = in;
        this.scanner = scanner;
        this.onDetach = onDetach;
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
            if (scanner.detached()) return -1;
            byte[] buf = new byte[Math.max(len, 1024)];
            int n = in.read(buf, 0, buf.length);
            if (n < 0) return -1;
            pending = scanner.filter(buf, 0, n);
            pos = 0;
            if (scanner.detached()) {
                onDetach.run();
                if (pending.length == 0) return -1;
            }
        }
        int n = Math.min(len, pending.length - pos);
        System.arraycopy(pending, pos, b, off, n);
        pos += n;
        return n;
    }
}
