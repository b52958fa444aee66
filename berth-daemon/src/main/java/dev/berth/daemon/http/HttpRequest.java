package dev.berth.daemon.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A parsed HTTP/1.1 request: method, percent-decoded path, query, headers, and a body stream. */
public final class HttpRequest {
    public final String method;
    public final String rawPath;
    public final String path;
    public final Map<String, List<String>> query;
    public final Map<String, String> headers;
    private final InputStream body;
    /** The largest JSON document berthd reads; docker's own requests are a few KiB. */
    public static final int MAX_DOCUMENT = 4 << 20;

    HttpRequest(String method, String target, Map<String, String> headers, InputStream body) {
        this.method = method;
        int q = target.indexOf('?');
        this.rawPath = q < 0 ? target : target.substring(0, q);
        this.path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        this.query = parseQuery(q < 0 ? "" : target.substring(q + 1));
        this.headers = headers;
        this.body = body;
    }

    private static Map<String, List<String>> parseQuery(String qs) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        if (qs.isEmpty()) return m;
        for (String part : qs.split("&")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return m;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String param(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.getFirst();
    }

    public List<String> params(String name) {
        return query.getOrDefault(name, List.of());
    }

    /** moby's rule: false iff the value is one of "", 0, no, false, none. */
    public boolean bool(String name, boolean absent) {
        String v = param(name);
        if (v == null) return absent;
        String t = v.trim().toLowerCase(Locale.ROOT);
        return !(t.isEmpty() || t.equals("0") || t.equals("no") || t.equals("false") || t.equals("none"));
    }

    public Integer integer(String name) {
        String v = param(name);
        if (v == null || v.isEmpty()) return null;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new dev.berth.common.errors.BerthException.InvalidArgument("invalid value for " + name + ": " + v);
        }
    }

    public InputStream body() {
        return body;
    }

    /**
     * The whole body of a request whose body is a document (JSON), at most {@link #MAX_DOCUMENT}
     * bytes: a larger one is refused (413) instead of being held in memory. Streams (archives,
     * images, stdin) are read from {@link #body()} as they arrive and are not bounded here.
     */
    public byte[] bodyBytes() throws IOException {
        byte[] b = body.readNBytes(MAX_DOCUMENT + 1);
        if (b.length > MAX_DOCUMENT) {
            throw new dev.berth.common.errors.BerthException.TooLarge("request body too large: a document may be at most "
                    + (MAX_DOCUMENT >> 20) + " MiB");
        }
        return b;
    }
}
