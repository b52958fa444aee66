package dev.berth.common.concurrent;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Keeps blocking native calls off virtual threads' carriers.
 *
 * <p>A virtual thread blocked in a foreign (FFM) downcall such as {@code read} on a pipe or
 * {@code send} on a socket holds its carrier: the JDK cannot unmount it, and it does not add a
 * carrier to compensate as it does for its own file I/O. berthd serves every API connection on a
 * virtual thread over as many carriers as there are CPUs (two here), so two such calls waiting on a
 * slow peer stopped the whole daemon, {@code _ping} included. A call that may wait on another
 * process goes through {@link #call}: on a virtual thread it runs on a pooled platform thread while
 * the virtual thread parks (which frees its carrier); on a platform thread it simply runs.
 */
public final class Carriers {
    private static final ExecutorService BLOCKING = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("native-blocking-", 0).factory());

    private Carriers() {}

    /** A call that may throw a checked exception of type {@code X}. */
    @FunctionalInterface
    public interface BlockingCall<T, X extends Exception> {
        T call() throws X;
    }

    /** Runs {@code call} where it cannot pin a carrier, and returns its result or rethrows what it threw. */
    @SuppressWarnings("unchecked")
    public static <T, X extends Exception> T call(BlockingCall<T, X> call) throws X {
        if (!Thread.currentThread().isVirtual()) return call.call();
        Future<T> f = BLOCKING.submit(call::call);
        // like the native call itself, the wait is not interruptible: an interrupt is kept for later,
        // never a reason to leave a mount or a pipe half-handled
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw (X) cause;
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** Starts a platform thread for a loop of blocking native calls (a pump that lives as long as a stream). */
    public static Thread startPlatform(String name, Runnable body) {
        return Thread.ofPlatform().daemon().name(name).start(body);
    }
}
