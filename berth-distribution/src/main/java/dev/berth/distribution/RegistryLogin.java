package dev.berth.distribution;

import dev.berth.distribution.auth.Authorizer;
import dev.berth.distribution.http.RegistryTransport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * {@code docker login}'s check: {@code GET /v2/} answered through the registry's challenge (Basic
 * with the credentials, or a token earned with them, scoped to nothing). Failing answers carry
 * dockerd's wording: "login attempt to URL failed with status: 401 Unauthorized".
 */
final class RegistryLogin {
    private RegistryLogin() {}

    static void check(RegistryTransport transport, URI endpoint, Authorizer auth) {
        URI uri = endpoint.resolve("/v2/");
        HttpResponse<InputStream> res = transport.send("GET", uri, Map.of(), auth, "");
        try (InputStream in = res.body()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // only the status matters
        }
        if (res.statusCode() != 200) {
            throw new RegistryResponseException(res.statusCode(), "", "login attempt to " + uri + " failed with status: "
                    + res.statusCode() + " " + reason(res.statusCode()), "GET", uri.toString());
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "";
        };
    }
}
