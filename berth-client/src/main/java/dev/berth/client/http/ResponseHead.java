package dev.berth.client.http;

import java.util.Locale;
import java.util.Map;

/** Status line and headers of a response; header names are lower-cased. */
public record ResponseHead(int status, String reason, Map<String, String> headers) {
    public ResponseHead {
        headers = Map.copyOf(headers);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public boolean chunked() {
        String te = header("transfer-encoding");
        return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
    }

    /** Content-Length, or -1 when absent. */
    public long contentLength() {
        String cl = header("content-length");
        if (cl == null) return -1;
        try {
            return Long.parseLong(cl.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
