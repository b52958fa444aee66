package dev.berth.client.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Engine API request. {@code path} is unversioned ({@code /containers/json}); the client adds
 * the negotiated {@code /vX.Y} prefix. Path segments that carry names are escaped by the caller
 * with {@link Paths#segment}.
 */
public record Request(String method, String path, Query query, Map<String, String> headers, Body body) {
    public Request {
        headers = Map.copyOf(headers);
    }

    public static Request get(String path, Query query) {
        return new Request("GET", path, query, Map.of(), Body.NONE);
    }

    public static Request post(String path, Query query) {
        return new Request("POST", path, query, Map.of(), Body.NONE);
    }

    public static Request delete(String path, Query query) {
        return new Request("DELETE", path, query, Map.of(), Body.NONE);
    }

    public Request withBody(Body b) {
        return new Request(method, path, query, headers, b);
    }

    public Request withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Request(method, path, query, h, body);
    }

    public String target(String versionPrefix) {
        String q = query == null || query.isEmpty() ? "" : "?" + query.encode();
        return versionPrefix + path + q;
    }
}
