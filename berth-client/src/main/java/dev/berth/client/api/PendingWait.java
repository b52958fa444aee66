package dev.berth.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.client.Response;
import dev.berth.client.json.JsonNodes;

import java.io.Closeable;
import java.io.IOException;

/**
 * A {@code POST /containers/{id}/wait} whose response headers have arrived (so the daemon has
 * registered the waiter) but whose body, the exit status, comes when the condition is met. This
 * is what makes {@code run} race-free: wait is registered before start is sent.
 */
public final class PendingWait implements Closeable {
    /** The wait body: the exit status, and the daemon's error text if waiting failed. */
    public record Result(int statusCode, String error) {}

    private final Response response;

    PendingWait(Response response) {
        this.response = response;
    }

    /** Blocks until the daemon sends the status. */
    public Result await() throws IOException {
        byte[] body = response.body().readAllBytes();
        JsonNode n = JsonNodes.parse(body);
        JsonNode err = n.path("Error");
        String msg = err.isObject() && err.hasNonNull("Message") && !err.get("Message").asText().isEmpty() ? err.get("Message").asText() : null;
        return new Result(n.path("StatusCode").asInt(msg == null ? 0 : 125), msg);
    }

    @Override
    public void close() throws IOException {
        response.close();
    }
}
