package dev.berth.daemon.http;

import dev.berth.common.io.BoundedInputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Serves the requests of one keep-alive connection, in order, on one virtual thread. */
final class HttpConnection implements Runnable {
    /** -Dberth.debug=true: log each request's time and dropped connections' causes. */
    private static final boolean DEBUG = Boolean.getBoolean("berth.debug");

    private static final int MAX_LINE = 64 * 1024;
    private final SocketChannel channel;
    private final HttpHandler handler;
    private final Map<String, String> commonHeaders;

    HttpConnection(SocketChannel channel, HttpHandler handler, Map<String, String> commonHeaders) {
        this.channel = channel;
        this.handler = handler;
        this.commonHeaders = commonHeaders;
    }

    @Override
    public void run() {
        try (channel) {
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 16 * 1024);
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 16 * 1024);
            while (true) {
                String requestLine = readLine(in);
                if (requestLine == null) return;
                if (requestLine.isEmpty()) continue;
                String[] parts = requestLine.split(" ");
                if (parts.length < 3) return;
                Map<String, String> headers = new LinkedHashMap<>();
                String line;
                while ((line = readLine(in)) != null && !line.isEmpty()) {
                    int colon = line.indexOf(':');
                    if (colon > 0) headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
                InputStream body;
                BoundedInputStream bounded = null;
                if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                    body = new ChunkedInputStream(in);
                } else {
                    long len = headers.containsKey("content-length") ? Long.parseLong(headers.get("content-length")) : 0;
                    bounded = new BoundedInputStream(in, len, false);
                    body = bounded;
                }
                boolean isUpgrade = headers.containsKey("upgrade");
                HttpRequest req = new HttpRequest(parts[0], parts[1], headers, isUpgrade ? in : body);
                HttpResponse res = new HttpResponse(out, in, commonHeaders, parts[0].equals("HEAD"));
                long t0 = System.nanoTime();
                handler.handle(req, res);
                if (DEBUG) System.err.printf("berthd: %s %s -> %d in %.1f ms%n", parts[0], parts[1], res.status(), (System.nanoTime() - t0) / 1e6);
                out.flush();
                if (res.closeAfter() || "close".equalsIgnoreCase(headers.get("connection"))) return;
                if (bounded != null) bounded.drain();
                else body.transferTo(OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            // client went away or sent garbage: the connection ends
            if (DEBUG) e.printStackTrace();
        } catch (RuntimeException e) {
            // a handler bug: say so rather than dropping the connection silently
            System.err.println("berthd: request failed: " + e);
            e.printStackTrace();
        }
    }

    /** Reads a CRLF- or LF-terminated line (ISO-8859-1); null at end of stream. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') break;
            if (b.size() > MAX_LINE) throw new IOException("line too long");
            b.write(c);
        }
        if (c < 0 && b.size() == 0) return null;
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
