package dev.berth.distribution.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.json.Json;
import dev.berth.distribution.Credentials;
import dev.berth.distribution.RegistryResponseException;
import dev.berth.distribution.RegistryUnreachableException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers a registry's 401 challenges for one client session and remembers the answer per scope:
 * <pre>
 *   GET /v2/x/manifests/1  ──401 WWW-Authenticate: Bearer realm,service,scope──▶ token service
 *        ▲                                                                          │ GET realm?service&scope
 *        └──────────── retried with Authorization: Bearer &lt;token&gt; ◀──────────────────┘ (Basic user:password if given)
 * </pre>
 * A Basic challenge is answered with the credentials directly; an identity token (from a login)
 * is exchanged at the realm by the OAuth2 refresh-token grant. Without credentials a Bearer
 * challenge still yields an anonymous token, which public repositories need.
 */
public final class Authorizer {
    private final HttpClient http;
    private final Credentials credentials;
    private final Duration timeout;
    private final Map<String, String> headers = new ConcurrentHashMap<>();

    public Authorizer(HttpClient http, Credentials credentials, Duration timeout) {
        this.http = http;
        this.credentials = credentials;
        this.timeout = timeout;
    }

    public Credentials credentials() {
        return credentials;
    }

    /** The Authorization header value already earned for {@code scope}, if any. */
    public Optional<String> header(String scope) {
        String h = headers.get(scope);
        if (h == null) h = headers.get("*basic*");
        return Optional.ofNullable(h);
    }

    /**
     * Earns an Authorization header for {@code scope} from the challenges of a 401; false when
     * none of them can be answered (a Basic challenge without credentials, an unknown scheme).
     * A token service that refuses the credentials is a {@link RegistryResponseException}.
     */
    public boolean answer(List<Challenge> challenges, String scope) {
        if (credentials.registryToken() != null) {
            headers.put(scope, "Bearer " + credentials.registryToken());
            return true;
        }
        for (Challenge c : challenges) {
            if (c.scheme().equals("bearer") && c.param("realm") != null) {
                headers.put(scope, "Bearer " + token(c, scope));
                return true;
            }
        }
        for (Challenge c : challenges) {
            if (c.scheme().equals("basic") && credentials.hasPassword()) {
                headers.put("*basic*", basic());
                return true;
            }
        }
        return false;
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8));
    }

    private String token(Challenge c, String scope) {
        String realm = c.param("realm");
        String service = c.param("service");
        // the registry's scope when it names one; ours otherwise
        String wanted = c.param("scope") != null ? c.param("scope") : scope;
        HttpRequest.Builder req;
        if (credentials.identityToken() != null) {
            StringBuilder form = new StringBuilder("grant_type=refresh_token&client_id=berth&refresh_token=").append(enc(credentials.identityToken()));
            if (service != null) form.append("&service=").append(enc(service));
            if (wanted != null && !wanted.isEmpty()) form.append("&scope=").append(enc(wanted));
            req = HttpRequest.newBuilder(URI.create(realm)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        } else {
            StringBuilder q = new StringBuilder();
            if (service != null) q.append("service=").append(enc(service));
            if (wanted != null && !wanted.isEmpty()) q.append(q.isEmpty() ? "" : "&").append("scope=").append(enc(wanted));
            URI uri = URI.create(realm + (q.isEmpty() ? "" : (realm.contains("?") ? "&" : "?") + q));
            req = HttpRequest.newBuilder(uri).GET();
            if (credentials.hasPassword()) req.header("Authorization", basic());
        }
        HttpRequest request = req.timeout(timeout).build();
        HttpResponse<byte[]> res;
        try {
            res = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RegistryUnreachableException("Get \"" + realm + "\": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnreachableException("interrupted", e);
        }
        if (res.statusCode() != 200) throw Errors.from(res.statusCode(), res.body(), request.method(), request.uri().toString());
        JsonNode body = Json.tree(res.body());
        String token = body.path("token").asText(body.path("access_token").asText(""));
        if (token.isEmpty()) throw new RegistryResponseException(res.statusCode(), "", "the token service sent no token", request.method(), realm);
        return token;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
