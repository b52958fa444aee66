package dev.berth.engine.container;

import dev.berth.engine.network.Endpoint;
import dev.berth.engine.network.Sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The in-memory companion of a container: its lock (state transitions synchronize on it), the
 * clients waiting for its exit or removal, attaches waiting for its start, and its network
 * endpoint. Never persisted: a restarted berthd rebuilds what it needs (see {@link StartupReconciler}).
 */
final class LiveContainer {
    final List<AttachSession> pendingAttach = new ArrayList<>();
    final List<CompletableFuture<Integer>> exitWaiters = new ArrayList<>();
    final List<CompletableFuture<Integer>> removeWaiters = new ArrayList<>();
    volatile Endpoint endpoint = Endpoint.NONE;
    volatile Sandbox sandbox;
    volatile boolean userStop;
    volatile boolean removing;

    /** Answers everyone waiting for the container's exit. */
    void completeExit(int code) {
        complete(exitWaiters, code);
    }

    /** Answers everyone waiting for the container's removal. */
    void completeRemoved(int code) {
        complete(removeWaiters, code);
    }

    private static void complete(List<CompletableFuture<Integer>> list, int code) {
        List<CompletableFuture<Integer>> waiters;
        synchronized (list) {
            waiters = new ArrayList<>(list);
            list.clear();
        }
        waiters.forEach(w -> w.complete(code));
    }
}
