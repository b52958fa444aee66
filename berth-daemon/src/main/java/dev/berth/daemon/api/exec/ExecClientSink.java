package dev.berth.daemon.api.exec;

import dev.berth.dockerapi.StdStreams;
import dev.berth.engine.container.AttachSession;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The hijacked connection as the exec's output: multiplexed frames, or raw bytes when the start
 * asked for a TTY stream, which carries stdout only (dockerd attaches no stderr to a raw exec
 * stream). After a detach the client is gone but the process runs on: its output is read and
 * dropped, so it never blocks on a full pty.
 */
final class ExecClientSink implements AttachSession.Sink {
    private final OutputStream out;
    private final boolean raw;
    private volatile boolean detached;

    ExecClientSink(OutputStream out, boolean raw) {
        this.out = out;
        this.raw = raw;
    }

    @Override
    public void write(int stream, byte[] data) throws IOException {
        if (detached || raw && stream == 2) return;
        synchronized (out) {
            out.write(raw ? data : StdStreams.frame(stream, data));
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
