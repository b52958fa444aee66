package dev.berth.client.api;

import dev.berth.client.json.JsonNodes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --filter key=value} flags, encoded for the {@code filters} query parameter in the map
 * form the docker CLI sends: {@code {"label":{"a=b":true},"status":{"running":true}}}.
 */
public record FilterArgs(Map<String, List<String>> values) {
    public FilterArgs {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        values = java.util.Collections.unmodifiableMap(copy);
    }

    public static FilterArgs none() {
        return new FilterArgs(Map.of());
    }

    /** Parses {@code key=value} flags; a flag without {@code =} is an error, as with docker. */
    public static FilterArgs parse(List<String> flags) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String f : flags) {
            int eq = f.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("bad format of filter (expected name=value)");
            String key = f.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT);
            String value = f.substring(eq + 1).trim();
            m.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(value);
        }
        return new FilterArgs(m);
    }

    public FilterArgs with(String key, String value) {
        Map<String, List<String>> m = new LinkedHashMap<>(values);
        List<String> l = new java.util.ArrayList<>(m.getOrDefault(key, List.of()));
        l.add(value);
        m.put(key, l);
        return new FilterArgs(m);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public List<String> get(String key) {
        return values.getOrDefault(key, List.of());
    }

    /** {@code {"key":{"value":true}}}, keys and values sorted as Go's encoder writes maps. */
    public String toJson() {
        var root = JsonNodes.object();
        new java.util.TreeMap<>(values).forEach((k, vs) -> {
            var inner = root.putObject(k);
            new java.util.TreeSet<>(vs).forEach(v -> inner.put(v, true));
        });
        return JsonNodes.string(root);
    }
}
