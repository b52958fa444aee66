package dev.berth.distribution;

import dev.berth.distribution.auth.Authorizer;
import dev.berth.distribution.auth.Errors;
import dev.berth.distribution.http.RegistryTransport;
import dev.berth.oci.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The push side of one repository on one registry (distribution spec "push" endpoints):
 * <pre>
 *   HEAD blobs/D ── 200 ─▶ already there
 *       │ 404
 *   POST blobs/uploads/?mount=D&amp;from=R ── 201 ─▶ mounted (a 202 is a plain upload session)
 *   POST blobs/uploads/ ─▶ 202 Location ─▶ PUT Location?digest=D (the whole blob)
 *        └─ 413 on the PUT: PATCH chunks with Content-Range, then PUT ?digest=D
 *   PUT manifests/TAG
 * </pre>
 * Always the registry itself, never a mirror: mirrors serve pulls only.
 */
public final class RegistryPushClient {
    /** Chunk size when a registry refuses a blob in one request. */
    static final int CHUNK = 8 << 20;
    private final RegistryTransport transport;
    private final URI endpoint;
    private final String repository;
    private final Authorizer auth;

    RegistryPushClient(RegistryTransport transport, URI endpoint, String repository, Authorizer auth) {
        this.transport = transport;
        this.endpoint = endpoint;
        this.repository = repository;
        this.auth = auth;
    }

    private String scope() {
        return "repository:" + repository + ":pull,push";
    }

    public String repository() {
        return repository;
    }

    /** True when the repository already has blob {@code digest}. */
    public boolean exists(Digest digest) {
        URI uri = endpoint.resolve("/v2/" + repository + "/blobs/" + digest);
        HttpResponse<InputStream> res = transport.send("HEAD", uri, Map.of(), auth, scope());
        drain(res);
        if (res.statusCode() == 200) return true;
        if (res.statusCode() == 404) return false;
        throw Errors.from(res.statusCode(), new byte[0], "HEAD", uri.toString());
    }

    /**
     * Asks the registry to link blob {@code digest} from repository {@code from} (same registry);
     * true when it did. A registry that cannot opens an upload session instead, which is cancelled.
     */
    public boolean mount(Digest digest, String from) {
        URI uri = endpoint.resolve("/v2/" + repository + "/blobs/uploads/?mount=" + enc(digest.toString()) + "&from=" + enc(from));
        HttpResponse<InputStream> res = transport.send("POST", uri, Map.of(), auth, scope(), RegistryPushClient::empty);
        byte[] body = read(res);
        if (res.statusCode() == 201) return true;
        if (res.statusCode() == 202) {
            res.headers().firstValue("Location").ifPresent(l -> cancel(uri.resolve(l)));
            return false;
        }
        throw Errors.from(res.statusCode(), body, "POST", uri.toString());
    }

    /** Uploads {@code file} as blob {@code digest}, reporting bytes sent to {@code sent}. */
    public void upload(Digest digest, Path file, LongConsumer sent) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        URI location = startUpload();
        URI put = withQuery(location, "digest=" + enc(digest.toString()));
        HttpResponse<InputStream> res = transport.send("PUT", put, Map.of("Content-Type", "application/octet-stream"), auth, scope(),
                () -> HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> open(file, 0, size, sent)), size));
        byte[] body = read(res);
        if (res.statusCode() == 413) {
            // too large for one request: the same session, or a fresh one, in chunks
            cancel(location);
            chunked(digest, file, size, sent);
            return;
        }
        if (res.statusCode() != 201) throw Errors.from(res.statusCode(), body, "PUT", put.toString());
    }

    private void chunked(Digest digest, Path file, long size, LongConsumer sent) {
        URI location = startUpload();
        for (long offset = 0; offset < size; ) {
            long len = Math.min(CHUNK, size - offset);
            long from = offset;
            HttpResponse<InputStream> res = transport.send("PATCH", location, Map.of("Content-Type", "application/octet-stream",
                            "Content-Range", from + "-" + (from + len - 1)), auth, scope(),
                    () -> HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> open(file, from, len, n -> sent.accept(from + n))), len));
            byte[] body = read(res);
            if (res.statusCode() != 202) throw Errors.from(res.statusCode(), body, "PATCH", location.toString());
            location = location.resolve(res.headers().firstValue("Location").orElse(location.toString()));
            offset += len;
        }
        URI put = withQuery(location, "digest=" + enc(digest.toString()));
        HttpResponse<InputStream> res = transport.send("PUT", put, Map.of(), auth, scope(), RegistryPushClient::empty);
        byte[] body = read(res);
        if (res.statusCode() != 201) throw Errors.from(res.statusCode(), body, "PUT", put.toString());
    }

    private URI startUpload() {
        URI uri = endpoint.resolve("/v2/" + repository + "/blobs/uploads/");
        HttpResponse<InputStream> res = transport.send("POST", uri, Map.of(), auth, scope(), RegistryPushClient::empty);
        byte[] body = read(res);
        if (res.statusCode() != 202) throw Errors.from(res.statusCode(), body, "POST", uri.toString());
        String location = res.headers().firstValue("Location").orElseThrow(() ->
                new RegistryResponseException(202, "", "the registry opened an upload without a Location", "POST", uri.toString()));
        return uri.resolve(location);
    }

    /** Stores a manifest under {@code reference}; returns the digest the registry gives it. */
    public Digest putManifest(String reference, byte[] manifest, String mediaType) {
        URI uri = endpoint.resolve("/v2/" + repository + "/manifests/" + reference);
        HttpResponse<InputStream> res = transport.send("PUT", uri, Map.of("Content-Type", mediaType), auth, scope(),
                () -> HttpRequest.BodyPublishers.ofByteArray(manifest));
        byte[] body = read(res);
        if (res.statusCode() != 201 && res.statusCode() != 200) throw Errors.from(res.statusCode(), body, "PUT", uri.toString());
        Digest ours = Digest.of(manifest);
        String theirs = res.headers().firstValue("Docker-Content-Digest").orElse(ours.toString());
        if (!theirs.equals(ours.toString())) {
            throw new RegistryResponseException(res.statusCode(), "DIGEST_INVALID", "the registry stored manifest " + theirs + " for " + ours, "PUT", uri.toString());
        }
        return ours;
    }

    /** An explicit empty body: Content-Length 0, which registries want on POST and the final PUT. */
    private static HttpRequest.BodyPublisher empty() {
        return HttpRequest.BodyPublishers.ofByteArray(new byte[0]);
    }

    private void cancel(URI location) {
        try {
            drain(transport.send("DELETE", location, Map.of(), auth, scope()));
        } catch (RuntimeException ignored) {
            // an abandoned session expires at the registry
        }
    }

    private static InputStream open(Path file, long offset, long length, LongConsumer sent) {
        try {
            InputStream in = Files.newInputStream(file);
            in.skipNBytes(offset);
            return new CountingInputStream(in, length, sent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URI withQuery(URI location, String query) {
        String s = location.toString();
        return URI.create(s + (s.contains("?") ? "&" : "?") + query);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static byte[] read(HttpResponse<InputStream> res) {
        try (InputStream in = res.body()) {
            return in.readNBytes(64 << 10);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static void drain(HttpResponse<InputStream> res) {
        try (InputStream in = res.body()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // nothing more to read from it
        }
    }
}
