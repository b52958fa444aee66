package dev.berth.client.http;

import java.nio.charset.StandardCharsets;

/** Escaping of names put into request paths. */
public final class Paths {
    private Paths() {}

    /**
     * Percent-escapes a name for use inside a path. {@code /}, {@code :} and {@code @} stay as they
     * are, as the docker CLI sends image references ({@code /images/127.0.0.1:5000/x:1/json}).
     */
    public static String segment(String name) {
        StringBuilder sb = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/:@+".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }
}
