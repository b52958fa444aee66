package dev.berth.distribution;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.oci.Digest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The push side against a small in-memory registry on loopback: HEAD, mount, a monolithic upload,
 * the chunked fallback when the registry refuses a whole blob (413), and the manifest PUT.
 */
class RegistryPushClientTest {
    @TempDir Path dir;
    private HttpServer server;
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, ByteArrayOutputStream> sessions = new ConcurrentHashMap<>();
    private final List<String> requests = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile boolean refuseWhole;
    private String host;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        host = "127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private synchronized void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getQuery() == null ? "" : ex.getRequestURI().getQuery();
        String method = ex.getRequestMethod();
        requests.add(method + " " + path + (query.isEmpty() ? "" : "?" + query));
        byte[] body = ex.getRequestBody().readAllBytes();
        if (method.equals("HEAD") && path.contains("/blobs/")) {
            String digest = path.substring(path.lastIndexOf('/') + 1);
            reply(ex, blobs.containsKey(repo(path) + "@" + digest) ? 200 : 404, Map.of());
        } else if (method.equals("POST") && path.endsWith("/blobs/uploads/")) {
            Map<String, String> q = params(query);
            if (q.containsKey("mount") && blobs.containsKey(q.get("from") + "@" + q.get("mount"))) {
                blobs.put(repo(path) + "@" + q.get("mount"), blobs.get(q.get("from") + "@" + q.get("mount")));
                reply(ex, 201, Map.of());
                return;
            }
            String id = "s" + ids.incrementAndGet();
            sessions.put(id, new ByteArrayOutputStream());
            reply(ex, 202, Map.of("Location", "/v2/" + repo(path) + "/blobs/uploads/" + id));
        } else if (method.equals("PATCH")) {
            sessions.get(path.substring(path.lastIndexOf('/') + 1)).write(body);
            reply(ex, 202, Map.of("Location", path));
        } else if (method.equals("PUT") && path.contains("/blobs/uploads/")) {
            if (refuseWhole && body.length > 0) {
                reply(ex, 413, Map.of());
                return;
            }
            ByteArrayOutputStream s = sessions.remove(path.substring(path.lastIndexOf('/') + 1));
            s.write(body);
            String digest = params(query).get("digest");
            if (!Digest.of(s.toByteArray()).toString().equals(digest)) {
                reply(ex, 400, Map.of());
                return;
            }
            blobs.put(repo(path) + "@" + digest, s.toByteArray());
            reply(ex, 201, Map.of());
        } else if (method.equals("DELETE")) {
            sessions.remove(path.substring(path.lastIndexOf('/') + 1));
            reply(ex, 204, Map.of());
        } else if (method.equals("PUT") && path.contains("/manifests/")) {
            reply(ex, 201, Map.of("Docker-Content-Digest", Digest.of(body).toString()));
        } else {
            reply(ex, 404, Map.of());
        }
    }

    private static String repo(String path) {
        String rest = path.substring("/v2/".length());
        return rest.substring(0, rest.indexOf("/blobs/"));
    }

    private static Map<String, String> params(String query) {
        Map<String, String> m = new java.util.HashMap<>();
        for (String kv : query.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) m.put(kv.substring(0, eq), java.net.URLDecoder.decode(kv.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return m;
    }

    private static void reply(HttpExchange ex, int status, Map<String, String> headers) throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    private RegistryPushClient client(String repository) {
        return new Registries(new RegistryHosts(java.util.Set.of(), List.of())).pushClient(host, repository, Credentials.ANONYMOUS);
    }

    private Path blob(int size) throws IOException {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return Files.write(dir.resolve("blob-" + size), b);
    }

    @Test
    void uploadsWholeThenFindsItAndMountsItElsewhere() throws IOException {
        Path file = blob(100_000);
        Digest d = Digest.of(Files.readAllBytes(file));
        RegistryPushClient x = client("x/img");
        assertFalse(x.exists(d));
        List<Long> sent = new ArrayList<>();
        x.upload(d, file, sent::add);
        assertTrue(x.exists(d));
        assertEquals(100_000L, sent.getLast());
        RegistryPushClient y = client("y/img");
        assertFalse(y.exists(d));
        assertTrue(y.mount(d, "x/img"));
        assertTrue(y.exists(d));
        // a blob the source lacks: no mount, and the session it opened is cancelled
        assertFalse(client("z/img").mount(Digest.of(new byte[]{1}), "x/img"));
        assertTrue(requests.getLast().startsWith("DELETE /v2/z/img/blobs/uploads/"), requests.toString());
    }

    @Test
    void fallsBackToChunksWhenTheRegistryRefusesAWholeBlob() throws IOException {
        refuseWhole = true;
        Path file = blob(RegistryPushClient.CHUNK + 1000);
        Digest d = Digest.of(Files.readAllBytes(file));
        RegistryPushClient x = client("x/big");
        x.upload(d, file, n -> {});
        assertArrayEquals(Files.readAllBytes(file), blobs.get("x/big@" + d));
        assertEquals(2, requests.stream().filter(r -> r.startsWith("PATCH")).count(), requests.toString());
    }

    @Test
    void manifestPutReturnsItsDigest() {
        byte[] manifest = "{\"schemaVersion\":2}".getBytes();
        assertEquals(Digest.of(manifest), client("x/img").putManifest("1", manifest, "application/vnd.docker.distribution.manifest.v2+json"));
    }
}
