package dev.berth.registry.proxy;

import dev.berth.common.json.Json;
import dev.berth.registry.storage.RepositoryName;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers an upstream's {@code WWW-Authenticate: Bearer realm=...,service=...} challenge with an
 * anonymous pull token, kept per repository until the upstream refuses it again.
 */
final class TokenChallenge {
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private final HttpClient http;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    TokenChallenge(HttpClient http) {
        this.http = http;
    }

    Optional<String> cached(RepositoryName name) {
        return Optional.ofNullable(tokens.get(name.value()));
    }

    Optional<String> fetch(RepositoryName name, String challenge) throws IOException, InterruptedException {
        tokens.remove(name.value());
        if (!challenge.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        Map<String, String> params = new ConcurrentHashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
        String realm = params.get("realm");
        if (realm == null) return Optional.empty();
        String query = "scope=" + URLEncoder.encode("repository:" + name + ":pull", StandardCharsets.UTF_8)
                + (params.containsKey("service") ? "&service=" + URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8) : "");
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(realm + (realm.contains("?") ? "&" : "?") + query))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) return Optional.empty();
        var body = Json.tree(r.body());
        String token = body.hasNonNull("token") ? body.get("token").asText() : body.path("access_token").asText(null);
        if (token == null) return Optional.empty();
        tokens.put(name.value(), token);
        return Optional.of(token);
    }
}
