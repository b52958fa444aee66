package dev.berth.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.json.Json;
import dev.berth.distribution.auth.Authorizer;
import dev.berth.distribution.auth.Errors;
import dev.berth.distribution.http.RegistryTransport;
import dev.berth.oci.Digest;
import dev.berth.oci.manifest.Descriptor;
import dev.berth.oci.manifest.ManifestDocument;
import dev.berth.oci.manifest.MediaTypes;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fetch side of one repository on one registry (distribution spec "pull" endpoints):
 * manifests by tag or digest, blobs, and the tag list. Endpoints (a mirror, then the registry)
 * are tried in order until one answers the first manifest request; later requests go to that one.
 */
public final class RegistryClient {
    /** Larger manifests are refused: the spec's registries cap them at 4 MiB. */
    static final int MAX_MANIFEST_BYTES = 4 << 20;
    private static final String ACCEPT = String.join(", ", MediaTypes.PULLABLE);

    private final RegistryTransport transport;
    private final List<URI> endpoints;
    private final String repository;
    private final Authorizer auth;
    private URI endpoint;

    public RegistryClient(RegistryTransport transport, List<URI> endpoints, String repository, Authorizer auth) {
        if (endpoints.isEmpty()) throw new IllegalArgumentException("no endpoint");
        this.transport = transport;
        this.endpoints = List.copyOf(endpoints);
        this.repository = repository;
        this.auth = auth;
        this.endpoint = endpoints.getLast();
    }

    private String scope() {
        return "repository:" + repository + ":pull";
    }

    /** The endpoint in use: the registry, or the mirror that answered. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * The manifest {@code reference} (a tag or a digest) names. By digest, the bytes must hash to
     * it; by tag, their own hash is the digest (a Docker-Content-Digest header that disagrees is refused).
     */
    public FetchedManifest manifest(String reference) {
        RuntimeException last = null;
        for (URI e : endpoints) {
            try {
                FetchedManifest m = manifestFrom(e, reference);
                endpoint = e;
                return m;
            } catch (RegistryUnreachableException | RegistryResponseException failed) {
                // a mirror that fails or lacks it: on to the next, as dockerd falls back
                last = failed;
            }
        }
        throw last;
    }

    private FetchedManifest manifestFrom(URI base, String reference) {
        URI uri = base.resolve("/v2/" + repository + "/manifests/" + reference);
        HttpResponse<InputStream> res = transport.send("GET", uri, Map.of("Accept", ACCEPT), auth, scope());
        byte[] body = readBounded(res, MAX_MANIFEST_BYTES, uri);
        if (res.statusCode() != 200) throw Errors.from(res.statusCode(), body, "GET", uri.toString());
        Digest digest = Digest.of(body);
        if (reference.contains(":") && !Digest.parse(reference).equals(digest)) {
            throw new RegistryResponseException(200, "DIGEST_INVALID", "manifest verification failed for digest " + reference, "GET", uri.toString());
        }
        res.headers().firstValue("Docker-Content-Digest").ifPresent(h -> {
            if (h.startsWith("sha256:") && !h.equals(digest.toString())) {
                throw new RegistryResponseException(200, "DIGEST_INVALID", "manifest digest " + digest + " does not match Docker-Content-Digest " + h, "GET", uri.toString());
            }
        });
        String type = res.headers().firstValue("Content-Type").orElse("");
        ManifestDocument doc = ManifestDocument.parse(body, type);
        return new FetchedManifest(body, doc.mediaType(), digest, doc);
    }

    /** A small blob (an image config) read whole and verified. */
    public byte[] blobBytes(Descriptor d, int limit) {
        if (d.size() > limit) throw new RegistryResponseException(200, "BLOB_UNKNOWN", "config blob " + d.digest() + " is too large: " + d.size() + " bytes", "GET", "");
        try (InputStream in = new VerifyingInputStream(openBlob(d.digest()), d.digest(), d.size())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new RegistryResponseException(200, "DIGEST_INVALID", e.getMessage(), "GET", endpoint + "/v2/" + repository + "/blobs/" + d.digest());
        }
    }

    /** The raw bytes of blob {@code digest}, unverified: wrap in a {@link VerifyingInputStream}. */
    public InputStream openBlob(Digest digest) {
        URI uri = endpoint.resolve("/v2/" + repository + "/blobs/" + digest);
        HttpResponse<InputStream> res = transport.send("GET", uri, Map.of(), auth, scope());
        if (res.statusCode() != 200) throw Errors.from(res.statusCode(), readBounded(res, 64 << 10, uri), "GET", uri.toString());
        return res.body();
    }

    /** Every tag of the repository, following the Link header's pages. */
    public List<String> tags() {
        List<String> tags = new ArrayList<>();
        URI base = endpoints.getFirst();
        URI uri = base.resolve("/v2/" + repository + "/tags/list");
        for (int page = 0; uri != null && page < 1000; page++) {
            HttpResponse<InputStream> res = transport.send("GET", uri, Map.of("Accept", "application/json"), auth, scope());
            byte[] body = readBounded(res, MAX_MANIFEST_BYTES, uri);
            if (res.statusCode() != 200) throw Errors.from(res.statusCode(), body, "GET", uri.toString());
            JsonNode n = Json.tree(body);
            n.path("tags").forEach(t -> tags.add(t.asText()));
            URI current = uri;
            uri = res.headers().firstValue("Link").map(l -> nextPage(current, l)).orElse(null);
        }
        return tags;
    }

    private static URI nextPage(URI current, String link) {
        int lt = link.indexOf('<');
        int gt = link.indexOf('>');
        if (lt < 0 || gt < lt || !link.contains("rel=\"next\"")) return null;
        return current.resolve(link.substring(lt + 1, gt));
    }

    private static byte[] readBounded(HttpResponse<InputStream> res, int limit, URI uri) {
        try (InputStream in = res.body()) {
            byte[] b = in.readNBytes(limit + 1);
            if (b.length > limit) throw new RegistryResponseException(res.statusCode(), "SIZE_INVALID", "response larger than " + limit + " bytes", "GET", uri.toString());
            return b;
        } catch (IOException e) {
            throw new RegistryUnreachableException("GET \"" + uri + "\": " + e.getMessage(), e);
        }
    }
}
