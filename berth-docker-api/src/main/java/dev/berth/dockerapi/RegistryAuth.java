package dev.berth.dockerapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code X-Registry-Auth} header: base64url (padded or not; some clients send the standard
 * alphabet) of a JSON AuthConfig {username, password, auth, serveraddress, identitytoken,
 * registrytoken}, where {@code auth} is base64 of {@code user:password}. As with dockerd, a header
 * that does not decode means anonymous.
 */
public record RegistryAuth(String username, String password, String serverAddress, String identityToken, String registryToken) {
    public static final RegistryAuth ANONYMOUS = new RegistryAuth(null, null, null, null, null);

    public static RegistryAuth decode(String header) {
        if (header == null || header.isBlank()) return ANONYMOUS;
        try {
            String h = header.trim().replace('+', '-').replace('/', '_').replace("=", "");
            JsonNode n = Json.tree(Base64.getUrlDecoder().decode(h));
            if (!n.isObject()) return ANONYMOUS;
            String user = text(n, "username");
            String password = text(n, "password");
            String auth = text(n, "auth");
            if ((user == null || password == null) && auth != null) {
                String pair = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon > 0) {
                    user = pair.substring(0, colon);
                    password = pair.substring(colon + 1);
                }
            }
            return new RegistryAuth(user, password, text(n, "serveraddress"), text(n, "identitytoken"), text(n, "registrytoken"));
        } catch (RuntimeException undecodable) {
            return ANONYMOUS;
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    @Override
    public String toString() {
        return "RegistryAuth[" + (username == null ? "anonymous" : username) + "]";
    }
}
