package dev.berth.distribution.http;

import dev.berth.distribution.RegistryUnreachableException;
import dev.berth.distribution.auth.Authorizer;
import dev.berth.distribution.auth.Challenge;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Sends one registry request and follows it through to a final answer, OkHttp's interceptor
 * chain flattened into one loop:
 * <ol>
 *   <li>auth: the header earned for the scope is sent; a 401 is answered once through the
 *       {@link Authorizer} and the request sent again;</li>
 *   <li>redirects (blob storage behind the registry): followed up to 5 hops, the registry's
 *       Authorization dropped on another host (a presigned URL carries its own);</li>
 *   <li>retries: a reset connection, a 5xx or a 429 is tried again, at most {@code attempts} in
 *       all, with a short backoff; a connect timeout is not, so an unreachable registry fails
 *       after one {@code connectTimeout} rather than hanging.</li>
 * </ol>
 * The caller closes the body of the response it gets.
 */
public final class RegistryTransport {
    private static final int MAX_REDIRECTS = 5;
    private final HttpClient http;
    private final int attempts;
    private final Duration responseTimeout;

    public RegistryTransport(HttpClient http, int attempts, Duration responseTimeout) {
        this.http = http;
        this.attempts = attempts;
        this.responseTimeout = responseTimeout;
    }

    /** An HttpClient as the transport wants it: no automatic redirects (they are handled here). */
    public static HttpClient newHttpClient(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    public HttpClient http() {
        return http;
    }

    public HttpResponse<InputStream> send(String method, URI uri, Map<String, String> headers, Authorizer auth, String scope) {
        return send(method, uri, headers, auth, scope, HttpRequest.BodyPublishers::noBody);
    }

    /**
     * As {@link #send(String, URI, Map, Authorizer, String)} with a request body; {@code body} is
     * asked for a fresh publisher on every attempt, since a retried upload sends its bytes again.
     */
    public HttpResponse<InputStream> send(String method, URI uri, Map<String, String> headers, Authorizer auth, String scope,
                                          java.util.function.Supplier<HttpRequest.BodyPublisher> body) {
        String registryHost = uri.getAuthority();
        boolean challenged = false;
        int redirects = 0;
        int attempt = 1;
        URI current = uri;
        while (true) {
            HttpRequest.Builder b = HttpRequest.newBuilder(current).timeout(responseTimeout).method(method, body.get());
            headers.forEach(b::header);
            boolean sameHost = Objects.equals(current.getAuthority(), registryHost);
            if (sameHost) auth.header(scope).ifPresent(h -> b.header("Authorization", h));
            HttpResponse<InputStream> res;
            try {
                res = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpConnectTimeoutException e) {
                throw new RegistryUnreachableException(verb(method) + " \"" + current + "\": dial tcp " + current.getAuthority() + ": i/o timeout", e);
            } catch (IOException e) {
                if (attempt++ < attempts) {
                    backoff(attempt);
                    continue;
                }
                throw new RegistryUnreachableException(verb(method) + " \"" + current + "\": " + describe(e, current), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryUnreachableException("interrupted", e);
            }
            int status = res.statusCode();
            if (status == 401 && sameHost && !challenged) {
                challenged = true;
                var challenges = Challenge.parse(res.headers().allValues("WWW-Authenticate"));
                boolean answered;
                try {
                    answered = auth.answer(challenges, scope);
                } finally {
                    close(res);
                }
                if (answered) continue;
                boolean basic = challenges.stream().anyMatch(c -> c.scheme().equals("basic"));
                boolean noCredentials = basic && !auth.credentials().hasPassword();
                throw new dev.berth.distribution.RegistryResponseException(401, noCredentials ? "" : "UNAUTHORIZED",
                        noCredentials ? "no basic auth credentials" : "authentication required", method, current.toString());
            }
            if (status >= 300 && status < 400 && status != 304 && res.headers().firstValue("Location").isPresent()) {
                String location = res.headers().firstValue("Location").get();
                close(res);
                if (++redirects > MAX_REDIRECTS) throw new RegistryUnreachableException(verb(method) + " \"" + uri + "\": stopped after " + MAX_REDIRECTS + " redirects", null);
                current = current.resolve(location);
                continue;
            }
            if ((status >= 500 || status == 429) && attempt < attempts) {
                close(res);
                backoff(++attempt);
                continue;
            }
            return res;
        }
    }

    private static String verb(String method) {
        return method.charAt(0) + method.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /** Go's wording for the usual failures, which users search for. */
    private static String describe(IOException e, URI uri) {
        Throwable root = e;
        boolean refused = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            refused |= t instanceof java.net.ConnectException;
            root = t;
        }
        if (refused) return "dial tcp " + uri.getAuthority() + ": connect: connection refused";
        if (root instanceof java.net.UnknownHostException) return "dial tcp: lookup " + uri.getHost() + ": no such host";
        if (root instanceof javax.net.ssl.SSLException) return "http: server gave HTTP response to HTTPS client or TLS failed: " + root.getMessage();
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(200L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(HttpResponse<InputStream> res) {
        try (InputStream in = res.body()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // a connection we are done with
        }
    }
}
