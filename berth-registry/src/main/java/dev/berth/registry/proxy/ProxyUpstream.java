package dev.berth.registry.proxy;

import dev.berth.oci.Digest;
import dev.berth.registry.handlers.Upstream;
import dev.berth.registry.storage.BlobStore;
import dev.berth.registry.storage.ManifestStore;
import dev.berth.registry.storage.Reference;
import dev.berth.registry.storage.Repositories;
import dev.berth.registry.storage.RepositoryName;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * A pull-through cache of another registry ({@code --proxy URL}): what a client asks for and this
 * registry lacks is fetched with the JDK's HttpClient, verified against its digest, stored like
 * pushed content, then served. Anonymous access, or the anonymous Bearer token a registry's
 * challenge points at ({@link TokenChallenge}).
 */
public final class ProxyUpstream implements Upstream {
    private static final Logger LOG = Logger.getLogger(ProxyUpstream.class.getName());
    private static final String ACCEPT = String.join(", ", ManifestStoreTypes.ALL);

    private final URI base;
    private final BlobStore blobs;
    private final Repositories repositories;
    private final ManifestStore manifests;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final TokenChallenge tokens;

    public ProxyUpstream(URI base, BlobStore blobs, Repositories repositories, ManifestStore manifests) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.blobs = blobs;
        this.repositories = repositories;
        this.manifests = manifests;
        this.tokens = new TokenChallenge(http);
    }

    @Override
    public boolean fetchBlob(RepositoryName name, Digest digest) {
        try {
            HttpResponse<InputStream> r = send(name, "/blobs/" + digest, "*/*", HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) return false;
                blobs.write(in, digest);
            }
            repositories.linkBlob(name, digest);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warning("proxy: cannot fetch blob " + name + "@" + digest + " from " + base + ": " + e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean fetchManifest(RepositoryName name, String reference) {
        try {
            HttpResponse<byte[]> r = send(name, "/manifests/" + reference, ACCEPT, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) return false;
            String contentType = r.headers().firstValue("Content-Type").orElse(null);
            // putFetched verifies a digest reference against the bytes; a tag's bytes are what the upstream says
            manifests.putFetched(name, Reference.parse(reference), r.body(), contentType);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warning("proxy: cannot fetch manifest " + name + ":" + reference + " from " + base + ": " + e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private <T> HttpResponse<T> send(RepositoryName name, String tail, String accept, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        URI uri = URI.create(base + "/v2/" + name + tail);
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).header("Accept", accept);
        tokens.cached(name).ifPresent(t -> req.header("Authorization", "Bearer " + t));
        HttpResponse<T> r = http.send(req.build(), body);
        if (r.statusCode() != 401) return r;
        if (r.body() instanceof InputStream in) in.close();
        var token = tokens.fetch(name, r.headers().firstValue("WWW-Authenticate").orElse(""));
        if (token.isEmpty()) return r;
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).header("Accept", accept)
                .header("Authorization", "Bearer " + token.get()).build(), body);
    }
}
