package dev.berth.engine.container;

import dev.berth.common.concurrent.Carriers;
import dev.berth.engine.runtime.SeqPacketSocket;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One client attached to a container's stdio through conmon's attach socket. A session may be
 * opened before the container starts (docker run attaches first); it is connected by
 * {@link #connect} once conmon is up, before the container's process runs, so no output is lost.
 *
 * <p>Stdin flows client → bounded queue → a platform thread that sends to conmon. The client's
 * connection (a virtual thread) only ever waits on the queue, which parks it and frees its carrier;
 * the socket's blocking {@code send} happens on the session's own platform thread, and not before
 * the container runs. So input copies concurrently with start, as in dockerd, a container that
 * does not read its stdin holds at most {@link #QUEUED_CHUNKS} chunks of it in berthd, and nothing
 * a client sends can stall the daemon.
 */
public final class AttachSession {
    /** Receives output: stream 1 = stdout, 2 = stderr. */
    public interface Sink {
        void write(int stream, byte[] data) throws IOException;

        void close();
    }

    /** conmon reads at most this much per packet. */
    private static final int CHUNK = 32 * 1024;
    private static final int QUEUED_CHUNKS = 8;
    /** Queued after the last chunk: the client half-closed, the container's stdin gets EOF. */
    private static final byte[] END_OF_INPUT = new byte[0];
    /** Queued when the client detached: what it typed before the keys is sent, then the session ends. */
    private static final byte[] DETACHED = new byte[0];

    private final boolean stdin;
    private final boolean stdout;
    private final boolean stderr;
    private final Sink sink;
    private final BlockingQueue<byte[]> pendingStdin = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile SeqPacketSocket socket;
    private volatile boolean closed;

    public AttachSession(boolean stdin, boolean stdout, boolean stderr, Sink sink) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.sink = sink;
    }

    /** Connects to conmon and starts the output pump and, with stdin, the input pump. Sends nothing itself. */
    public void connect(Path attachSocket) throws IOException {
        SeqPacketSocket s = SeqPacketSocket.connect(attachSocket.toString());
        synchronized (this) {
            if (closed) {
                s.close();
                return;
            }
            socket = s;
        }
        String name = attachSocket.getParent().getFileName().toString();
        Carriers.startPlatform("attach-out-" + name, this::pumpOutput);
        if (stdin) Carriers.startPlatform("attach-in-" + name, this::pumpInput);
    }

    private void pumpOutput() {
        try {
            byte[] packet;
            while ((packet = socket.receive()) != null) {
                if (packet.length < 1) continue;
                int stream = packet[0] == 3 ? 2 : 1;
                if ((stream == 1 && !stdout) || (stream == 2 && !stderr)) continue;
                byte[] data = Arrays.copyOfRange(packet, 1, packet.length);
                if (data.length > 0) sink.write(stream, data);
            }
        } catch (IOException e) {
            // client or conmon went away
        } finally {
            finish();
        }
    }

    private void pumpInput() {
        try {
            while (!closed) {
                byte[] chunk = pendingStdin.poll(200, TimeUnit.MILLISECONDS);
                if (chunk == null) continue;
                if (chunk == END_OF_INPUT) {
                    socket.shutdownOutput();
                    return;
                }
                if (chunk == DETACHED) {
                    finish();
                    return;
                }
                socket.send(chunk, 0, chunk.length);
            }
        } catch (IOException | InterruptedException e) {
            // conmon went away or the session closed: the rest of the input has nowhere to go
        }
    }

    /**
     * Queues input for the container, waiting while the queue is full (the container reads slower
     * than the client writes). Input after the session ended is dropped, as the process is gone.
     */
    public void writeStdin(byte[] data, int off, int len) throws IOException {
        if (!stdin) return;
        for (int i = 0; i < len; i += CHUNK) {
            enqueue(Arrays.copyOfRange(data, off + i, off + Math.min(len, i + CHUNK)));
        }
    }

    private void enqueue(byte[] chunk) throws IOException {
        try {
            while (!closed) {
                if (pendingStdin.offer(chunk, 200, TimeUnit.MILLISECONDS)) return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The client has no more input (half-close): once what was queued is sent, the container's stdin gets EOF. */
    public void closeStdin() {
        if (!stdin) return;
        try {
            enqueue(END_OF_INPUT);
        } catch (IOException ignored) {
            // the session ended: there is no stdin left to close
        }
    }

    /**
     * The client typed its detach keys: the input before them still reaches the container, then
     * this client's session ends and the container runs on.
     */
    public void detach() {
        if (!stdin || socket == null) {
            finish();
            return;
        }
        try {
            enqueue(DETACHED);
        } catch (IOException e) {
            finish();
        }
    }

    /** Ends the session: the container exited, the client left, or the start failed before connecting. */
    public void finish() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        SeqPacketSocket s = socket;
        if (s != null) s.close();
        pendingStdin.clear();
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
