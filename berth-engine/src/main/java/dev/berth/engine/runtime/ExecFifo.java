package dev.berth.engine.runtime;

import dev.berth.common.errors.BerthException;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The handshake behind {@code runc start}, done in-process to save spawning runc (~20 ms on the
 * {@code run} path). After {@code runc create}, runc's init process waits in {@code open(O_WRONLY)} of
 * {@code <runc root>/<id>/exec.fifo}; the starter opens it for reading, reads the one byte init
 * writes, and removes the fifo (runc reports "created" while it exists). Init then execs the
 * container's process. This is runc's own protocol (libcontainer {@code exec()} and
 * {@code readFromExecFifo}), stable since runc 1.0; {@link Runc#start} falls back to {@code runc start}
 * when the fifo is not there (another runtime, another layout).
 */
final class ExecFifo {
    private static final long POLL_MS = 100;

    private ExecFifo() {}

    static Path of(Path runcRoot, String id) {
        return runcRoot.resolve(id).resolve("exec.fifo");
    }

    /** Lets the created container's init exec its process; {@code initPid} is watched so a dead init cannot hang us. */
    static void release(Path fifo, int initPid) {
        CompletableFuture<byte[]> read = new CompletableFuture<>();
        // open(2) of a fifo blocks until init opens its end: a platform thread, so no carrier waits with it
        Thread.ofPlatform().daemon().name("exec-fifo").start(() -> {
            try (FileInputStream in = new FileInputStream(fifo.toFile())) {
                read.complete(in.readAllBytes());
            } catch (IOException | RuntimeException e) {
                read.completeExceptionally(e);
            }
        });
        byte[] data;
        try {
            while (true) {
                try {
                    data = read.get(POLL_MS, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException stillWaiting) {
                    if (!alive(initPid)) {
                        // init died before opening its end: open it ourselves so the reader returns
                        unblock(fifo);
                        read.get(1, TimeUnit.SECONDS);
                        throw new BerthException.Internal("runc start failed: container process is already dead");
                    }
                }
            }
        } catch (ExecutionException e) {
            throw new BerthException.Internal("runc start failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new BerthException.Internal("runc start failed: container process is already dead");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException.Internal("interrupted starting the container");
        }
        if (data.length == 0) throw new BerthException.Internal("runc start failed: cannot start an already running container");
        try {
            Files.deleteIfExists(fifo);
        } catch (IOException e) {
            throw new BerthException.Internal("runc start failed: " + e.getMessage(), e);
        }
    }

    private static boolean alive(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
            // the state is the field after the parenthesised command name
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void unblock(Path fifo) {
        try (OutputStream out = Files.newOutputStream(fifo)) {
            out.flush();
        } catch (IOException ignored) {
            // the reader already returned
        }
    }
}
