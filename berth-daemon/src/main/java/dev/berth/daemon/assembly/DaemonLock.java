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
 * dockerd checks its own: it refuses the start only while the pid it names is a live berthd.
 */
public final class DaemonLock implements AutoCloseable {
    /** What a berthd started by bin/berthd runs: {@code java ... dev.berth.daemon.Main}. */
    static final String MAIN_CLASS = "dev.berth.daemon.Main";

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

    /**
     * The pid recorded in {@code pidFile} when it names a running berthd, else 0. After a kill -9 the
     * pid may still be in /proc as a zombie its parent has not reaped yet, or, later, belong to some
     * unrelated process that got the same number: neither holds the daemon's resources, so neither
     * blocks a start.
     */
    static long runningPid(Path pidFile) {
        long pid;
        try {
            pid = Long.parseLong(new String(Files.readAllBytes(pidFile), StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return 0; // none, or not a pid: a stale file dockerd would overwrite too
        }
        return pid > 0 && isRunningBerthd(Path.of("/proc", Long.toString(pid))) ? pid : 0;
    }

    /** {@code proc} is /proc/PID: alive (not a zombie) and a berthd, by its name or its java command line. */
    static boolean isRunningBerthd(Path proc) {
        String stat;
        byte[] cmdline;
        try {
            stat = Files.readString(proc.resolve("stat"), StandardCharsets.ISO_8859_1);
            cmdline = Files.readAllBytes(proc.resolve("cmdline"));
        } catch (IOException e) {
            return false; // gone
        }
        // "PID (COMM) STATE ...": COMM may itself hold spaces and parentheses, so split at the last ')'
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open || close + 2 >= stat.length()) return false;
        char state = stat.charAt(close + 2);
        if (state == 'Z' || state == 'X' || state == 'x') return false; // dead, not yet reaped
        String comm = stat.substring(open + 1, close);
        if (comm.equals("berthd")) return true;
        String[] argv = new String(cmdline, StandardCharsets.UTF_8).split("\0");
        if (argv.length == 0 || argv[0].isEmpty()) return false; // a kernel thread
        String argv0 = argv[0].substring(argv[0].lastIndexOf('/') + 1);
        if (argv0.equals("berthd")) return true;
        if (!argv0.equals("java") && !comm.equals("java")) return false;
        for (int i = 1; i < argv.length; i++) {
            if (argv[i].contains(MAIN_CLASS)) return true;
        }
        return false;
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
