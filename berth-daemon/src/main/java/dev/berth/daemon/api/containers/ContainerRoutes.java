package dev.berth.daemon.api.containers;

import dev.berth.daemon.api.Router;
import dev.berth.daemon.api.Times;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;
import dev.berth.engine.container.AttachSession;
import dev.berth.engine.container.ContainerFiles;
import dev.berth.engine.container.ContainerLogs;
import dev.berth.engine.container.ContainerSpec;
import dev.berth.engine.container.ContainerState;
import dev.berth.engine.container.ContainerStore;
import dev.berth.engine.container.CreateRequest;
import dev.berth.engine.container.Created;
import dev.berth.engine.container.KernelSettings;
import dev.berth.engine.container.health.Health;
import dev.berth.engine.logging.LogReader;
import dev.berth.engine.network.Endpoint;
import dev.berth.daemon.http.HttpResponse;
import dev.berth.dockerapi.DetachKeys;
import dev.berth.dockerapi.DetachingInput;
import dev.berth.dockerapi.Filters;
import dev.berth.dockerapi.StdStreams;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/** {@code /containers/...}: create, list, inspect, lifecycle, wait, attach, logs, top. */
public final class ContainerRoutes {
    /** Creating containers and moving them through their states. */
    public interface Lifecycle {
        /** The new container and dockerd's advisory warnings about it. */
        Created create(CreateRequest request);

        void start(String ref);

        void stop(String ref, Integer timeoutSeconds, String signal);

        void restart(String ref, Integer timeoutSeconds, String signal);

        void kill(String ref, String signal);

        void pause(String ref);

        void unpause(String ref);

        void rename(String ref, String newName);

        /** {@code removeVolumes}: docker rm -v, the container's anonymous volumes go too. */
        void remove(String ref, boolean force, boolean removeVolumes);

        CompletableFuture<Integer> waitFor(String ref, String condition);
    }

    /** What inspect, ps, top and prune read. */
    public interface State {
        ContainerStore.Entry container(String ref);

        List<ContainerStore.Entry> containers();

        boolean isRunning(String id);

        Optional<Endpoint> endpoint(String id);

        /** The host ports a running container publishes. */
        default List<dev.berth.engine.network.ports.PublishedPort> publishedPorts(String id) {
            return List.of();
        }

        /** The container's user-defined networks. */
        List<dev.berth.engine.container.ContainerNetworking.Joined> networks(String id);

        Optional<Health> health(String id);

        List<String> execIds(String id);

        ContainerFiles.DiskSize size(ContainerSpec spec);

        List<Integer> pids(String ref);
    }

    /** attach, logs and the TTY size. */
    public interface Streams {
        AttachSession attach(String ref, boolean stdin, boolean stdout, boolean stderr, AttachSession.Sink sink);

        void resize(String ref, int height, int width);

        String logPath(ContainerSpec spec);

        LogReader.Source logSource(ContainerSpec spec, BooleanSupplier running);
    }

    /** What the container routes need of the engine (STYLE.md: each router its own narrow backend, made of small roles). */
    public interface Backend extends Lifecycle, State, Streams {}

    private final Backend containers;
    private final String dataRoot;

    public ContainerRoutes(Backend containers, String dataRoot) {
        this.containers = containers;
        this.dataRoot = dataRoot;
    }

    public void register(Router r) {
        r.add("POST", "/containers/create", this::create);
        r.add("GET", "/containers/json", this::list);
        r.add("POST", "/containers/prune", this::prune);
        r.add("GET", "/containers/(.+)/json", c -> c.json(200, inspect(c.group(1), c)));
        r.add("POST", "/containers/(.+)/start", c -> { containers.start(c.group(1)); c.res().empty(204); });
        r.add("POST", "/containers/(.+)/stop", c -> { containers.stop(c.group(1), c.req().integer("t"), c.req().param("signal")); c.res().empty(204); });
        r.add("POST", "/containers/(.+)/restart", c -> { containers.restart(c.group(1), c.req().integer("t"), c.req().param("signal")); c.res().empty(204); });
        r.add("POST", "/containers/(.+)/kill", c -> { containers.kill(c.group(1), c.req().param("signal")); c.res().empty(204); });
        r.add("POST", "/containers/(.+)/pause", c -> { containers.pause(c.group(1)); c.res().empty(204); });
        r.add("POST", "/containers/(.+)/unpause", c -> { containers.unpause(c.group(1)); c.res().empty(204); });
        r.add("POST", "/containers/(.+)/rename", c -> { containers.rename(c.group(1), c.req().param("name")); c.res().empty(204); });
        r.add("POST", "/containers/(.+)/resize", c -> { containers.resize(c.group(1), intOr(c.req().integer("h"), 24), intOr(c.req().integer("w"), 80)); c.res().send(200, null, new byte[0]); });
        r.add("POST", "/containers/(.+)/wait", this::waitFor);
        r.add("POST", "/containers/(.+)/attach", this::attach);
        r.add("GET", "/containers/(.+)/logs", this::logs);
        r.add("GET", "/containers/(.+)/top", this::top);
        r.add("DELETE", "/containers/(.+)", c -> { containers.remove(c.group(1), c.req().bool("force", false), c.req().bool("v", false)); c.res().empty(204); });
    }

    private static int intOr(Integer v, int d) {
        return v == null ? d : v;
    }

    // ------------------------------------------------------------ create

    private void create(Router.Call c) throws IOException {
        CreateRequest req = CreateRequests.parse(Json.tree(c.req().bodyBytes()), c.req().param("name"));
        Created created = containers.create(req);
        ObjectNode out = Json.object();
        out.put("Id", created.spec().id());
        created.warnings().forEach(out.putArray("Warnings")::add);
        c.json(201, out);
    }

    // ------------------------------------------------------------ list / inspect / prune

    /** What dockerd accepts for {@code ps --filter}. */
    private static final java.util.Set<String> LIST_FILTERS = java.util.Set.of("ancestor", "before", "expose", "exited", "health", "id",
            "isolation", "is-task", "label", "label!", "name", "network", "publish", "since", "status", "volume");

    private void list(Router.Call c) throws IOException {
        boolean all = c.req().bool("all", false);
        Integer limit = c.req().integer("limit");
        boolean size = c.req().bool("size", false);
        Filters f = Filters.parse(c.req().param("filters")).allow(LIST_FILTERS);
        java.time.Instant before = f.get("before").stream().map(r -> containers.container(r).spec().created()).min(java.util.Comparator.naturalOrder()).orElse(null);
        java.time.Instant since = f.get("since").stream().map(r -> containers.container(r).spec().created()).max(java.util.Comparator.naturalOrder()).orElse(null);
        ArrayNode out = Json.MAPPER.createArrayNode();
        int n = 0;
        for (ContainerStore.Entry e : containers.containers()) {
            boolean running = e.state().isRunning();
            if (!all && !running && !f.has("status") && (limit == null || limit <= 0)) continue;
            if (!matches(e, f)) continue;
            if (before != null && !e.spec().created().isBefore(before)) continue;
            if (since != null && !e.spec().created().isAfter(since)) continue;
            if (f.has("health") && !f.get("health").contains(containers.health(e.spec().id()).map(Health::status).orElse("none"))) continue;
            if (limit != null && limit > 0 && n >= limit) break;
            ObjectNode summary = ContainerJson.summary(e, containers.endpoint(e.spec().id()), containers.networks(e.spec().id()), containers.health(e.spec().id()),
                    java.nio.file.Path.of(dataRoot, "volumes"));
            PortJson.summary(summary, e.spec(), containers.publishedPorts(e.spec().id()));
            if (size) putSize(summary, e.spec());
            out.add(summary);
            n++;
        }
        c.json(200, out);
    }

    private boolean matches(ContainerStore.Entry e, Filters f) {
        if (!f.matchLabels(e.spec().labels())) return false;
        if (f.has("status") && !f.get("status").contains(e.state().status().wire())) return false;
        if (f.has("name") && f.get("name").stream().noneMatch(n -> e.spec().name().matches(".*" + n.replaceFirst("^/", "") + ".*"))) return false;
        if (f.has("id") && f.get("id").stream().noneMatch(i -> e.spec().id().startsWith(i))) return false;
        if (f.has("exited") && (e.state().status() != ContainerState.Status.EXITED
                || !f.get("exited").contains(Integer.toString(e.state().exitCode())))) return false;
        if (f.has("ancestor") && f.get("ancestor").stream().noneMatch(a -> a.equals(e.spec().imageName()) || e.spec().imageId().contains(a))) return false;
        String network = e.spec().host().networkMode().equals("default") ? "bridge" : e.spec().host().networkMode();
        if (f.has("network") && !f.get("network").contains(network)
                && containers.networks(e.spec().id()).stream().noneMatch(j -> f.get("network").contains(j.network())
                        || f.get("network").contains(j.attachment().networkId()))) return false;
        if (f.has("expose") && f.get("expose").stream().noneMatch(p -> e.spec().exposedPorts().contains(p.contains("/") ? p : p + "/tcp"))) return false;
        // dockerd: a container port (or range) with a host port bound to it, on a running container
        if (f.has("publish")) {
            List<dev.berth.engine.network.ports.PublishedPort> published = containers.publishedPorts(e.spec().id());
            if (f.get("publish").stream().noneMatch(p -> published.stream().anyMatch(pp -> portMatches(p, pp.containerPort(), pp.proto())))) return false;
        }
        // dockerd: a mount's destination, or its volume's name (a bind's source)
        if (f.has("volume") && f.get("volume").stream().noneMatch(v -> e.spec().mounts().stream().anyMatch(m ->
                v.equals(m.destination()) || v.equals(m.isVolume() ? m.name() : m.source())))) return false;
        if (f.has("is-task") && f.get("is-task").stream().anyMatch(v -> Filters.bool("is-task", v))) return false;
        if (f.has("isolation") && !f.get("isolation").contains("default")) return false;
        return true;
    }

    /** {@code 80}, {@code 80/udp} or {@code 8000-8080[/tcp]} against one container port. */
    static boolean portMatches(String filter, int port, String proto) {
        String[] pp = filter.split("/", 2);
        String want = pp.length > 1 ? pp[1] : "tcp";
        if (!want.equals(proto)) return false;
        String[] range = pp[0].split("-", 2);
        try {
            int lo = Integer.parseInt(range[0]);
            int hi = range.length > 1 ? Integer.parseInt(range[1]) : lo;
            return port >= lo && port <= hi;
        } catch (NumberFormatException e) {
            throw new BerthException.InvalidArgument("invalid port format: " + filter);
        }
    }

    private ObjectNode inspect(String ref, Router.Call c) {
        ContainerStore.Entry e = containers.container(ref);
        ObjectNode n = ContainerJson.inspect(e, containers.endpoint(e.spec().id()), containers.networks(e.spec().id()), containers.health(e.spec().id()), containers.logPath(e.spec()),
                containers.execIds(e.spec().id()), dataRoot, c.version());
        PortJson.inspect(n, e.spec(), e.state().isRunning(), containers.publishedPorts(e.spec().id()));
        if (c.req().bool("size", false)) putSize(n, e.spec());
        return n;
    }

    private void putSize(ObjectNode n, ContainerSpec spec) {
        ContainerJson.withSize(n, containers.size(spec));
    }

    private void prune(Router.Call c) throws IOException {
        Filters f = Filters.parse(c.req().param("filters"));
        java.time.Instant until = Times.untilFilter(f.get("until"), java.time.Instant.now());
        ArrayNode deleted = Json.MAPPER.createArrayNode();
        long reclaimed = 0;
        for (ContainerStore.Entry e : containers.containers()) {
            if (e.state().isRunning() || e.state().status() == ContainerState.Status.RESTARTING) continue;
            if (!f.matchLabels(e.spec().labels())) continue;
            if (until != null && !e.spec().created().isBefore(until)) continue;
            // what the removal frees: the container's writable layer, as dockerd counts it
            long layer = containers.size(e.spec()).rw();
            try {
                containers.remove(e.spec().id(), false, false);
            } catch (BerthException.NotFound | BerthException.Conflict changedMeanwhile) {
                continue;
            }
            deleted.add(e.spec().id());
            reclaimed += Math.max(0, layer);
        }
        ObjectNode out = Json.object();
        if (deleted.isEmpty()) out.putNull("ContainersDeleted"); else out.set("ContainersDeleted", deleted);
        out.put("SpaceReclaimed", reclaimed);
        c.json(200, out);
    }

    // ------------------------------------------------------------ wait

    private void waitFor(Router.Call c) throws IOException {
        String condition = c.req().param("condition");
        CompletableFuture<Integer> f = containers.waitFor(c.group(1), condition);
        c.res().startChunked(200, "application/json");
        int code;
        try {
            code = f.get();
        } catch (Exception e) {
            code = -1;
        }
        ObjectNode body = Json.object();
        body.put("StatusCode", code);
        body.putNull("Error");
        c.res().chunk((Json.string(body) + "\n").getBytes(StandardCharsets.UTF_8));
        c.res().endChunked();
    }

    // ------------------------------------------------------------ attach

    /**
     * Hijacked attach. The session is registered before the 101 goes out: a client starts the
     * container as soon as it has the 101 (docker run does), and output produced before the session
     * existed would be lost. Output waits for the 101 (and the log replay of logs=1) to be written.
     */
    private void attach(Router.Call c) throws IOException {
        ContainerStore.Entry e = containers.container(c.group(1));
        boolean tty = e.spec().tty();
        boolean upgrade = c.req().header("upgrade") != null;
        String ct = tty || !c.version().atLeast(1, 42) ? "application/vnd.docker.raw-stream" : "application/vnd.docker.multiplexed-stream";
        boolean stdin = c.req().bool("stdin", false);
        boolean stdout = c.req().bool("stdout", false);
        boolean stderr = c.req().bool("stderr", false);
        boolean logs = c.req().bool("logs", false);
        boolean stream = c.req().bool("stream", false) || !logs;
        DetachKeys detachKeys = DetachKeys.parse(c.req().param("detachKeys"));
        CompletableFuture<OutputStream> ready = new CompletableFuture<>();
        AttachSession session = !stream ? null : containers.attach(e.spec().id(), stdin, stdout, stderr, new AttachSession.Sink() {
            @Override
            public void write(int s, byte[] data) throws IOException {
                OutputStream out = ready.join();
                synchronized (out) {
                    out.write(tty ? data : StdStreams.frame(s, data));
                    out.flush();
                }
            }

            @Override
            public void close() {
                try {
                    OutputStream out = ready.join();
                    out.flush();
                    out.close();
                } catch (IOException | java.util.concurrent.CompletionException ignored) {
                    // client gone
                }
            }
        });
        HttpResponse.Hijacked h;
        try {
            h = c.res().hijack(upgrade, ct);
        } catch (IOException ex) {
            ready.completeExceptionally(ex);
            throw ex;
        }
        OutputStream out = h.out();
        if (logs && !e.spec().host().logDriver().equals("none")) {
            // logs=1: what the container already printed comes first, as with dockerd
            try {
                LogReader.read(containers.logSource(e.spec(), () -> false), new LogReader.Query(stdout, stderr, null, null, -1, false), rec -> {
                    try {
                        out.write(tty ? rec.data() : StdStreams.frame(rec.stream(), rec.data()));
                    } catch (IOException ex) {
                        throw new java.io.UncheckedIOException(ex);
                    }
                }, () -> { });
                out.flush();
            } catch (java.io.UncheckedIOException clientGone) {
                ready.completeExceptionally(clientGone);
                return;
            }
        }
        ready.complete(out);
        if (session == null) {
            out.close();
            return;
        }
        if (stdin && e.spec().openStdin()) {
            // with a TTY the detach keys end this client's attach and leave the container running
            DetachingInput keyed = tty ? new DetachingInput(h.in(), detachKeys.scanner(), session::detach) : null;
            InputStream in = keyed != null ? keyed : h.in();
            Thread.ofVirtual().start(() -> {
                byte[] buf = new byte[32 * 1024];
                try {
                    int n;
                    while ((n = in.read(buf)) > 0) session.writeStdin(buf, 0, n);
                } catch (IOException ignored) {
                    // client gone
                }
                // as dockerd: the end of a TTY client's input ends its attach but never closes the
                // container's stdin (the docker CLI detaches by closing, the keys unsent), so a
                // later attach can type again; without a TTY it is the stdin's EOF (StdinOnce)
                if (keyed == null) session.closeStdin();
                else if (!keyed.detached()) session.detach();
            });
        }
        try {
            session.awaitEnd();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------ logs

    private void logs(Router.Call c) throws IOException {
        ContainerStore.Entry e = containers.container(c.group(1));
        boolean stdout = c.req().bool("stdout", false);
        boolean stderr = c.req().bool("stderr", false);
        if (!stdout && !stderr) throw new BerthException.InvalidArgument("Bad parameters: you must choose at least one stream");
        String tail = c.req().param("tail");
        int n = tail == null || tail.isEmpty() || tail.equals("all") ? -1 : Integer.parseInt(tail);
        boolean timestamps = c.req().bool("timestamps", false);
        boolean follow = c.req().bool("follow", false);
        java.time.Instant since = Times.parse(c.req().param("since"));
        if (since != null && since.getEpochSecond() == 0 && since.getNano() == 0) since = null;
        java.time.Instant until = Times.parse(c.req().param("until"));
        if (until != null && until.getEpochSecond() == 0) until = null;
        boolean details = c.req().bool("details", false);
        boolean tty = e.spec().tty();
        String id = e.spec().id();
        LogReader.Source source = containers.logSource(e.spec(), () -> containers.isRunning(id));
        String ct = c.version().atLeast(1, 42) ? (tty ? "application/vnd.docker.raw-stream" : "application/vnd.docker.multiplexed-stream") : null;
        // buffered into 32 KiB chunks; the reader says when to push (after the history, after each new batch)
        OutputStream body = c.res().startStream(200, ct, Map.of());
        try {
            LogReader.read(source, new LogReader.Query(stdout, stderr, since, until, n, follow), rec -> {
                byte[] data = rec.data();
                if (details) data = prefix(detailsPrefix(rec.attrs()), data);
                if (timestamps) data = prefix(Times.rfc3339(rec.time()) + " ", data);
                try {
                    body.write(tty ? data : StdStreams.frame(rec.stream(), data));
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            }, () -> {
                try {
                    body.flush();
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            });
        } catch (java.io.UncheckedIOException ex) {
            return;
        }
        body.close();
    }

    private static byte[] prefix(String prefix, byte[] data) {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] joined = new byte[p.length + data.length];
        System.arraycopy(p, 0, joined, 0, p.length);
        System.arraycopy(data, 0, joined, p.length, data.length);
        return joined;
    }

    /** {@code docker logs --details}: the line's attrs as {@code k=v,k2=v2 }, keys sorted as dockerd does. */
    private static String detailsPrefix(Map<String, String> attrs) {
        StringBuilder b = new StringBuilder();
        new java.util.TreeMap<>(attrs).forEach((k, v) -> b.append(b.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return b.append(' ').toString();
    }

    // ------------------------------------------------------------ top

    private void top(Router.Call c) throws IOException {
        List<Integer> pids = containers.pids(c.group(1));
        String psArgs = c.req().param("ps_args");
        List<String> cmd = new ArrayList<>(List.of("ps"));
        cmd.addAll(List.of((psArgs == null || psArgs.isBlank() ? "-ef" : psArgs).trim().split("\\s+")));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        try { p.waitFor(); } catch (InterruptedException ex) { Thread.currentThread().interrupt(); }
        if (lines.isEmpty()) throw new BerthException.Internal("ps returned no output");
        String[] titles = lines.getFirst().trim().split("\\s+");
        int pidCol = java.util.Arrays.asList(titles).indexOf("PID");
        if (pidCol < 0) throw new BerthException.Internal("Couldn't find PID field in ps output");
        ObjectNode out = Json.object();
        ArrayNode t = out.putArray("Titles");
        for (String s : titles) t.add(s);
        ArrayNode procs = out.putArray("Processes");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+", titles.length);
            if (f.length <= pidCol) continue;
            try {
                if (!pids.contains(Integer.parseInt(f[pidCol]))) continue;
            } catch (NumberFormatException ex) {
                continue;
            }
            ArrayNode row = procs.addArray();
            for (String s : f) row.add(s);
        }
        c.json(200, out);
    }
}
