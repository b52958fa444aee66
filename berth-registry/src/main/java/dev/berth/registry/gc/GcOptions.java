package dev.berth.registry.gc;

import java.time.Duration;

/**
 * How a collection runs. {@code blobGrace}: a blob written or touched more recently is kept even
 * when nothing references it yet (a push in progress links its manifest last). {@code uploadMaxAge}:
 * an upload session with no bytes for this long is taken as abandoned.
 */
public record GcOptions(Duration blobGrace, Duration uploadMaxAge, boolean dryRun) {
    public static final Duration DEFAULT_BLOB_GRACE = Duration.ofHours(1);
    public static final Duration DEFAULT_UPLOAD_MAX_AGE = Duration.ofHours(24);

    public GcOptions {
        if (blobGrace.isNegative() || uploadMaxAge.isNegative()) throw new IllegalArgumentException("durations must not be negative");
    }
}
