package dev.berth.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.client.EngineClient;
import dev.berth.client.Response;
import dev.berth.client.http.Query;
import dev.berth.client.http.Request;

import java.io.IOException;

/** {@code /version}, {@code /info}, {@code /events}. */
public final class SystemApi {
    private final EngineClient client;

    public SystemApi(EngineClient client) {
        this.client = client;
    }

    public JsonNode version() throws IOException {
        return client.json(Request.get("/version", Query.of()));
    }

    /** {@code GET /system/df}: images, containers, volumes and build cache with their sizes. */
    public JsonNode diskUsage() throws IOException {
        return client.json(Request.get("/system/df", Query.of()));
    }

    /** {@code POST /build/prune}: {@code CachesDeleted} and {@code SpaceReclaimed}; {@code all} takes cache still referenced too. */
    public JsonNode pruneBuildCache(boolean all, FilterArgs filters) throws IOException {
        Query q = Query.of().flag("all", all);
        if (!filters.isEmpty()) q.add("filters", filters.toJson());
        return client.json(Request.post("/build/prune", q));
    }

    public JsonNode info() throws IOException {
        return client.json(Request.get("/info", Query.of()));
    }

    /** The event stream; {@code since}/{@code until} are Unix timestamps (already converted). */
    public Response events(String since, String until, FilterArgs filters) throws IOException {
        Query q = Query.of();
        if (!filters.isEmpty()) q.add("filters", filters.toJson());
        q.addIfPresent("since", since).addIfPresent("until", until);
        return client.open(Request.get("/events", q));
    }
}
