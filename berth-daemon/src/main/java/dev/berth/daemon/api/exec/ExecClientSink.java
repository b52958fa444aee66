package dev.berth.daemon.api.exec;

import dev.berth.dockerapi.StdStreams;
import dev.berth.engine.container.AttachSession;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The hijacked connection as the exec's output. After a detach the client is gone but the
 * process runs on: its output is read and dropped, so it never blocks on a full pty.
 */
final class ExecClientSink implements AttachSession.Sink {
    private final OutputStream out;
    private final boolean tty;
    private volatile boolean detached;

    ExecClientSink(OutputStream out, boolean tty) {
        this.out = out;
        this.tty = tty;
    }

    @Override
    public void write(int stream, byte[] data) throws IOException {
        if (detached) return;
        synchronized (out) {
            out.write(tty ? data : StdStreams.frame(stream, data));
            out.flush();
        }
    }

    void detach() {
        detached = true;
        close();
    }

    @Override
    public void close() {
        try {
            synchronized (out) {
                out.flush();
                out.close();
            }
        } catch (IOException ignored) {
            // client gone
        }
    }
}
