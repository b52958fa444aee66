package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;
import dev.berth.common.io.AtomicFiles;
import dev.berth.common.json.Json;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.runtime.OciSpecBuilder;
import dev.berth.engine.runtime.PtyMaster;
import dev.berth.engine.runtime.Runc;
import dev.berth.oci.runtime.RuntimeSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code docker exec}: a process started in a running container with {@code runc exec}. The
 * session records its exit code before the output stream ends, so clients that inspect right after
 * EOF see it (the docker CLI and Testcontainers do).
 */
public final class ExecSessions {
    private final Containers containers;
    private final Runc runc;
    private final Path execDir;
    private final EventBus events;
    private final Map<String, Exec> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public ExecSessions(Containers containers, Runc runc, Path execDir, EventBus events) {
        this.containers = containers;
        this.runc = runc;
        this.execDir = execDir;
        this.events = events;
    }

    /** What to run. {@code detachKeys} is kept as the client gave it, for the API layer that applies it. */
    public record ExecConfig(List<String> cmd, List<String> env, String user, String workingDir, boolean tty,
                             boolean attachStdin, boolean attachStdout, boolean attachStderr, boolean privileged,
                             String detachKeys) {}

    /** One exec session; {@code exitCode} is null until it ends. */
    public static final class Exec {
        public final String id;
        public final String containerId;
        public final ExecConfig config;
        public volatile boolean running;
        public volatile Integer exitCode;
        public volatile int pid;
        volatile boolean started;
        volatile PtyMaster pty;
        volatile int runcPid;
        volatile int[] pendingSize;

        Exec(String id, String containerId, ExecConfig config) {
            this.id = id;
            this.containerId = containerId;
            this.config = config;
        }
    }

    public Exec create(String containerRef, ExecConfig config) {
        ContainerStore.Entry e = containers.store().get(containerRef);
        if (!e.state().isRunning()) throw new BerthException.Conflict("Container " + e.spec().id() + " is not running");
        if (e.state().status() == ContainerState.Status.PAUSED) {
            throw new BerthException.Conflict("Container " + e.spec().id() + " is paused, unpause the container before exec");
        }
        if (config.cmd() == null || config.cmd().isEmpty()) throw new BerthException.InvalidArgument("No exec command specified");
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        Exec exec = new Exec(HexFormat.of().formatHex(raw), e.spec().id(), config);
        sessions.put(exec.id, exec);
        events.publish("container", "exec_create: " + String.join(" ", config.cmd()), e.spec().id(),
                Containers.attributes(e.spec(), Map.of("execID", exec.id)));
        return exec;
    }

    public Exec get(String id) {
        Exec e = sessions.get(id);
        if (e == null) throw new BerthException.NotFound("No such exec instance: " + id);
        return e;
    }

    /** Forgets a finished session (health probes would otherwise accumulate). */
    public void remove(String id) {
        sessions.remove(id);
    }

    public List<String> idsOf(String containerId) {
        return sessions.values().stream().filter(x -> x.containerId.equals(containerId)).map(x -> x.id).toList();
    }

    /** Output of a running exec; {@code stdin} may be null. Blocks until the process ends unless detached. */
    public void start(String id, boolean detach, InputStream stdin, AttachSession.Sink sink) {
        Exec exec = get(id);
        synchronized (exec) {
            if (exec.started) throw new BerthException.Conflict("Error: Exec command " + id + " is already running");
            exec.started = true;
        }
        ContainerStore.Entry c = containers.store().get(exec.containerId);
        if (!c.state().isRunning()) throw new BerthException.Conflict("Container " + c.spec().id() + " is not running");
        Path dir = execDir.resolve(id);
        Process p;
        PtyMaster pty = null;
        try {
            Files.createDirectories(dir);
            Path processJson = dir.resolve("process.json");
            AtomicFiles.write(processJson, Json.bytes(processSpec(c.spec(), exec.config, exec.pendingSize)));
            if (exec.config.tty()) {
                int[] size = exec.pendingSize;
                pty = PtyMaster.open(size == null ? 0 : size[0], size == null ? 0 : size[1]);
                exec.pty = pty;
            }
            p = runc.exec(c.spec().id(), processJson, dir.resolve("runc.log"), dir.resolve("pid"), pty);
        } catch (IOException e) {
            if (pty != null) pty.close();
            cleanup(dir);
            throw new BerthException.Internal("cannot start exec: " + e.getMessage(), e);
        }
        exec.running = true;
        exec.runcPid = (int) p.pid();
        Path pidFile = dir.resolve("pid");
        Thread.ofVirtual().start(() -> readPid(exec, pidFile));
        events.publish("container", "exec_start: " + String.join(" ", exec.config.cmd()), c.spec().id(),
                Containers.attributes(c.spec(), Map.of("execID", id)));
        AttachSession.Sink out = detach ? null : sink;
        Runnable finish = exec.config.tty() ? ttySession(exec, p, pty, stdin, out) : pipeSession(exec, p, stdin, out);
        Runnable done = () -> {
            try {
                finish.run();
                int code = p.waitFor();
                String failure = code == 255 ? Runc.logError(dir.resolve("runc.log")) : null;
                if (failure != null) {
                    // Docker reports an exec that never started on the (already hijacked) stdout.
                    String msg = "OCI runtime exec failed: " + failure + ": unknown";
                    if (sink != null) {
                        try { sink.write(1, (msg + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)); } catch (IOException ignored) { /* client gone */ }
                    }
                    code = StartErrors.exitCode(failure, 126);
                }
                exec.exitCode = code;
                exec.running = false;
                events.publish("container", "exec_die", c.spec().id(), Containers.attributes(c.spec(),
                        Map.of("execID", id, "exitCode", Integer.toString(exec.exitCode))));
                cleanup(dir);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (sink != null) sink.close();
            }
        };
        if (detach) Thread.ofVirtual().start(done);
        else done.run();
    }

    private static void readPid(Exec exec, Path pidFile) {
        // runc writes the pid file once the process is running, which can take a while on a busy host
        for (int i = 0; i < 500 && exec.exitCode == null; i++) {
            try {
                if (Files.exists(pidFile)) {
                    String s = Files.readString(pidFile).trim();
                    if (!s.isEmpty()) {
                        exec.pid = Integer.parseInt(s);
                        return;
                    }
                }
                Thread.sleep(10);
            } catch (IOException | NumberFormatException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Without a TTY runc's own stdio are the process's: stdout and stderr stay apart. */
    private static Runnable pipeSession(Exec exec, Process p, InputStream stdin, AttachSession.Sink sink) {
        if (stdin != null && exec.config.attachStdin()) {
            OutputStream procIn = p.getOutputStream();
            Thread.ofVirtual().start(() -> {
                try (procIn) {
                    copyFlushing(stdin, procIn);
                } catch (IOException ignored) {
                    // process gone
                }
            });
        } else {
            try { p.getOutputStream().close(); } catch (IOException ignored) { /* nothing to close */ }
        }
        Thread out = pump(p.getInputStream(), 1, exec.config.attachStdout() ? sink : null);
        Thread err = pump(p.getErrorStream(), 2, exec.config.attachStderr() ? sink : null);
        return () -> {
            try {
                out.join();
                err.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** With a TTY, input and output are one raw stream through the pty runc relays. */
    private static Runnable ttySession(Exec exec, Process p, PtyMaster pty, InputStream stdin, AttachSession.Sink sink) {
        if (stdin != null && exec.config.attachStdin()) {
            OutputStream in = pty.output();
            Thread.ofPlatform().daemon().name("exec-stdin-" + exec.id.substring(0, 12)).start(() -> {
                try {
                    copyFlushing(stdin, in);
                } catch (IOException ignored) {
                    // process gone
                }
            });
        }
        Thread out = Thread.ofPlatform().daemon().name("exec-pty-" + exec.id.substring(0, 12)).start(() -> {
            byte[] buf = new byte[32 * 1024];
            try {
                InputStream from = pty.input();
                int n;
                while ((n = from.read(buf, 0, buf.length)) > 0) {
                    if (sink != null) sink.write(1, java.util.Arrays.copyOf(buf, n));
                }
            } catch (IOException ignored) {
                // client gone
            }
        });
        return () -> {
            try {
                p.waitFor();
                out.join(2000); // the master reads EIO once runc, the last slave holder, is gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exec.pty = null;
                pty.close();
            }
        };
    }

    /** Copies input as it arrives: interactive clients never half-close, so nothing may wait in a buffer. */
    private static void copyFlushing(InputStream from, OutputStream to) throws IOException {
        byte[] buf = new byte[8192];
        int n;
        while ((n = from.read(buf)) > 0) {
            to.write(buf, 0, n);
            to.flush();
        }
    }

    /** Resizes the exec's pty; before the pty exists the size is applied when it arrives. */
    public void resize(String id, int height, int width) {
        Exec exec = get(id);
        if (!exec.config.tty()) return;
        exec.pendingSize = new int[]{height, width};
        PtyMaster pty = exec.pty;
        if (pty != null) {
            try {
                pty.resize(height, width);
                // runc copies the size to the container's pty when it gets SIGWINCH
                if (exec.runcPid > 0) dev.berth.engine.mount.Syscalls.kill(exec.runcPid, 28);
            } catch (IOException | dev.berth.engine.mount.Syscalls.ErrnoException e) {
                throw new BerthException.Internal("cannot resize exec: " + e.getMessage(), e);
            }
        }
    }

    private static void cleanup(Path dir) {
        try {
            dev.berth.common.io.Trees.deleteRecursively(dir);
        } catch (IOException ignored) {
            // swept later
        }
    }

    private static Thread pump(InputStream from, int stream, AttachSession.Sink sink) {
        return Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[32 * 1024];
            try (from) {
                int n;
                while ((n = from.read(buf)) > 0) {
                    if (sink != null) sink.write(stream, java.util.Arrays.copyOf(buf, n));
                }
            } catch (IOException ignored) {
                // client or process gone
            }
        });
    }

    /**
     * The exec's process.json. A known console size goes in as {@code consoleSize}: runc sizes the
     * container-side pty with it before the process runs, where its own resize from our pty comes
     * only after the process has started (a quick {@code stty size} could see 0 0).
     */
    private RuntimeSpec.Process processSpec(ContainerSpec spec, ExecConfig cfg, int[] size) {
        List<String> env = new ArrayList<>(spec.env());
        if (cfg.env() != null) env.addAll(cfg.env());
        if (env.stream().noneMatch(x -> x.startsWith("PATH="))) env.addFirst("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        if (cfg.tty() && env.stream().noneMatch(x -> x.startsWith("TERM="))) env.add("TERM=xterm");
        String user = cfg.user() != null && !cfg.user().isEmpty() ? cfg.user() : spec.user();
        Path rootfs = containers.paths().rootfs(spec.id());
        // as dockerd: an exec has the container's --group-add groups too
        RuntimeSpec.User u = OciSpecBuilder.withGroups(OciSpecBuilder.resolveUser(user, rootfs), spec.host().kernel().groupAdd(), rootfs);
        String cwd = cfg.workingDir() != null && !cfg.workingDir().isEmpty() ? cfg.workingDir()
                : spec.workingDir().isEmpty() ? "/" : spec.workingDir();
        // as dockerd: an exec gets the container's own capabilities, or all of them with --privileged
        List<String> caps = cfg.privileged() ? OciSpecBuilder.HOST_CAPS : OciSpecBuilder.capabilities(RuntimeInputs.confinement(spec.host()));
        RuntimeSpec.ConsoleSize console = cfg.tty() && size != null && size[0] > 0 && size[1] > 0 ? new RuntimeSpec.ConsoleSize(size[0], size[1]) : null;
        // as dockerd: an exec cannot gain privileges when its container cannot
        boolean noNewPrivileges = spec.host().security().noNewPrivileges() && !cfg.privileged();
        // as dockerd, whose exec starts from the container's process spec: the container's --oom-score-adj
        return new RuntimeSpec.Process(cfg.tty(), console, u, cfg.cmd(), env, cwd, RuntimeSpec.Capabilities.of(caps), null, noNewPrivileges,
                spec.host().kernel().oomScoreAdj());
    }

}
