package dev.berth.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.client.EngineClient;
import dev.berth.client.Response;
import dev.berth.client.http.Body;
import dev.berth.client.http.Paths;
import dev.berth.client.http.Query;
import dev.berth.client.http.Request;
import dev.berth.client.stream.HijackedStream;
import dev.berth.client.json.JsonNodes;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** {@code /containers/...}: one method per endpoint, with the query parameters the docker CLI sends. */
public final class ContainerApi {
    private final EngineClient client;

    public ContainerApi(EngineClient client) {
        this.client = client;
    }

    private static String path(String id, String action) {
        return "/containers/" + Paths.segment(id) + action;
    }

    /** The daemon's answer to create. */
    public record Created(String id, List<String> warnings) {}

    public Created create(String name, JsonNode body) throws IOException {
        Request r = Request.post("/containers/create", Query.of().addIfPresent("name", name))
                .withBody(new Body.Bytes(JsonNodes.bytes(body), "application/json"));
        JsonNode n = client.json(r);
        List<String> warnings = new ArrayList<>();
        n.path("Warnings").forEach(w -> warnings.add(w.asText()));
        return new Created(n.path("Id").asText(), warnings);
    }

    public JsonNode list(boolean all, int limit, boolean size, FilterArgs filters) throws IOException {
        Query q = Query.of().flag("all", all);
        if (limit > 0) q.add("limit", Integer.toString(limit));
        q.flag("size", size);
        if (!filters.isEmpty()) q.add("filters", filters.toJson());
        return client.json(Request.get("/containers/json", q));
    }

    public JsonNode inspect(String id, boolean size) throws IOException {
        return client.json(Request.get(path(id, "/json"), Query.of().flag("size", size)));
    }

    /** Returns false when the daemon answered 304 (already running). */
    public boolean start(String id) throws IOException {
        return client.call(Request.post(path(id, "/start"), Query.of())) != 304;
    }

    public void stop(String id, Integer timeout, String signal) throws IOException {
        Query q = Query.of().addIfPresent("signal", signal);
        if (timeout != null) q.add("t", timeout.toString());
        client.call(Request.post(path(id, "/stop"), q));
    }

    public void restart(String id, Integer timeout, String signal) throws IOException {
        Query q = Query.of().addIfPresent("signal", signal);
        if (timeout != null) q.add("t", timeout.toString());
        client.call(Request.post(path(id, "/restart"), q));
    }

    public void kill(String id, String signal) throws IOException {
        client.call(Request.post(path(id, "/kill"), Query.of().addIfPresent("signal", signal)));
    }

    public void pause(String id) throws IOException {
        client.call(Request.post(path(id, "/pause"), Query.of()));
    }

    public void unpause(String id) throws IOException {
        client.call(Request.post(path(id, "/unpause"), Query.of()));
    }

    public void remove(String id, boolean force, boolean volumes, boolean link) throws IOException {
        client.call(Request.delete(path(id, ""), Query.of().flag("force", force).flag("v", volumes).flag("link", link)));
    }

    /** {@code POST /containers/{id}/update}; returns the daemon's warnings. */
    public JsonNode update(String id, JsonNode body) throws IOException {
        return client.json(Request.post(path(id, "/update"), Query.of()).withBody(new Body.Bytes(JsonNodes.bytes(body), "application/json")));
    }

    public void rename(String id, String newName) throws IOException {
        client.call(Request.post(path(id, "/rename"), Query.of().add("name", newName)));
    }

    public void resize(String id, int height, int width) throws IOException {
        client.call(Request.post(path(id, "/resize"), Query.of().add("h", Integer.toString(height)).add("w", Integer.toString(width))));
    }

    /** Registers a waiter: returns once the daemon has sent the response headers. */
    public PendingWait waitFor(String id, String condition) throws IOException {
        return new PendingWait(client.open(Request.post(path(id, "/wait"), Query.of().addIfPresent("condition", condition))));
    }

    /** Which streams to attach, and whether to replay the log first. */
    public record AttachOptions(boolean stdin, boolean stdout, boolean stderr, boolean logs, String detachKeys) {}

    public HijackedStream attach(String id, AttachOptions o) throws IOException {
        Query q = Query.of().addIfPresent("detachKeys", o.detachKeys()).flag("logs", o.logs())
                .flag("stderr", o.stderr()).flag("stdin", o.stdin()).flag("stdout", o.stdout()).add("stream", "1");
        Request r = Request.post(path(id, "/attach"), q).withBody(new Body.Bytes(new byte[0], "text/plain"));
        return client.hijack(r);
    }

    /** Query of {@code GET /containers/{id}/logs}; {@code since}/{@code until} are already Unix timestamps. */
    public record LogsOptions(boolean follow, boolean timestamps, String tail, String since, String until, boolean details) {}

    public Response logs(String id, LogsOptions o) throws IOException {
        Query q = Query.of().flag("details", o.details()).flag("follow", o.follow()).addIfPresent("since", o.since())
                .add("stderr", "1").add("stdout", "1").addIfPresent("tail", o.tail()).flag("timestamps", o.timestamps())
                .addIfPresent("until", o.until());
        return client.open(Request.get(path(id, "/logs"), q));
    }

    public JsonNode top(String id, String psArgs) throws IOException {
        return client.json(Request.get(path(id, "/top"), Query.of().addIfPresent("ps_args", psArgs)));
    }

    public JsonNode changes(String id) throws IOException {
        return client.json(Request.get(path(id, "/changes"), Query.of()));
    }

    public Response export(String id) throws IOException {
        return client.open(Request.get(path(id, "/export"), Query.of()));
    }

    public Response stats(String id, boolean stream) throws IOException {
        return client.open(Request.get(path(id, "/stats"), Query.of().add("stream", stream ? "1" : "0")));
    }

    public JsonNode prune(FilterArgs filters) throws IOException {
        Query q = Query.of();
        if (!filters.isEmpty()) q.add("filters", filters.toJson());
        return client.json(Request.post("/containers/prune", q));
    }

    /** {@code HEAD .../archive}: the stat of a path in the container (404 → {@link dev.berth.client.ApiException}). */
    public PathStat statPath(String id, String containerPath) throws IOException {
        Request r = new Request("HEAD", path(id, "/archive"), Query.of().add("path", containerPath), java.util.Map.of(), Body.NONE);
        try (Response res = client.open(r)) {
            return PathStat.fromHeader(res.header("X-Docker-Container-Path-Stat"));
        }
    }

    /** {@code GET .../archive}: a tar of the path; its stat is in the response header. */
    public Response getArchive(String id, String containerPath) throws IOException {
        return client.open(Request.get(path(id, "/archive"), Query.of().add("path", containerPath)));
    }

    /** {@code PUT .../archive}: extracts a tar into a directory of the container. */
    public void putArchive(String id, String dir, InputStream tar, boolean noOverwriteDirNonDir, boolean copyUidGid) throws IOException {
        Query q = Query.of().flag("copyUIDGID", copyUidGid).add("noOverwriteDirNonDir", Boolean.toString(noOverwriteDirNonDir)).add("path", dir);
        client.call(new Request("PUT", path(id, "/archive"), q, java.util.Map.of(), new Body.Stream(tar, "application/x-tar")));
    }
}
