package dev.berth.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.client.EngineClient;
import dev.berth.client.http.Paths;
import dev.berth.client.http.Query;
import dev.berth.client.http.Request;

import java.io.IOException;

/** {@code /networks/...}. */
public final class NetworkApi {
    private final EngineClient client;

    public NetworkApi(EngineClient client) {
        this.client = client;
    }

    public JsonNode list(FilterArgs filters) throws IOException {
        Query q = Query.of();
        if (!filters.isEmpty()) q.add("filters", filters.toJson());
        return client.json(Request.get("/networks", q));
    }

    public JsonNode inspect(String name) throws IOException {
        return client.json(Request.get("/networks/" + Paths.segment(name), Query.of()));
    }

    public void remove(String name) throws IOException {
        client.call(Request.delete("/networks/" + Paths.segment(name), Query.of()));
    }

    /** {@code POST /networks/prune}: {@code NetworksDeleted}. */
    public JsonNode prune(FilterArgs filters) throws IOException {
        Query q = Query.of();
        if (!filters.isEmpty()) q.add("filters", filters.toJson());
        return client.json(Request.post("/networks/prune", q));
    }
}
