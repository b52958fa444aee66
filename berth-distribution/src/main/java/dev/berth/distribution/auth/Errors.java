package dev.berth.distribution.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.json.Json;
import dev.berth.distribution.RegistryResponseException;

/** Reads a distribution-spec error body ({@code {"errors":[{"code","message"}]}}) into an exception. */
public final class Errors {
    private Errors() {}

    public static RegistryResponseException from(int status, byte[] body, String method, String url) {
        String code = "";
        String message = "";
        try {
            JsonNode first = Json.tree(body).path("errors").path(0);
            code = first.path("code").asText("");
            message = first.path("message").asText("");
            if (code.isEmpty()) {
                // token services answer {"details": "..."} or {"error": "..."}
                JsonNode n = Json.tree(body);
                message = n.path("details").asText(n.path("error").asText(""));
            }
        } catch (RuntimeException notJson) {
            // an HTML error page or nothing: the status says it
        }
        if (code.isEmpty()) {
            code = switch (status) {
                case 401 -> "UNAUTHORIZED";
                case 403 -> "DENIED";
                case 404 -> "NOT_FOUND";
                case 429 -> "TOOMANYREQUESTS";
                default -> "";
            };
            if (message.isEmpty()) {
                message = switch (status) {
                    case 401 -> "authentication required";
                    case 403 -> "requested access to the resource is denied";
                    case 404 -> "not found";
                    default -> "";
                };
            }
            if (code.isEmpty() && message.isEmpty()) message = "received unexpected HTTP status: " + status;
        }
        return new RegistryResponseException(status, code, message, method, url);
    }
}
