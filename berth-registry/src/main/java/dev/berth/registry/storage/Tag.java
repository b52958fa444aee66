package dev.berth.registry.storage;

import java.util.regex.Pattern;

/** A tag: {@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}}. It never starts with a dot, so temp files beside tags never look like one. */
public record Tag(String value) {
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    public Tag {
        if (!isValid(value)) throw new IllegalArgumentException("invalid tag: " + value);
    }

    public static boolean isValid(String value) {
        return value != null && TAG.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
