package dev.berth.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.client.EngineClient;
import dev.berth.client.http.Body;
import dev.berth.client.http.Paths;
import dev.berth.client.http.Query;
import dev.berth.client.http.Request;
import dev.berth.client.json.JsonNodes;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** {@code /volumes/...}. */
public final class VolumeApi {
    private final EngineClient client;

    public VolumeApi(EngineClient client) {
        this.client = client;
    }

    /**
     * {@code POST /volumes/create}; an empty {@code name} lets the daemon choose one. The body
     * carries the fields the docker CLI sends, maps sorted by key as Go writes them.
     */
    public JsonNode create(String name, String driver, Map<String, String> driverOpts, Map<String, String> labels) throws IOException {
        ObjectNode b = JsonNodes.object();
        b.put("Driver", driver);
        if (!driverOpts.isEmpty()) new TreeMap<>(driverOpts).forEach(b.putObject("DriverOpts")::put);
        if (!labels.isEmpty()) new TreeMap<>(labels).forEach(b.putObject("Labels")::put);
        if (!name.isEmpty()) b.put("Name", name);
        return client.json(Request.post("/volumes/create", Query.of()).withBody(new Body.Bytes(JsonNodes.bytes(b), "application/json")));
    }

    /** {@code GET /volumes}: the whole answer ({@code Volumes} and {@code Warnings}). */
    public JsonNode list(FilterArgs filters) throws IOException {
        Query q = Query.of();
        if (!filters.isEmpty()) q.add("filters", filters.toJson());
        return client.json(Request.get("/volumes", q));
    }

    public JsonNode inspect(String name) throws IOException {
        return client.json(Request.get("/volumes/" + Paths.segment(name), Query.of()));
    }

    public void remove(String name, boolean force) throws IOException {
        client.call(Request.delete("/volumes/" + Paths.segment(name), Query.of().flag("force", force)));
    }

    /** {@code POST /volumes/prune}: {@code VolumesDeleted} and {@code SpaceReclaimed}. */
    public JsonNode prune(FilterArgs filters) throws IOException {
        Query q = Query.of();
        if (!filters.isEmpty()) q.add("filters", filters.toJson());
        return client.json(Request.post("/volumes/prune", q));
    }
}
