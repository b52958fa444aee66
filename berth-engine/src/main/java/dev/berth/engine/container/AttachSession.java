package dev.berth.engine.container;

import dev.berth.engine.runtime.SeqPacketSocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * One client attached to a container's stdio through conmon's attach socket. A session may be
 * opened before the container starts (docker run attaches first): stdin is buffered and the socket
 * is connected by {@link #connect} once conmon is up, before {@code runc start}, so no output is lost.
 */
public final class AttachSession {
    /** Receives output: stream 1 = stdout, 2 = stderr. */
    public interface Sink {
        void write(int stream, byte[] data) throws IOException;

        void close();
    }

    private final boolean stdin;
    private final boolean stdout;
    private final boolean stderr;
    private final Sink sink;
    private final ByteArrayOutputStream pendingStdin = new ByteArrayOutputStream();
    private final CountDownLatch done = new CountDownLatch(1);
    private SeqPacketSocket socket;
    private boolean stdinClosed;
    private boolean closed;

    public AttachSession(boolean stdin, boolean stdout, boolean stderr, Sink sink) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.sink = sink;
    }

    /** Connects to conmon and starts forwarding output; flushes stdin that arrived meanwhile. */
    public void connect(Path attachSocket) throws IOException {
        SeqPacketSocket s = SeqPacketSocket.connect(attachSocket.toString());
        byte[] buffered;
        boolean closeIn;
        synchronized (this) {
            if (closed) {
                s.close();
                return;
            }
            socket = s;
            buffered = pendingStdin.toByteArray();
            closeIn = stdinClosed;
        }
        if (buffered.length > 0) sendChunked(s, buffered, 0, buffered.length);
        if (closeIn) s.shutdownOutput();
        Thread.ofPlatform().daemon().name("attach-" + attachSocket.getParent().getFileName()).start(this::pump);
    }

    private void pump() {
        try {
            byte[] packet;
            while ((packet = socket.receive()) != null) {
                if (packet.length < 1) continue;
                int stream = packet[0] == 3 ? 2 : 1;
                if ((stream == 1 && !stdout) || (stream == 2 && !stderr)) continue;
                byte[] data = java.util.Arrays.copyOfRange(packet, 1, packet.length);
                if (data.length > 0) sink.write(stream, data);
            }
        } catch (IOException e) {
            // client or conmon went away
        } finally {
            finish();
        }
    }

    public void writeStdin(byte[] data, int off, int len) throws IOException {
        if (!stdin) return;
        SeqPacketSocket s;
        synchronized (this) {
            if (socket == null) {
                pendingStdin.write(data, off, len);
                return;
            }
            s = socket;
        }
        sendChunked(s, data, off, len);
    }

    private static void sendChunked(SeqPacketSocket s, byte[] data, int off, int len) throws IOException {
        for (int i = 0; i < len; i += 32 * 1024) s.send(data, off + i, Math.min(32 * 1024, len - i));
    }

    /** The client has no more input (half-close): the container's stdin gets EOF. */
    public void closeStdin() {
        if (!stdin) return;
        SeqPacketSocket s;
        synchronized (this) {
            stdinClosed = true;
            s = socket;
        }
        if (s != null) s.shutdownOutput();
    }

    /** The container ended without ever being connected (start failed): release the client. */
    public void finish() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        if (socket != null) socket.close();
        sink.close();
        done.countDown();
    }

    public boolean wantsStdin() {
        return stdin;
    }

    public void awaitEnd() throws InterruptedException {
        done.await();
    }
}
