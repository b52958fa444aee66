package dev.berth.daemon.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes one response: a complete body, a chunked stream flushed message by message, or a hijacked
 * raw connection (attach/exec). Common headers (Api-Version, Server, ...) are added to every kind.
 */
public final class HttpResponse {
    private final OutputStream out;
    private final InputStream in;
    private final Map<String, String> common;
    private final boolean head;
    private boolean committed;
    private boolean chunked;
    private boolean closeAfter;
    private int status;

    HttpResponse(OutputStream out, InputStream in, Map<String, String> common, boolean head) {
        this.out = out;
        this.in = in;
        this.common = common;
        this.head = head;
    }

    public boolean committed() {
        return committed;
    }

    public int status() {
        return status;
    }

    boolean closeAfter() {
        return closeAfter;
    }

    private static String reason(int status) {
        return switch (status) {
            case 101 -> "UPGRADED";
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    private void writeHead(int status, Map<String, String> headers) throws IOException {
        if (committed) throw new IllegalStateException("response already started");
        committed = true;
        this.status = status;
        StringBuilder b = new StringBuilder(256);
        b.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        Map<String, String> all = new LinkedHashMap<>(common);
        all.put("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        all.putAll(headers);
        all.forEach((k, v) -> { if (v != null) b.append(k).append(": ").append(v).append("\r\n"); });
        b.append("\r\n");
        out.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A complete response with a body of known length. */
    public void send(int status, String contentType, byte[] body) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        if (contentType != null) h.put("Content-Type", contentType);
        h.put("Content-Length", Integer.toString(body.length));
        writeHead(status, h);
        if (!head) out.write(body);
        out.flush();
    }

    public void send(int status, String contentType, byte[] body, Map<String, String> extra) throws IOException {
        Map<String, String> h = new LinkedHashMap<>(extra);
        if (contentType != null) h.put("Content-Type", contentType);
        h.put("Content-Length", Integer.toString(body.length));
        writeHead(status, h);
        if (!head) out.write(body);
        out.flush();
    }

    public void empty(int status) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        if (status != 204 && status != 304) h.put("Content-Length", "0");
        writeHead(status, h);
        out.flush();
    }

    /** Starts a chunked body; headers are flushed at once (docker run blocks on wait's headers). */
    public void startChunked(int status, String contentType) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        if (contentType != null) h.put("Content-Type", contentType);
        h.put("Transfer-Encoding", "chunked");
        writeHead(status, h);
        chunked = true;
        out.flush();
    }

    /**
     * Starts a chunked body written through the returned stream (buffered into 32 KiB chunks);
     * closing the stream ends the body. For large bodies of unknown length: tar archives, exports.
     */
    public OutputStream startStream(int status, String contentType, Map<String, String> extra) throws IOException {
        Map<String, String> h = new LinkedHashMap<>(extra);
        if (contentType != null) h.put("Content-Type", contentType);
        h.put("Transfer-Encoding", "chunked");
        writeHead(status, h);
        chunked = true;
        // headers go out at once: a client following a quiet stream (logs -f) waits for them
        out.flush();
        if (head) {
            chunked = false;
            return OutputStream.nullOutputStream();
        }
        return new java.io.BufferedOutputStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                chunk(java.util.Arrays.copyOfRange(b, off, off + len));
            }

            @Override
            public void close() throws IOException {
                endChunked();
            }
        }, 32 * 1024);
    }

    public synchronized void chunk(byte[] data) throws IOException {
        if (data.length == 0) return;
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    public synchronized void endChunked() throws IOException {
        if (!chunked) return;
        chunked = false;
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /**
     * Takes over the connection: {@code 101 UPGRADED} if the client asked to upgrade, else
     * {@code 200 OK} with no length (the client reads to EOF). The connection is closed afterwards.
     */
    public Hijacked hijack(boolean upgrade, String contentType) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", contentType);
        if (upgrade) {
            h.put("Connection", "Upgrade");
            h.put("Upgrade", "tcp");
        }
        writeHead(upgrade ? 101 : 200, h);
        out.flush();
        closeAfter = true;
        return new Hijacked(in, out);
    }

    /** The raw streams of a hijacked connection. */
    public record Hijacked(InputStream in, OutputStream out) {}
}
