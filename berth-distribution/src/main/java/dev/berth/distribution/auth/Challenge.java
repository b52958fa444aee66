package dev.berth.distribution.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235): a scheme, lower-cased, and its
 * auth-params, e.g. {@code Bearer realm="https://auth.example/token",service="registry",scope="repository:a/b:pull"}.
 */
public record Challenge(String scheme, Map<String, String> params) {
    public Challenge {
        scheme = scheme.toLowerCase(Locale.ROOT);
        params = Map.copyOf(params);
    }

    public String param(String name) {
        return params.get(name);
    }

    /**
     * Parses every challenge of the given header values. A value may hold several challenges,
     * and a quoted parameter may hold commas (a scope of several repositories), so this is a
     * small tokenizer rather than a split.
     */
    public static List<Challenge> parse(List<String> headerValues) {
        List<Challenge> out = new ArrayList<>();
        for (String v : headerValues) out.addAll(parse(v));
        return out;
    }

    public static List<Challenge> parse(String header) {
        List<Challenge> out = new ArrayList<>();
        int i = 0;
        int n = header.length();
        String scheme = null;
        Map<String, String> params = new LinkedHashMap<>();
        while (i < n) {
            i = skip(header, i, " \t,");
            if (i >= n) break;
            int start = i;
            while (i < n && isToken(header.charAt(i))) i++;
            if (i == start) { i++; continue; }
            String token = header.substring(start, i);
            int j = skip(header, i, " \t");
            if (j < n && header.charAt(j) == '=') {
                // an auth-param of the current challenge
                j = skip(header, j + 1, " \t");
                String value;
                if (j < n && header.charAt(j) == '"') {
                    StringBuilder sb = new StringBuilder();
                    j++;
                    while (j < n && header.charAt(j) != '"') {
                        if (header.charAt(j) == '\\' && j + 1 < n) j++;
                        sb.append(header.charAt(j++));
                    }
                    value = sb.toString();
                    j++;
                } else {
                    int vs = j;
                    while (j < n && header.charAt(j) != ',' && header.charAt(j) != ' ') j++;
                    value = header.substring(vs, j);
                }
                if (scheme != null) params.put(token.toLowerCase(Locale.ROOT), value);
                i = j;
            } else {
                // a new scheme starts
                if (scheme != null) out.add(new Challenge(scheme, params));
                scheme = token;
                params = new LinkedHashMap<>();
                i = j;
            }
        }
        if (scheme != null) out.add(new Challenge(scheme, params));
        return out;
    }

    private static int skip(String s, int i, String chars) {
        while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) i++;
        return i;
    }

    private static boolean isToken(char c) {
        return c > ' ' && c < 127 && "()<>@,;:\\\"/[]?={} \t".indexOf(c) < 0;
    }
}
