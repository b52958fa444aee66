package dev.berth.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.client.EngineClient;
import dev.berth.client.http.Paths;
import dev.berth.client.http.Query;
import dev.berth.client.http.Request;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.client.http.Body;
import dev.berth.client.json.JsonNodes;

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

    /** {@code POST /networks/create} with the body the docker CLI sends; the answer carries {@code Id}. */
    public JsonNode create(ObjectNode body) throws IOException {
        return client.json(Request.post("/networks/create", Query.of()).withBody(new Body.Bytes(JsonNodes.bytes(body), "application/json")));
    }

    /** {@code POST /networks/{id}/connect}: {@code endpointConfig} holds Aliases, IPAMConfig... */
    public void connect(String network, String container, ObjectNode endpointConfig) throws IOException {
        ObjectNode b = JsonNodes.object();
        b.put("Container", container);
        b.set("EndpointConfig", endpointConfig);
        client.call(Request.post("/networks/" + Paths.segment(network) + "/connect", Query.of())
                .withBody(new Body.Bytes(JsonNodes.bytes(b), "application/json")));
    }

    public void disconnect(String network, String container, boolean force) throws IOException {
        ObjectNode b = JsonNodes.object();
        b.put("Container", container);
        b.put("Force", force);
        client.call(Request.post("/networks/" + Paths.segment(network) + "/disconnect", Query.of())
                .withBody(new Body.Bytes(JsonNodes.bytes(b), "application/json")));
    }
}
