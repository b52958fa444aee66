package dev.berth.engine.transfer;

/**
 * What a pull reports as it goes, in the vocabulary of Docker's progress stream. Called from
 * several download threads at once: implementations serialise their output.
 */
public interface PullProgress {
    /** A line about the whole pull ("Pulling from library/busybox" under id "latest", "Digest: ..."); {@code id} may be null. */
    void status(String id, String status);

    /** A layer's state ("Pulling fs layer", "Waiting", "Already exists", "Pull complete"...), {@code id} its short digest. */
    void layer(String id, String status);

    /** A layer's byte progress ("Downloading", "Extracting"): {@code current} of {@code total} bytes. */
    void bytes(String id, String status, long current, long total);

    PullProgress NONE = new PullProgress() {
        @Override public void status(String id, String status) {}
        @Override public void layer(String id, String status) {}
        @Override public void bytes(String id, String status, long current, long total) {}
    };
}
