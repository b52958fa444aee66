package dev.berth.daemon.api.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;
import dev.berth.daemon.api.Router;
import dev.berth.distribution.Credentials;
import dev.berth.distribution.RegistryResponseException;
import dev.berth.distribution.RegistryUnreachableException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;

/**
 * {@code POST /auth} ({@code docker login}): checks the credentials against the registry and
 * answers {@code {"IdentityToken":"","Status":"Login Succeeded"}}. Nothing is stored: clients keep
 * credentials themselves. A refusal is a 500 with dockerd's text ("login attempt to
 * http://HOST/v2/ failed with status: 401 Unauthorized"), never a 401, which the docker CLI would
 * take for its own connection to the daemon.
 */
public final class AuthRoute {
    /** Checks credentials against a registry domain; throws on refusal. */
    public interface Backend {
        void login(String domain, Credentials credentials);
    }

    private static final Set<String> FIELDS = Set.of("username", "password", "auth", "email", "serveraddress", "identitytoken", "registrytoken");
    private static final String DOCKER_HUB_ADDRESS = "https://index.docker.io/v1/";

    private final Backend registries;

    public AuthRoute(Backend registries) {
        this.registries = registries;
    }

    public void register(Router r) {
        r.add("POST", "/auth", this::auth);
    }

    private void auth(Router.Call c) throws IOException {
        JsonNode body = Json.tree(c.req().bodyBytes());
        if (!body.isObject()) throw new BerthException.InvalidArgument("the /auth body must be a JSON object");
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            // case-insensitive as Go's decoder; docker-java adds stackOrchestrator (null)
            if (!FIELDS.contains(f.toLowerCase(java.util.Locale.ROOT)) && !body.get(f).isNull()) {
                throw new BerthException.InvalidArgument("/auth: unknown field " + f);
            }
        }
        String user = text(body, "username");
        String password = text(body, "password");
        String auth = text(body, "auth");
        if ((user == null || password == null) && auth != null) {
            String pair = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            if (colon > 0) {
                user = pair.substring(0, colon);
                password = pair.substring(colon + 1);
            }
        }
        String domain = domain(text(body, "serveraddress"));
        try {
            registries.login(domain, new Credentials(user, password, text(body, "identitytoken"), text(body, "registrytoken")));
        } catch (RegistryResponseException e) {
            throw new BerthException.Internal(e.cause());
        } catch (RegistryUnreachableException e) {
            throw new BerthException.Internal(e.getMessage());
        }
        ObjectNode out = Json.object();
        out.put("IdentityToken", "");
        out.put("Status", "Login Succeeded");
        c.json(200, out);
    }

    /** {@code https://index.docker.io/v1/}, {@code http://host:port/path} or {@code host:port} to the registry's domain. */
    static String domain(String address) {
        if (address == null || address.isBlank() || address.equals(DOCKER_HUB_ADDRESS)) return "docker.io";
        String a = address.trim();
        int scheme = a.indexOf("://");
        if (scheme >= 0) a = a.substring(scheme + 3);
        int slash = a.indexOf('/');
        if (slash >= 0) a = a.substring(0, slash);
        if (a.equals("index.docker.io") || a.equals("registry-1.docker.io")) return "docker.io";
        return a;
    }

    private static String text(JsonNode n, String field) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.equalsIgnoreCase(field)) {
                JsonNode v = n.get(f);
                return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
            }
        }
        return null;
    }
}
