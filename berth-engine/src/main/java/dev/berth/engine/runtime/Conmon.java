package dev.berth.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.concurrent.Carriers;
import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;
import dev.berth.engine.mount.Syscalls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts one conmon per container. conmon runs {@code runc create}, holds the container's stdio or
 * pty, writes the log (CRI "k8s-file" format) and the exit file, serves the attach socket, and
 * outlives berthd.
 *
 * <p>conmon reports the container pid (or runc's error) on a "sync pipe" whose fd number it takes
 * from {@code _OCI_SYNCPIPE}. {@link ProcessBuilder} cannot hand a child extra fds, so conmon is
 * spawned with {@code posix_spawn} ({@link Spawn}) and gets the pipe as fd 3.
 * <pre>
 *   berthd ──posix_spawn──▶ conmon ──fork──▶ conmon (monitor) ──▶ runc create
 *      ◀── {"data": pid} | {"data": -1, "message": "..."} on fd 3 ──┘
 * </pre>
 */
public final class Conmon {
    /**
     * conmon's environment: berthd's, the sync pipe on fd 3, the start pipe on fd 4, and the C locale (conmon calls
     * setlocale, and loading a real locale's files costs a millisecond or two on every start).
     */
    private static final java.util.Map<String, String> ENV = environment();
    private final Path conmonBinary;
    private final Runc runc;
    private final Path exitDir;
    private final Path socketDir;

    public Conmon(Path conmonBinary, Runc runc, Path execRoot) {
        this.conmonBinary = conmonBinary;
        this.runc = runc;
        this.exitDir = execRoot.resolve("exits");
        this.socketDir = execRoot.resolve("socks");
        try {
            Files.createDirectories(exitDir);
            Files.createDirectories(socketDir);
        } catch (IOException e) {
            throw new BerthException.Internal("cannot prepare conmon: " + e.getMessage(), e);
        }
    }

    private static java.util.Map<String, String> environment() {
        java.util.Map<String, String> env = new java.util.TreeMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG") || k.startsWith("_OCI_") || k.startsWith("JAVA_TOOL"));
        env.put("LC_ALL", "C");
        env.put("_OCI_SYNCPIPE", "3");
        env.put("_OCI_STARTPIPE", "4");
        return java.util.Map.copyOf(env);
    }

    public Path exitDir() {
        return exitDir;
    }

    public Path exitFile(String id) {
        return exitDir.resolve(id);
    }

    /** The attach socket path through the short symlink directory (sun_path is 108 bytes). */
    public Path attachSocket(String id) {
        return socketDir.resolve(shortId(id)).resolve("attach");
    }

    public static Path ctlFifo(Path bundle) {
        return bundle.resolve("ctl");
    }

    static String shortId(String id) {
        return id.substring(0, 12);
    }

    /** What to monitor: a container bundle, its log ({@code driver:path} as conmon's -l takes it) and stdio mode. */
    /**
     * One container's monitor. {@code leaveStdinOpen}: the container's stdin outlives an attached
     * client's end of input (conmon otherwise closes it when a client leaves).
     */
    public record Launch(String id, String name, Path bundle, String logTarget, boolean tty, boolean stdin, boolean leaveStdinOpen) {}

    /**
     * Starts conmon and leaves it waiting on its start pipe ({@code _OCI_STARTPIPE}, fd 4), which
     * conmon reads after loading, parsing its arguments and opening the log, and before it does
     * anything else. Its start-up (~9 ms here, mostly dynamic linking) then overlaps whatever the
     * caller still has to do before the container can be created: the bundle need not be complete
     * until {@link Pending#go}. The log must be in place already: conmon opens it here.
     */
    public Pending spawn(Launch l) {
        try {
            Files.deleteIfExists(exitFile(l.id()));
            Files.deleteIfExists(socketDir.resolve(shortId(l.id())));
            Files.deleteIfExists(l.bundle().resolve("oom"));
        } catch (IOException e) {
            throw new BerthException.Internal("cannot prepare conmon files: " + e.getMessage(), e);
        }
        List<String> cmd = new ArrayList<>(List.of(conmonBinary.toString(), "--api-version", "1",
                "-c", l.id(), "-u", shortId(l.id()), "-n", l.name(),
                "-r", runc.binary().toString(), "-b", l.bundle().toString(),
                "-p", l.bundle().resolve("pidfile").toString(), "-P", l.bundle().resolve("conmon.pid").toString(),
                "-l", l.logTarget(), "--exit-dir", exitDir.toString(),
                "--socket-dir-path", socketDir.toString(), "--runtime-arg", "--root=" + runc.root(),
                // berthd ships the spool into the json-file; like dockerd's json-file it does not fsync
                // each container's output, and conmon's sync would delay the exit file
                "--no-sync-log", "--log-level", "error"));
        if (l.tty()) cmd.add("-t");
        if (l.stdin()) cmd.add("-i");
        if (l.stdin() && l.leaveStdinOpen()) cmd.add("--leave-stdin-open");
        try {
            return new Pending(Spawn.start(cmd, ENV, l.bundle()));
        } catch (IOException e) {
            throw new BerthException.Internal("cannot start conmon: " + e.getMessage(), e);
        }
    }

    /** A conmon that waits on its start pipe: {@link #go} lets it create the container, {@link #close} abandons it. */
    public static final class Pending implements AutoCloseable {
        private final int pid;
        // each fd is closed once and then forgotten: a second close could hit a number reused meanwhile
        private int syncFd;
        private int startFd;
        private int stderrFd;
        private boolean released;

        private Pending(Spawn.Child child) {
            this.pid = child.pid();
            this.syncFd = child.fd3();
            this.startFd = child.fd4();
            this.stderrFd = child.stderr();
        }

        int pid() {
            return pid;
        }

        /**
         * Lets conmon run {@code runc create}; returns the container's init pid, or throws with runc's
         * message. The wait for conmon's report is a blocking native read, done off the carrier.
         */
        public int go() {
            return Carriers.call(this::awaitCreated);
        }

        private int awaitCreated() {
            released = true;
            String line;
            String err;
            try {
                try {
                    Spawn.write(startFd, new byte[]{'1'});
                } catch (IOException e) {
                    // conmon is gone already: its stderr says why
                }
                startFd = closed(startFd);
                line = Spawn.readLine(syncFd);
                syncFd = closed(syncFd);
                err = Spawn.readAll(stderrFd);
                // conmon's first process exits once its monitor is on its own
                Spawn.waitFor(pid);
            } catch (IOException e) {
                throw new BerthException.Internal("cannot start conmon: " + e.getMessage(), e);
            } finally {
                closeAll();
            }
            if (line == null) throw new BerthException.Internal("conmon failed: " + (err.isBlank() ? "no status reported" : err.trim()));
            JsonNode status = Json.tree(line.getBytes(StandardCharsets.UTF_8));
            int containerPid = status.path("data").asInt(-1);
            if (containerPid <= 0) {
                throw new RuntimeCreateException(Runc.cleanMessage(status.path("message").asText("unknown error")));
            }
            return containerPid;
        }

        /**
         * Abandons a conmon never let go: it is killed before it forked anything (closing the pipe
         * alone would not do: conmon takes end of file on its start pipe as the signal to go on).
         */
        @Override
        public void close() {
            if (released) return;
            released = true;
            try {
                Syscalls.kill(pid, 9); // our unreaped child: the pid cannot have been reused
            } catch (Syscalls.ErrnoException ignored) {
                // gone already; reaped below
            }
            try {
                Spawn.waitFor(pid);
            } catch (IOException ignored) {
                // not our child any more: nothing to reap
            } finally {
                closeAll();
            }
        }

        private void closeAll() {
            startFd = closed(startFd);
            syncFd = closed(syncFd);
            stderrFd = closed(stderrFd);
        }

        private static int closed(int fd) {
            Spawn.closeQuietly(fd);
            return -1;
        }
    }

    /** {@code runc create} failed: the message is runc's. */
    public static final class RuntimeCreateException extends RuntimeException {
        public RuntimeCreateException(String message) {
            super(message);
        }
    }

    /** The pid of the container's conmon, if it is still alive. */
    public static java.util.Optional<Integer> alivePid(Path bundle) {
        try {
            Path f = bundle.resolve("conmon.pid");
            if (!Files.exists(f)) return java.util.Optional.empty();
            int pid = Integer.parseInt(Files.readString(f).trim());
            Path cmdline = Path.of("/proc", Integer.toString(pid), "cmdline");
            if (!Files.exists(cmdline)) return java.util.Optional.empty();
            String cmd = Files.readString(cmdline);
            return cmd.contains("conmon") ? java.util.Optional.of(pid) : java.util.Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Every conmon of this daemon that is alive, by container id: found in /proc by the exit
     * directory in its command line, so one whose bundle is gone is found too.
     */
    public java.util.Map<String, Integer> monitors() {
        java.util.Map<String, Integer> found = new java.util.HashMap<>();
        String exits = exitDir.toString();
        try (var procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path proc : procs) {
                try {
                    List<String> argv = List.of(Files.readString(proc.resolve("cmdline")).split("\0"));
                    if (argv.isEmpty() || !argv.getFirst().endsWith("conmon")) continue;
                    int exitAt = argv.indexOf("--exit-dir");
                    int idAt = argv.indexOf("-c");
                    if (exitAt < 0 || idAt < 0 || exitAt + 1 >= argv.size() || idAt + 1 >= argv.size()) continue;
                    if (!argv.get(exitAt + 1).equals(exits)) continue;
                    found.put(argv.get(idAt + 1), Integer.parseInt(proc.getFileName().toString()));
                } catch (IOException | RuntimeException gone) {
                    // exited while we looked
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to find
        }
        return found;
    }

    /** Sends a resize to the container's pty through conmon's control FIFO. */
    public static void resize(Path bundle, int height, int width) {
        writeCtl(bundle, "1 " + height + " " + width + "\n");
    }

    /** Asks conmon to reopen the log file (after berthd rotated it). */
    public static void reopenLog(Path bundle) {
        writeCtl(bundle, "2 0 0\n");
    }

    private static void writeCtl(Path bundle, String msg) {
        if (alivePid(bundle).isEmpty()) return;
        Path ctl = ctlFifo(bundle);
        if (!Files.exists(ctl)) return;
        // Opening a FIFO for write blocks if nobody reads: open non-blocking through the channel API.
        try (var ch = java.nio.channels.FileChannel.open(ctl, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(msg.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException ignored) {
            // conmon went away: nothing to resize
        }
    }
}
