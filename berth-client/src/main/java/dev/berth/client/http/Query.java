package dev.berth.client.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An ordered query string; keys may repeat (e.g. {@code changes} on import). Encoded like Go's url.Values. */
public final class Query {
    private final List<Map.Entry<String, String>> params = new ArrayList<>();

    public static Query of() {
        return new Query();
    }

    public Query add(String key, String value) {
        params.add(Map.entry(key, value));
        return this;
    }

    /** Adds the parameter only when the value is non-null and non-empty. */
    public Query addIfPresent(String key, String value) {
        if (value != null && !value.isEmpty()) add(key, value);
        return this;
    }

    /** Adds {@code key=1} when the flag is set, as the docker CLI sends booleans. */
    public Query flag(String key, boolean set) {
        if (set) add(key, "1");
        return this;
    }

    public boolean isEmpty() {
        return params.isEmpty();
    }

    public String encode() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> p : params) {
            if (!sb.isEmpty()) sb.append('&');
            sb.append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return encode();
    }
}
