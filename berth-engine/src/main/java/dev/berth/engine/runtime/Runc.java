package dev.berth.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A thin wrapper over the runc binary (podman's rule: no state policy here). */
public final class Runc {
    private final Path binary;
    private final Path root;

    public Runc(Path binary, Path root) {
        this.binary = binary;
        this.root = root;
    }

    /** runc run from a sealed in-memory copy of {@code binary}, linked from {@code linkDir} (see {@link SealedBinary}): the daemon's choice. */
    public static Runc sealed(Path binary, Path root, Path linkDir) {
        return new Runc(SealedBinary.of(binary, linkDir), root);
    }

    public Path binary() {
        return binary;
    }

    public Path root() {
        return root;
    }

    /** The ids runc keeps state for (its root's directories): created, running, paused or stopped containers. */
    public List<String> ids() {
        try (var dirs = java.nio.file.Files.list(root)) {
            return dirs.filter(java.nio.file.Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** runc's view of a container: status is created, running, paused or stopped. */
    public record State(String status, int pid) {}

    public Optional<State> state(String id) {
        Result r = run(List.of("state", id));
        if (r.code != 0) return Optional.empty();
        JsonNode n = Json.tree(r.out.getBytes(StandardCharsets.UTF_8));
        return Optional.of(new State(n.path("status").asText(), n.path("pid").asInt()));
    }

    /** {@code runc start}: through runc's exec fifo when it is there (see {@link ExecFifo}), else by running runc. */
    public void start(String id, int initPid) {
        java.nio.file.Path fifo = ExecFifo.of(root, id);
        if (initPid > 0 && java.nio.file.Files.exists(fifo)) {
            ExecFifo.release(fifo, initPid);
            return;
        }
        check("start", run(List.of("start", id)));
    }

    public void kill(String id, int signal, boolean all) {
        List<String> args = new ArrayList<>(List.of("kill"));
        if (all) args.add("--all");
        args.add(id);
        args.add(Integer.toString(signal));
        Result r = run(args);
        if (r.code != 0 && !r.err.contains("not running") && !r.err.contains("does not exist")) check("kill", r);
    }

    /** {@code runc delete --force}; a container whose init has exited is cleaned up in-process (see {@link StoppedContainerCleanup}). */
    public void delete(String id) {
        if (StoppedContainerCleanup.deleteIfStopped(root, id)) return;
        Result r = run(List.of("delete", "--force", id));
        if (r.code != 0 && !r.err.contains("does not exist")) check("delete", r);
    }

    /** {@code runc update -r}: new cgroup limits for a running container; fields left null stay as they are. */
    public void update(String id, dev.berth.oci.runtime.RuntimeSpec.Resources resources) {
        java.nio.file.Path file = null;
        try {
            file = java.nio.file.Files.createTempFile(root.toAbsolutePath().getParent(), "runc-update-", ".json");
            java.nio.file.Files.write(file, Json.bytes(resources));
            Result r = run(List.of("update", "-r", file.toString(), id));
            if (r.code != 0) throw new BerthException.InvalidArgument("Cannot update container " + id + ": " + cleanMessage(r.err.trim()));
        } catch (IOException e) {
            throw new BerthException.Internal("cannot update container " + id + ": " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try { java.nio.file.Files.deleteIfExists(file); } catch (IOException ignored) { /* a few bytes in the exec root */ }
            }
        }
    }

    public void pause(String id) {
        check("pause", run(List.of("pause", id)));
    }

    public void resume(String id) {
        check("resume", run(List.of("resume", id)));
    }

    /** Host pids of every process in the container. */
    public List<Integer> pids(String id) {
        Result r = run(List.of("ps", "--format", "json", id));
        check("ps", r);
        List<Integer> pids = new ArrayList<>();
        Json.tree(r.out.getBytes(StandardCharsets.UTF_8)).forEach(n -> pids.add(n.asInt()));
        return pids;
    }

    /**
     * Starts {@code runc exec} for a process spec file; the caller owns the process's pipes. runc's
     * own messages go to {@code logFile} (JSON lines) so they never mix with the process's stderr.
     * With a {@code terminal} (a pty slave) runc relays the process's own pty through it.
     */
    public Process exec(String id, Path processJson, Path logFile, Path pidFile, PtyMaster terminal) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--root", root.toString(), "--log", logFile.toString(),
                "--log-format", "json", "exec", "--process", processJson.toString()));
        if (pidFile != null) cmd.addAll(List.of("--pid-file", pidFile.toString()));
        cmd.add(id);
        if (terminal == null) return new ProcessBuilder(cmd).start();
        // The JDK opens redirect files in the JVM itself, without O_NOCTTY: a berthd that leads its
        // session (setsid, systemd) would take the pty as its controlling terminal and die of the
        // SIGHUP when the exec ends. A shell, which leads no session, opens it in the child instead.
        List<String> viaShell = new ArrayList<>(List.of("/bin/sh", "-c", "exec \"$@\" <>\"$BERTH_PTY\" >&0 2>/dev/null", "sh"));
        viaShell.addAll(cmd);
        // (The shell's own stdio is never read: /dev/null and discard, so no pipes hang about.)
        ProcessBuilder pb = new ProcessBuilder(viaShell).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("BERTH_PTY", terminal.slave().getPath());
        return pb.start();
    }

    /** The last error-level message in a JSON runc log, or null. */
    public static String logError(Path logFile) {
        try {
            String last = null;
            for (String line : java.nio.file.Files.readAllLines(logFile)) {
                if (line.isBlank()) continue;
                JsonNode n = Json.tree(line.getBytes(StandardCharsets.UTF_8));
                if (n.path("level").asText().equals("error")) last = n.path("msg").asText();
            }
            return last;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private record Result(int code, String out, String err) {}

    private Result run(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--root", root.toString()));
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            byte[] err = p.getErrorStream().readAllBytes();
            byte[] out = p.getInputStream().readAllBytes();
            int code = p.waitFor();
            return new Result(code, new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BerthException.Internal("cannot run runc: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException.Internal("interrupted running runc");
        }
    }

    private static void check(String what, Result r) {
        if (r.code != 0) throw new BerthException.Internal("runc " + what + " failed: " + cleanMessage(r.err));
    }

    /** runc prints logrus lines ({@code time=... level=error msg="..."}); keep the message. */
    public static String cleanMessage(String err) {
        String s = err.trim();
        int i = s.lastIndexOf("msg=\"");
        if (i >= 0) {
            String m = s.substring(i + 5);
            if (m.endsWith("\"")) m = m.substring(0, m.length() - 1);
            return m.replace("\\\"", "\"").replace("\\n", " ").trim();
        }
        return s;
    }
}
