package dev.berth.daemon.assembly;

import dev.berth.common.io.AtomicFiles;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One berthd per data root and per pidfile. A second daemon on the same roots would unlink and
 * rebind the first one's socket and both would watch the same containers' exits, so it must
 * refuse to start before it touches anything. The data root is guarded by an flock the kernel
 * drops when the process dies (so a kill -9 leaves no stale lock); the pidfile is checked the way
 * dockerd checks its own.
 */
public final class DaemonLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;
    private final Path pidFile;

    private DaemonLock(FileChannel channel, FileLock lock, Path pidFile) {
        this.channel = channel;
        this.lock = lock;
        this.pidFile = pidFile;
    }

    /** Takes the data root's lock and writes the pidfile, or fails with dockerd's wording. */
    public static DaemonLock acquire(Path dataRoot, Path pidFile) throws IOException {
        Files.createDirectories(dataRoot);
        FileChannel ch = FileChannel.open(dataRoot.resolve("berthd.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null; // held by this same JVM
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            throw new IllegalStateException("another berthd is already using data root " + dataRoot);
        }
        try {
            long other = runningPid(pidFile);
            if (other > 0 && other != ProcessHandle.current().pid()) {
                throw new IllegalStateException("pid file found, ensure berthd is not running or delete " + pidFile);
            }
            Files.createDirectories(pidFile.toAbsolutePath().getParent());
            AtomicFiles.write(pidFile, Long.toString(ProcessHandle.current().pid()));
        } catch (IOException | RuntimeException e) {
            lock.release();
            ch.close();
            throw e;
        }
        return new DaemonLock(ch, lock, pidFile);
    }

    /** The pid recorded in {@code pidFile} when that process is still alive, else 0. */
    static long runningPid(Path pidFile) {
        try {
            String text = new String(Files.readAllBytes(pidFile), StandardCharsets.US_ASCII).trim();
            long pid = Long.parseLong(text);
            return pid > 0 && Files.exists(Path.of("/proc", Long.toString(pid))) ? pid : 0;
        } catch (IOException | NumberFormatException e) {
            return 0; // none, or not a pid: a stale file dockerd would overwrite too
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pidfile names a dead pid and is overwritten at the next start
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the kernel drops the lock with the process anyway
        }
    }
}
