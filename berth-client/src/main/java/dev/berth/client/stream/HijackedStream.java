package dev.berth.client.stream;

import dev.berth.client.http.Connection;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An attach or exec-start connection after the daemon answered {@code 101 UPGRADED} (or a plain
 * {@code 200}): the container's output comes in on {@link #output()}, stdin goes out on
 * {@link #input()}. {@link #closeInput()} half-closes the socket, which the daemon reads as end of
 * stdin; only {@link #close()} detaches.
 */
public final class HijackedStream implements Closeable {
    private final Connection connection;
    private final String contentType;

    public HijackedStream(Connection connection, String contentType) {
        this.connection = connection;
        this.contentType = contentType;
    }

    public InputStream output() {
        return connection.rawIn();
    }

    public OutputStream input() {
        return connection.rawOut();
    }

    /** {@code application/vnd.docker.multiplexed-stream} or {@code ...raw-stream}; may be null before API 1.42. */
    public String contentType() {
        return contentType;
    }

    public void closeInput() throws IOException {
        connection.closeWrite();
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
