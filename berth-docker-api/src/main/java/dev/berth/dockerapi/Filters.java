package dev.berth.dockerapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code filters} query parameter: map form {@code {"label":{"a=b":true}}} (docker CLI) or list
 * form {@code {"label":["a=b"]}} (docker-py, docker-java). Values of one key are OR-ed, keys AND-ed.
 */
public record Filters(Map<String, List<String>> values) {
    public static Filters parse(String json) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (json == null || json.isBlank()) return new Filters(out);
        JsonNode n;
        try {
            n = Json.tree(json.getBytes(StandardCharsets.UTF_8));
        } catch (BerthException e) {
            throw new BerthException.InvalidArgument("invalid filter '" + json + "'");
        }
        n.fields().forEachRemaining(f -> {
            List<String> vals = new ArrayList<>();
            if (f.getValue().isArray()) f.getValue().forEach(v -> vals.add(v.asText()));
            else if (f.getValue().isObject()) f.getValue().fields().forEachRemaining(v -> { if (v.getValue().asBoolean(true)) vals.add(v.getKey()); });
            else vals.add(f.getValue().asText());
            out.put(f.getKey(), vals);
        });
        return new Filters(out);
    }

    /** Refuses keys the endpoint does not know, with dockerd's message. */
    public Filters allow(java.util.Set<String> keys) {
        for (String k : values.keySet()) {
            if (!keys.contains(k)) throw new BerthException.InvalidArgument("invalid filter '" + k + "'");
        }
        return this;
    }

    /** A boolean filter value as dockerd reads it; anything else is refused naming the filter. */
    public static boolean bool(String key, String value) {
        return switch (value.toLowerCase()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new BerthException.InvalidArgument("Invalid filter '" + key + "=" + value + "'");
        };
    }

    /**
     * Go's {@code path.Match}, which dockerd's {@code reference} filters use: {@code *} and {@code ?}
     * stop at '/', {@code [a-z]} and {@code [^a-z]} are classes, {@code \\} escapes.
     */
    public static boolean pathMatch(String pattern, String name) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            switch (ch) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '\\' -> {
                    if (++i < pattern.length()) re.append(java.util.regex.Pattern.quote(String.valueOf(pattern.charAt(i))));
                }
                case '[' -> {
                    int end = pattern.indexOf(']', i + 1);
                    if (end < 0) return false; // Go: ErrBadPattern, which matches nothing
                    String cls = pattern.substring(i + 1, end);
                    boolean negate = cls.startsWith("^");
                    if (negate) cls = cls.substring(1);
                    re.append(negate ? "[^/" : "[").append(cls.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                    i = end;
                }
                default -> re.append(java.util.regex.Pattern.quote(String.valueOf(ch)));
            }
        }
        try {
            return name.matches(re.toString());
        } catch (java.util.regex.PatternSyntaxException e) {
            return false;
        }
    }

    public List<String> get(String key) {
        return values.getOrDefault(key, List.of());
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** Checks {@code label} filters ({@code key} or {@code key=value}) against labels: all must match. */
    public boolean matchLabels(Map<String, String> labels) {
        for (String l : get("label")) {
            int eq = l.indexOf('=');
            if (eq < 0) {
                if (!labels.containsKey(l)) return false;
            } else if (!l.substring(eq + 1).equals(labels.get(l.substring(0, eq)))) {
                return false;
            }
        }
        for (String l : get("label!")) {
            int eq = l.indexOf('=');
            if (eq < 0 ? labels.containsKey(l) : l.substring(eq + 1).equals(labels.get(l.substring(0, eq)))) return false;
        }
        return true;
    }
}
