package dev.berth.cli.io;

import dev.berth.client.stream.FrameDemuxer;
import dev.berth.client.stream.HijackedStream;
import dev.berth.dockerapi.DetachKeys;
import dev.berth.dockerapi.DetachingInput;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Connects a hijacked attach/exec stream to the local standard streams:
 * <pre>
 *   local stdin ──(stdin thread)──▶ stream input   ── half-closed at EOF (the daemon sees end of stdin)
 *   stream output ──(output thread)──▶ stdout/stderr  ── demultiplexed without a TTY, raw with one
 * </pre>
 * Without stdin the input side is half-closed at once, as the docker CLI does. With a TTY, stdin is
 * watched for the detach keys: they are not sent, the connection is closed, and the session ends
 * with {@link #detached()} true while the container (or exec) runs on. Both threads are daemon
 * threads: a stdin read that never returns does not keep the process alive.
 */
public final class StdioPump implements AutoCloseable {
    private final HijackedStream stream;
    private final CompletableFuture<Void> output = new CompletableFuture<>();
    private volatile boolean detached;

    private StdioPump(HijackedStream stream) {
        this.stream = stream;
    }

    /** @param stdin local input to forward, or null when stdin is not attached */
    public static StdioPump start(HijackedStream stream, boolean tty, InputStream stdin, OutputStream out, OutputStream err) {
        return start(stream, tty, stdin, null, out, err);
    }

    /** @param detachKeys the keys that end a TTY session, or null to watch for none */
    public static StdioPump start(HijackedStream stream, boolean tty, InputStream stdin, DetachKeys detachKeys, OutputStream out, OutputStream err) {
        StdioPump p = new StdioPump(stream);
        InputStream input = stdin != null && tty && detachKeys != null
                ? new DetachingInput(stdin, detachKeys.scanner(), () -> p.detached = true) : stdin;
        if (input == null) {
            try {
                stream.closeInput();
            } catch (IOException ignored) {
                // the output side tells what happened
            }
        } else {
            daemon("stdin", () -> p.pumpStdin(input));
        }
        daemon("output", () -> {
            try {
                if (tty) copyRaw(stream.output(), out);
                else FrameDemuxer.copy(stream.output(), out, err);
                p.output.complete(null);
            } catch (Throwable t) {
                p.output.completeExceptionally(t);
            }
        });
        return p;
    }

    private void pumpStdin(InputStream stdin) {
        byte[] buf = new byte[32 * 1024];
        try {
            int n;
            while ((n = stdin.read(buf)) > 0) {
                stream.input().write(buf, 0, n);
                stream.input().flush();
            }
            if (detached) {
                // the user left: the session ends here, the container runs on
                output.complete(null);
                close();
                return;
            }
            stream.closeInput();
        } catch (IOException ignored) {
            // the container went away or detached; the output side ends the session
        }
    }

    private static void copyRaw(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[32 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            out.flush();
        }
    }

    /** True once the user typed the detach keys. */
    public boolean detached() {
        return detached;
    }

    /** Blocks until the container's output ends or the user detaches; rethrows what broke it. */
    public void awaitOutput() throws IOException {
        try {
            output.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new IOException(e.getCause());
        }
    }

    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }
}
