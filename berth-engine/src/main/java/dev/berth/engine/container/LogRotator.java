package dev.berth.engine.container;

import dev.berth.engine.runtime.Conmon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Docker's {@code --log-opt max-size=S --log-opt max-file=N} for logs conmon writes. conmon only
 * knows how to truncate, so berthd does the rotation: when the live file has reached S it shifts
 * {@code ctr.log.(i)} to {@code .(i+1)}, renames the live file to {@code .1} and tells conmon to
 * reopen its log. conmon keeps writing to the renamed file until it reopens, so no line is lost;
 * files beyond N are deleted. Checked once a second, so a file may overshoot S by a second's output.
 */
public final class LogRotator implements AutoCloseable {
    private static final long INTERVAL_MS = 1000;
    private final Containers containers;
    private final Thread thread;
    private volatile boolean closed;

    public LogRotator(Containers containers) {
        this.containers = containers;
        this.thread = Thread.ofVirtual().name("log-rotator").start(this::loop);
    }

    /** Size and file-count limits of a container's log; size 0 means unlimited. */
    record Limits(long maxSize, int maxFiles) {
        static Limits of(ContainerSpec spec) {
            String size = spec.host().logOptions().getOrDefault("max-size", "");
            String files = spec.host().logOptions().getOrDefault("max-file", "");
            return new Limits(size.isEmpty() ? 0 : Sizes.parse(size), files.isEmpty() ? 1 : Math.max(1, Integer.parseInt(files)));
        }
    }

    private void loop() {
        while (!closed) {
            try {
                Thread.sleep(INTERVAL_MS);
                for (ContainerStore.Entry e : containers.store().all()) {
                    if (!e.state().isRunning()) continue;
                    Limits limits = Limits.of(e.spec());
                    if (limits.maxSize() > 0) rotateIfFull(containers.logPath(e.spec().id()), containers.paths().dir(e.spec().id()), limits);
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // a container went away mid-check; try again next tick
            }
        }
    }

    static void rotateIfFull(Path log, Path bundle, Limits limits) throws IOException {
        if (!Files.exists(log) || Files.size(log) < limits.maxSize()) return;
        rotate(log, limits.maxFiles());
        Conmon.reopenLog(bundle);
    }

    /** Shifts the numbered files up by one and moves the live file to {@code .1}. */
    static void rotate(Path log, int maxFiles) throws IOException {
        String name = log.getFileName().toString();
        // with max-file=1 Docker keeps only the live file: the old content is dropped
        int keep = Math.max(1, maxFiles - 1);
        Files.deleteIfExists(log.resolveSibling(name + "." + keep));
        for (int i = keep - 1; i >= 1; i--) {
            Path from = log.resolveSibling(name + "." + i);
            if (Files.exists(from)) Files.move(from, log.resolveSibling(name + "." + (i + 1)), StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(log, log.resolveSibling(name + ".1"), StandardCopyOption.ATOMIC_MOVE);
        if (maxFiles == 1) {
            // readers find nothing older than the live file; conmon's open fd keeps the inode until reopen
            Files.deleteIfExists(log.resolveSibling(name + ".1"));
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
