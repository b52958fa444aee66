package dev.berth.cli.credentials;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code X-Registry-Auth} as the docker CLI builds it: base64url of the JSON AuthConfig
 * {@code {"username","password","serveraddress"}}; {@code e30=} ({@code {}}) when anonymous.
 */
public final class RegistryAuthHeader {
    public static final String ANONYMOUS = "e30=";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryAuthHeader() {}

    public static String encode(AuthEntry entry) {
        if (entry == null || entry.isEmpty()) return ANONYMOUS;
        ObjectNode n = JSON.createObjectNode();
        if (entry.username().equals("<token>")) {
            n.put("identitytoken", entry.secret()); // how docker stores an identity token
        } else {
            n.put("username", entry.username());
            n.put("password", entry.secret());
        }
        n.put("serveraddress", entry.serverAddress());
        return Base64.getUrlEncoder().encodeToString(n.toString().getBytes(StandardCharsets.UTF_8));
    }
}
