package dev.berth.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.client.EngineClient;
import dev.berth.client.http.Body;
import dev.berth.client.http.Paths;
import dev.berth.client.http.Query;
import dev.berth.client.http.Request;
import dev.berth.client.stream.HijackedStream;
import dev.berth.client.json.JsonNodes;

import java.io.IOException;

/** {@code /containers/{id}/exec} and {@code /exec/{id}/...}. */
public final class ExecApi {
    private final EngineClient client;

    public ExecApi(EngineClient client) {
        this.client = client;
    }

    /** Creates the exec instance; returns its id. */
    public String create(String container, JsonNode config) throws IOException {
        Request r = Request.post("/containers/" + Paths.segment(container) + "/exec", Query.of())
                .withBody(new Body.Bytes(JsonNodes.bytes(config), "application/json"));
        return client.json(r).path("Id").asText();
    }

    /** {@code exec -d}: starts the process and returns at once. */
    public void startDetached(String execId) throws IOException {
        client.call(Request.post("/exec/" + execId + "/start", Query.of()).withBody(new Body.Bytes(startBody(true, false, null), "application/json")));
    }

    /** Starts the process with its stdio on a hijacked connection. */
    public HijackedStream startAttached(String execId, boolean tty, int[] consoleSize) throws IOException {
        Request r = Request.post("/exec/" + execId + "/start", Query.of())
                .withBody(new Body.Bytes(startBody(false, tty, consoleSize), "application/json"));
        return client.hijack(r);
    }

    private static byte[] startBody(boolean detach, boolean tty, int[] consoleSize) {
        ObjectNode n = JsonNodes.object();
        n.put("Detach", detach);
        n.put("Tty", tty);
        if (consoleSize != null) n.putArray("ConsoleSize").add(consoleSize[0]).add(consoleSize[1]);
        return JsonNodes.bytes(n);
    }

    public void resize(String execId, int height, int width) throws IOException {
        client.call(Request.post("/exec/" + execId + "/resize", Query.of().add("h", Integer.toString(height)).add("w", Integer.toString(width))));
    }

    public JsonNode inspect(String execId) throws IOException {
        return client.json(Request.get("/exec/" + execId + "/json", Query.of()));
    }
}
