package dev.berth.engine.network;

/**
 * Told when a container's endpoint on a user-defined network comes up (its container started, or
 * was connected while running) or goes down (exit, disconnect). The embedded DNS server keeps its
 * names current through this. Called on the thread that made the change, with the container's
 * lock held: a listener must not block.
 */
@FunctionalInterface
public interface EndpointListener {
    void changed(Attachment attachment, boolean up);
}
