package dev.berth.it;

import com.github.dockerjava.api.model.AuthConfig;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pulls through berthd from Debian's reference registry ({@code docker-registry}, started here on
 * loopback ports, one open and one behind htpasswd), filled by skopeo from a {@code docker save}
 * of berthd's busybox; and from a fake registry that lies about a blob.
 */
@Tag("root")
class PullEndToEndTest {
    private static Berthd berthd;
    private static Path dir;
    private static Process open;
    private static Process secured;
    private static String openHost;
    private static String securedHost;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Berthd.isRoot(), "needs root: skipping berthd end-to-end tests");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/docker-registry")), "docker-registry not installed (scripts/install-deps.sh)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")), "skopeo not installed (scripts/install-deps.sh)");
        berthd = Berthd.start();
        dir = Files.createTempDirectory("berth-pull-it-");
        Path htpasswd = dir.resolve("htpasswd");
        var h = new ProcessBuilder("htpasswd", "-Bbn", "puller", "s3cret").redirectErrorStream(false).start();
        Files.write(htpasswd, h.getInputStream().readAllBytes());
        assertEquals(0, h.waitFor());
        int p1 = freePort();
        int p2 = freePort();
        openHost = "127.0.0.1:" + p1;
        securedHost = "127.0.0.1:" + p2;
        open = registry("open", p1, "");
        secured = registry("secured", p2, "auth:\n  htpasswd:\n    realm: berth-it\n    path: " + htpasswd + "\n");
        Path archive = dir.resolve("busybox.tar");
        assertEquals(0, berthd.docker("save", "-o", archive.toString(), "busybox").code());
        skopeo(archive, "docker://" + openHost + "/busybox:latest");
        skopeo(archive, "docker://" + openHost + "/busybox:1.0");
        skopeo(archive, "docker://" + securedHost + "/private/busybox:latest", "--dest-creds", "puller:s3cret");
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process p : new Process[]{open, secured}) {
            if (p != null) {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (dir != null) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        if (berthd != null) berthd.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Process registry(String name, int port, String extra) throws Exception {
        Path config = dir.resolve(name + ".yml");
        Files.writeString(config, "version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: " + dir.resolve(name + "-data")
                + "\nhttp:\n  addr: 127.0.0.1:" + port + "\n" + extra);
        Process p = new ProcessBuilder("docker-registry", "serve", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 100; i++) {
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 401) return p;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("docker-registry did not start: " + Files.readString(dir.resolve(name + ".log")));
    }

    private static void skopeo(Path archive, String dest, String... extra) throws Exception {
        var cmd = new java.util.ArrayList<>(java.util.List.of("skopeo", "copy", "--quiet", "--dest-tls-verify=false"));
        cmd.addAll(java.util.List.of(extra));
        cmd.add("docker-archive:" + archive);
        cmd.add(dest);
        Berthd.Result r = berthd.run(cmd.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
    }

    private long layersSize() throws IOException {
        var json = com.fasterxml.jackson.databind.json.JsonMapper.builder().build();
        return json.readTree(berthd.http("GET", "/system/df", null).body()).path("LayersSize").asLong();
    }

    @Test
    void pullsRunsByDigestAllTagsAndUpToDate() throws Exception {
        // with no image here (the embedded busybox and what other tests pulled share its layer),
        // the pull downloads the layer
        for (String id : berthd.dockerOut("images", "-q").split("\\s+")) if (!id.isEmpty()) berthd.docker("rmi", "-f", id);
        var pulled = berthd.docker("pull", openHost + "/busybox");
        assertEquals(0, pulled.code(), pulled.err());
        assertTrue(pulled.out().contains("latest: Pulling from busybox"), pulled.out());
        assertTrue(pulled.out().contains(": Pull complete"), pulled.out());
        assertTrue(pulled.out().contains("Status: Downloaded newer image for " + openHost + "/busybox:latest"), pulled.out());
        var run = berthd.docker("run", "--rm", openHost + "/busybox", "echo", "pulled");
        assertEquals("pulled\n", run.out(), run.err());

        String digest = berthd.dockerOut("inspect", "--format", "{{index .RepoDigests 0}}", openHost + "/busybox");
        assertTrue(digest.startsWith(openHost + "/busybox@sha256:"), digest);
        var again = berthd.docker("pull", openHost + "/busybox:latest");
        assertTrue(again.out().contains("Status: Image is up to date for " + openHost + "/busybox:latest"), again.out());
        var byDigest = berthd.docker("pull", digest);
        assertEquals(0, byDigest.code(), byDigest.err());
        assertTrue(byDigest.out().contains("Digest: " + digest.substring(digest.indexOf('@') + 1)), byDigest.out());
        assertEquals("pulled\n", berthd.docker("run", "--rm", digest, "echo", "pulled").out());

        var all = berthd.docker("pull", "-a", openHost + "/busybox");
        assertEquals(0, all.code(), all.err());
        assertTrue(all.out().contains("1.0: Pulling from busybox"), all.out());
        assertFalse(berthd.dockerOut("images", "-q", openHost + "/busybox:1.0").isEmpty());

        var lines = berthd.http("POST", "/images/create?fromImage=" + openHost + "/busybox&tag=latest", null).body();
        assertTrue(lines.contains("\"status\":\"Already exists\"") || lines.contains("Image is up to date"), lines);
    }

    @Test
    void unknownTagRepositoryAndPlatformGetDockerdsMessages() throws Exception {
        var tag = berthd.docker("pull", openHost + "/busybox:nope");
        assertEquals(1, tag.code());
        assertTrue(tag.err().contains("manifest for " + openHost + "/busybox:nope not found: manifest unknown"), tag.err());
        var repo = berthd.http("POST", "/images/create?fromImage=" + openHost + "/nothere&tag=v1", null);
        assertTrue(repo.status().startsWith("HTTP/1.1 404"), repo.status());
        var platform = berthd.docker("pull", "--platform", "linux/arm64", openHost + "/busybox:latest");
        assertEquals(1, platform.code());
        assertTrue(platform.err().contains("does not match the specified platform: wanted linux/arm64"), platform.err());
        var unreachable = berthd.docker("pull", "127.0.0.1:1/busybox");
        assertEquals(1, unreachable.code());
        assertTrue(unreachable.err().contains("connection refused"), unreachable.err());
    }

    @Test
    void credentialsFromXRegistryAuthWrongOnesStoreNothing() throws Exception {
        String image = securedHost + "/private/busybox";
        var anonymous = berthd.docker("pull", image);
        assertEquals(1, anonymous.code());
        assertTrue(anonymous.err().contains("no basic auth credentials"), anonymous.err());
        try (var docker = berthd.dockerJava()) {
            var wrong = new AuthConfig().withUsername("puller").withPassword("wrong").withRegistryAddress(securedHost);
            Exception e = assertThrows(Exception.class, () -> docker.pullImageCmd(image).withTag("latest").withAuthConfig(wrong).start().awaitCompletion(60, TimeUnit.SECONDS));
            assertTrue(String.valueOf(e.getMessage()).contains("unauthorized"), String.valueOf(e.getMessage()));
            assertTrue(berthd.dockerOut("images", "-q", image).isEmpty(), "nothing stored after a refused pull");
            var right = new AuthConfig().withUsername("puller").withPassword("s3cret").withRegistryAddress(securedHost);
            assertTrue(docker.pullImageCmd(image).withTag("latest").withAuthConfig(right).start().awaitCompletion(60, TimeUnit.SECONDS));
        }
        assertFalse(berthd.dockerOut("images", "-q", image).isEmpty());
        assertEquals("ok\n", berthd.docker("run", "--rm", image, "echo", "ok").out());
    }

    @Test
    void aRegistryThatLiesAboutABlobIsRefusedAndLeavesNothing() throws Exception {
        byte[] layer = "not the layer you asked for".getBytes(StandardCharsets.UTF_8);
        byte[] claimed = "the layer the manifest names!".getBytes(StandardCharsets.UTF_8);
        String layerDigest = sha256(claimed);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + sha256(claimed) + "\"]}}").getBytes(StandardCharsets.UTF_8);
        String configDigest = sha256(config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + configDigest + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
                + layerDigest + "\",\"size\":" + claimed.length + "}]}").getBytes(StandardCharsets.UTF_8);
        HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            byte[] body = path.equals("/v2/") ? "{}".getBytes() : path.endsWith("/manifests/v1") ? manifest
                    : path.endsWith(configDigest) ? config : path.endsWith(layerDigest) ? padded(layer, claimed.length) : null;
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                if (path.contains("/manifests/")) ex.getResponseHeaders().add("Content-Type", "application/vnd.oci.image.manifest.v1+json");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        fake.start();
        try {
            long before = layersSize();
            String image = "127.0.0.1:" + fake.getAddress().getPort() + "/liar:v1";
            var r = berthd.docker("pull", image);
            assertNotEquals(0, r.code());
            assertTrue((r.out() + r.err()).contains("filesystem layer verification failed for digest " + layerDigest), r.out() + r.err());
            assertTrue(berthd.dockerOut("images", "-q", image).isEmpty());
            assertEquals(before, layersSize(), "no layer left behind");
            try (var tmp = Files.list(berthd.dataRoot().resolve("tmp"))) {
                assertTrue(tmp.noneMatch(f -> f.getFileName().toString().startsWith("pull-")), "no download left behind");
            } catch (java.nio.file.NoSuchFileException fine) {
                // no scratch at all
            }
        } finally {
            fake.stop(0);
        }
    }

    private static byte[] padded(byte[] b, int size) {
        return java.util.Arrays.copyOf(b, size);
    }

    private static String sha256(byte[] b) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
