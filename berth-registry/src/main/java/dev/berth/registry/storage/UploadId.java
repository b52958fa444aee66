package dev.berth.registry.storage;

import java.util.UUID;
import java.util.regex.Pattern;

/** An upload session's id: a random UUID, so sessions of servers sharing a root never collide. */
public record UploadId(String value) {
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public UploadId {
        if (!isValid(value)) throw new IllegalArgumentException("invalid upload id: " + value);
    }

    public static boolean isValid(String value) {
        return value != null && UUID_TEXT.matcher(value).matches();
    }

    public static UploadId random() {
        return new UploadId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
