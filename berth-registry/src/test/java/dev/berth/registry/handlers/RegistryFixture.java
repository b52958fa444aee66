package dev.berth.registry.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.json.Json;
import dev.berth.oci.Digest;
import dev.berth.registry.server.RegistryServer;
import dev.berth.registry.server.ServeOptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A real registry server on 127.0.0.1:0 over a temp root, and a raw HTTP client to talk to it. */
public final class RegistryFixture implements AutoCloseable {
    public final Path root;
    public final RegistryServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private String authorization;

    private RegistryFixture(Path root, RegistryServer server) {
        this.root = root;
        this.server = server;
    }

    public static RegistryFixture start() throws Exception {
        return start(Optional.empty(), Optional.empty());
    }

    /** Jetty's start/stop lines drown the test output; held so the logger is not collected. */
    private static final java.util.logging.Logger JETTY = java.util.logging.Logger.getLogger("org.eclipse.jetty");

    static {
        JETTY.setLevel(java.util.logging.Level.WARNING);
    }

    public static RegistryFixture start(Optional<Path> htpasswd, Optional<URI> proxy) throws Exception {
        Path root = Files.createTempDirectory("berth-registry-test-");
        return new RegistryFixture(root, RegistryServer.start(new ServeOptions("127.0.0.1", 0, root, htpasswd,
                Optional.empty(), Optional.empty(), proxy)));
    }

    public RegistryFixture auth(String authorizationHeader) {
        this.authorization = authorizationHeader;
        return this;
    }

    public HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        if (authorization != null) b.header("Authorization", authorization);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        return send("GET", path, null, headers);
    }

    /** Pushes a blob monolithically and returns its digest. */
    public Digest pushBlob(String repo, byte[] content) throws IOException, InterruptedException {
        Digest d = Digest.of(content);
        HttpResponse<byte[]> r = send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + d, content);
        assertEquals(201, r.statusCode(), () -> text(r));
        return d;
    }

    /** Pushes an OCI image manifest with one config and the given layers; returns the manifest bytes. */
    public byte[] imageManifest(String repo, byte[]... layers) throws IOException, InterruptedException {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":" + System.nanoTime() + "}").getBytes(StandardCharsets.UTF_8);
        Digest c = pushBlob(repo, config);
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + c + "\",\"size\":" + config.length + "},\"layers\":[");
        for (int i = 0; i < layers.length; i++) {
            Digest l = pushBlob(repo, layers[i]);
            json.append(i == 0 ? "" : ",").append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"")
                    .append(l).append("\",\"size\":").append(layers[i].length).append('}');
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    public HttpResponse<byte[]> putManifest(String repo, String reference, byte[] manifest, String mediaType) throws IOException, InterruptedException {
        return send("PUT", "/v2/" + repo + "/manifests/" + reference, manifest, "Content-Type", mediaType);
    }

    public static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    public static JsonNode json(HttpResponse<byte[]> r) {
        return Json.tree(r.body());
    }

    /** Asserts a spec error: the status and the first error's code. */
    public static void assertError(int status, String code, HttpResponse<byte[]> r) {
        assertEquals(status, r.statusCode(), () -> text(r));
        assertEquals(code, json(r).path("errors").path(0).path("code").asText(), () -> text(r));
        assertEquals("registry/2.0", r.headers().firstValue("Docker-Distribution-API-Version").orElse(null));
    }

    @Override
    public void close() throws Exception {
        server.close();
        deleteTree(root);
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
