package dev.berth.engine.transfer;

import dev.berth.oci.Digest;

/**
 * What a push reports as it goes, in the vocabulary of Docker's progress stream ("Preparing",
 * "Waiting", "Pushing" with bytes, "Layer already exists", "Mounted from X", "Pushed"); called
 * from several upload threads at once.
 */
public interface PushProgress extends PullProgress {
    /** A tag was pushed: the line "TAG: digest: D size: N" and its aux record. */
    void pushed(String tag, Digest digest, long size);
}
