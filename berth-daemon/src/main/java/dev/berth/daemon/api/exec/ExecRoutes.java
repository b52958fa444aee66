package dev.berth.daemon.api.exec;

import dev.berth.daemon.api.Router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;
import dev.berth.engine.container.AttachSession;
import dev.berth.engine.container.ExecSessions;
import dev.berth.daemon.http.HttpResponse;
import dev.berth.dockerapi.DetachKeys;
import dev.berth.dockerapi.DetachingInput;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** {@code /containers/{id}/exec} and {@code /exec/{id}/...}. */
public final class ExecRoutes {
    /** What these routes need of the engine, and nothing more (STYLE.md: each router its own narrow backend). */
    public interface Backend {
        ExecSessions.Exec create(String containerRef, ExecSessions.ExecConfig config);

        ExecSessions.Exec get(String execId);

        void start(String execId, boolean detach, InputStream stdin, AttachSession.Sink sink);

        void resize(String execId, int height, int width);
    }

    private final Backend execs;

    public ExecRoutes(Backend execs) {
        this.execs = execs;
    }

    public void register(Router r) {
        r.add("POST", "/containers/(.+)/exec", this::create);
        r.add("POST", "/exec/([^/]+)/start", this::start);
        r.add("POST", "/exec/([^/]+)/resize", this::resize);
        r.add("GET", "/exec/([^/]+)/json", this::inspect);
    }

    private void create(Router.Call c) throws IOException {
        JsonNode b = Json.tree(c.req().bodyBytes());
        List<String> cmd = new ArrayList<>();
        b.path("Cmd").forEach(x -> cmd.add(x.asText()));
        List<String> env = new ArrayList<>();
        b.path("Env").forEach(x -> env.add(x.asText()));
        String keys = b.path("DetachKeys").asText("");
        detachKeys(keys); // a bad sequence fails the create, as with dockerd
        ExecSessions.Exec e = execs.create(c.group(1), new ExecSessions.ExecConfig(cmd, env, b.path("User").asText(""),
                b.path("WorkingDir").asText(""), b.path("Tty").asBoolean(false), b.path("AttachStdin").asBoolean(false),
                b.path("AttachStdout").asBoolean(false), b.path("AttachStderr").asBoolean(false), b.path("Privileged").asBoolean(false),
                keys));
        int[] size = consoleSize(b.path("ConsoleSize"));
        if (e.config.tty() && size != null) execs.resize(e.id, size[0], size[1]); // applied when the pty is made
        ObjectNode out = Json.object();
        out.put("Id", e.id);
        c.json(201, out);
    }

    /**
     * {@code POST /exec/{id}/start}. As with dockerd, the start body's {@code Tty} decides the
     * stream's framing, whatever the exec was created with: raw bytes with {@code Tty: true},
     * multiplexed frames without (the Python SDK may create with a TTY and start without one). A
     * raw stream has no room for a second stream: a process without a pty then has its stderr
     * left out, as dockerd does. Whether the process has a pty, and so whether the detach keys
     * apply, stays the create's {@code Tty}.
     */
    private void start(Router.Call c) throws IOException {
        boolean upgrade = c.req().header("upgrade") != null;
        byte[] raw = upgrade ? readJsonBody(c) : c.req().bodyBytes();
        JsonNode b = Json.tree(raw);
        boolean detach = b.path("Detach").asBoolean(false);
        boolean rawStream = b.path("Tty").asBoolean(false);
        ExecSessions.Exec exec = execs.get(c.group(1));
        // DetachKeys is no field of dockerd's start body; given here, it overrides the create's
        String startKeys = b.path("DetachKeys").asText("");
        DetachKeys keys = detachKeys(startKeys.isEmpty() ? exec.config.detachKeys() : startKeys);
        int[] size = consoleSize(b.path("ConsoleSize"));
        // as dockerd: a start's console size counts from API 1.42, and only for a TTY start
        if (size != null && rawStream && c.version().atLeast(1, 42) && exec.config.tty()) execs.resize(exec.id, size[0], size[1]);
        if (detach) {
            execs.start(exec.id, true, null, null);
            c.res().send(200, null, new byte[0]);
            return;
        }
        String ct = c.version().atLeast(1, 42) && !rawStream ? "application/vnd.docker.multiplexed-stream" : "application/vnd.docker.raw-stream";
        HttpResponse.Hijacked h = c.res().hijack(upgrade, ct);
        OutputStream out = h.out();
        ExecClientSink sink = new ExecClientSink(out, rawStream);
        InputStream in = exec.config.attachStdin() ? h.in() : null;
        if (in != null && exec.config.tty()) {
            // with a TTY the detach keys end this client's session and leave the process running
            in = new DetachingInput(in, keys.scanner(), sink::detach);
        }
        execs.start(exec.id, false, in, sink);
    }

    /** An exec's detach keys, refused in dockerd's words for an exec (its attach says "detach keys"). */
    private static DetachKeys detachKeys(String spec) {
        try {
            return DetachKeys.parse(spec);
        } catch (BerthException.InvalidArgument e) {
            throw new BerthException.InvalidArgument("Invalid escape keys (" + spec + ") provided");
        }
    }

    /** {@code ConsoleSize: [height, width]}, or null when absent or zero (no size to set). */
    private static int[] consoleSize(JsonNode size) {
        if (size.isMissingNode() || size.isNull()) return null;
        if (!size.isArray() || size.size() != 2 || !size.get(0).canConvertToInt() || !size.get(1).canConvertToInt()
                || size.get(0).asInt() < 0 || size.get(1).asInt() < 0) {
            throw new BerthException.InvalidArgument("invalid ConsoleSize: " + size + " (expected [height, width])");
        }
        int h = size.get(0).asInt();
        int w = size.get(1).asInt();
        return h > 0 && w > 0 ? new int[]{h, w} : null;
    }

    private void resize(Router.Call c) throws IOException {
        Integer h = c.req().integer("h");
        Integer w = c.req().integer("w");
        execs.resize(c.group(1), h == null ? 24 : h, w == null ? 80 : w);
        c.res().send(200, null, new byte[0]);
    }

    /** With an Upgrade request the body is followed by raw stdin: read exactly Content-Length bytes. */
    private static byte[] readJsonBody(Router.Call c) throws IOException {
        String len = c.req().header("content-length");
        if (len == null) return new byte[0];
        long n = Long.parseLong(len.trim());
        if (n > dev.berth.daemon.http.HttpRequest.MAX_DOCUMENT) {
            throw new dev.berth.common.errors.BerthException.TooLarge("request body too large: a document may be at most "
                    + (dev.berth.daemon.http.HttpRequest.MAX_DOCUMENT >> 20) + " MiB");
        }
        return c.req().body().readNBytes((int) n);
    }

    private void inspect(Router.Call c) throws IOException {
        ExecSessions.Exec e = execs.get(c.group(1));
        ObjectNode n = Json.object();
        n.put("ID", e.id);
        n.put("Running", e.running);
        if (e.exitCode == null) n.putNull("ExitCode"); else n.put("ExitCode", e.exitCode);
        ObjectNode pc = n.putObject("ProcessConfig");
        pc.put("tty", e.config.tty());
        pc.put("entrypoint", e.config.cmd().getFirst());
        e.config.cmd().stream().skip(1).forEach(pc.putArray("arguments")::add);
        if (e.config.cmd().size() == 1) pc.putArray("arguments");
        pc.put("privileged", e.config.privileged());
        pc.put("user", e.config.user());
        n.put("OpenStdin", e.config.attachStdin());
        n.put("OpenStderr", e.config.attachStderr());
        n.put("OpenStdout", e.config.attachStdout());
        n.put("CanRemove", false);
        n.put("ContainerID", e.containerId);
        n.put("DetachKeys", e.config.detachKeys());
        n.put("Pid", e.pid);
        c.json(200, n);
    }
}
