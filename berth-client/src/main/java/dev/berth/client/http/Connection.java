package dev.berth.client.http;

import dev.berth.common.io.BoundedInputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP/1.1 exchange on its own socket. The client opens a connection per request: unix socket
 * connects cost microseconds, and {@code docker run} needs several at once anyway (attach, wait,
 * start). After the response head the connection is either a body or, once hijacked, a raw
 * two-way byte pipe whose write side can be half-closed to signal end of stdin.
 */
public final class Connection implements Closeable {
    private static final String USER_AGENT = "berth-cli/0.1.0";
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;

    public Connection(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedInputStream(Channels.newInputStream(channel), 16 * 1024);
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 16 * 1024);
    }

    /**
     * Sends the request. A daemon may answer (an error) and close before it has read a streamed
     * body; the write failure is then swallowed so the caller can read that answer.
     */
    public void send(String method, String target, Map<String, String> extraHeaders, Body body) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "api.moby.localhost");
        headers.put("User-Agent", USER_AGENT);
        headers.putAll(extraHeaders);
        switch (body) {
            case Body.None n -> {
                if (!method.equals("GET") && !method.equals("HEAD")) headers.put("Content-Length", "0");
                HttpCodec.writeHead(out, method, target, headers);
                out.flush();
            }
            case Body.Bytes b -> {
                if (b.contentType() != null) headers.put("Content-Type", b.contentType());
                headers.put("Content-Length", Integer.toString(b.data().length));
                HttpCodec.writeHead(out, method, target, headers);
                out.write(b.data());
                out.flush();
            }
            case Body.Stream s -> {
                if (s.contentType() != null) headers.put("Content-Type", s.contentType());
                headers.put("Transfer-Encoding", "chunked");
                HttpCodec.writeHead(out, method, target, headers);
                ChunkedOutputStream chunked = new ChunkedOutputStream(out);
                byte[] buf = new byte[64 * 1024];
                int n;
                // read errors of the source propagate; write errors mean the daemon stopped reading
                while ((n = s.in().read(buf)) > 0) {
                    try {
                        chunked.write(buf, 0, n);
                    } catch (IOException daemonAnswered) {
                        return;
                    }
                }
                try {
                    chunked.finish();
                } catch (IOException daemonAnswered) {
                    // its response says why
                }
            }
        }
    }

    public ResponseHead readHead() throws IOException {
        ResponseHead head = HttpCodec.readHead(in);
        if (head == null) throw new IOException("the daemon closed the connection without a response");
        return head;
    }

    /** The body of a normal (non-hijacked) response, framed by Content-Length or chunking. */
    public InputStream body(ResponseHead head, boolean headRequest) {
        if (headRequest || head.status() == 204 || head.status() == 304) return InputStream.nullInputStream();
        if (head.chunked()) return new ChunkedInputStream(in);
        long len = head.contentLength();
        return len >= 0 ? new BoundedInputStream(in, len, true) : in;
    }

    /** After a 101 (or a 200 without framing) the socket carries raw bytes in both directions. */
    public InputStream rawIn() {
        return in;
    }

    public OutputStream rawOut() {
        return out;
    }

    /** Half-closes the socket: the daemon reads end of stdin, output keeps flowing. */
    public void closeWrite() throws IOException {
        out.flush();
        channel.shutdownOutput();
    }

    public static String readAll(InputStream body) throws IOException {
        return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
