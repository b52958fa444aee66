package dev.berth.engine.container;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/**
 * Watches conmon's exit directory (inotify through the JDK's WatchService) and hands each new exit
 * file to {@link Containers#handleExit}. conmon writes exit files by rename, which shows as a create.
 */
public final class ExitWatcher implements AutoCloseable {
    private final WatchService watch;
    private final Thread thread;

    public ExitWatcher(Path exitDir, Containers containers) {
        try {
            watch = FileSystems.getDefault().newWatchService();
            exitDir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException e) {
            throw new dev.berth.common.errors.BerthException.Internal("cannot watch " + exitDir + ": " + e.getMessage(), e);
        }
        thread = Thread.ofPlatform().daemon().name("exit-watcher").start(() -> {
            while (true) {
                WatchKey key;
                try {
                    key = watch.take();
                } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
                    return;
                }
                for (WatchEvent<?> ev : key.pollEvents()) {
                    if (ev.context() instanceof Path p) {
                        String id = p.getFileName().toString();
                        if (id.matches("[0-9a-f]{64}")) Thread.ofVirtual().start(() -> containers.handleExit(id));
                    }
                }
                if (!key.reset()) return;
            }
        });
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException ignored) {
            // shutting down
        }
        thread.interrupt();
    }
}
