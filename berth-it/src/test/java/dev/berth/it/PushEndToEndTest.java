package dev.berth.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pushes berthd's busybox with the docker CLI and with {@code berth} to Debian's reference
 * registry ({@code docker-registry} on a loopback port) and to {@code berth registry serve} behind
 * htpasswd (after {@code docker login}/{@code berth login} through POST /auth), then pulls it back
 * into a second berthd with a fresh data root: same image id, same digest, which skopeo also reads.
 */
@Tag("root")
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class PushEndToEndTest {
    private static final Pattern DIGEST = Pattern.compile("1: digest: (sha256:[0-9a-f]{64}) size: \\d+");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Berthd berthd;
    private static Path dir;
    private static Process registry;
    private static String host;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Berthd.isRoot(), "needs root: skipping berthd end-to-end tests");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/docker-registry")), "docker-registry not installed (scripts/install-deps.sh)");
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        berthd = Berthd.start();
        dir = Files.createTempDirectory("berth-push-it-");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        host = "127.0.0.1:" + port;
        Path config = dir.resolve("registry.yml");
        Files.writeString(config, "version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: " + dir.resolve("data")
                + "\nhttp:\n  addr: " + host + "\n");
        registry = new ProcessBuilder("docker-registry", "serve", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 100; i++) {
            try {
                http.send(HttpRequest.newBuilder(URI.create("http://" + host + "/v2/")).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("docker-registry did not start: " + Files.readString(dir.resolve("registry.log")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.destroy();
            registry.waitFor(10, TimeUnit.SECONDS);
        }
        if (dir != null) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        if (berthd != null) berthd.close();
    }

    private static String digestOf(String pushOutput) {
        Matcher m = DIGEST.matcher(pushOutput);
        assertTrue(m.find(), pushOutput);
        return m.group(1);
    }

    private Berthd.Result docker(Path config, String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "docker";
        System.arraycopy(args, 0, cmd, 1, args.length);
        return berthd.runWithEnv(Map.of("DOCKER_CONFIG", config.toString()), null, cmd);
    }

    @Test
    @org.junit.jupiter.api.Order(1) // first to push the layer to this registry: "Pushed", then mounts elsewhere
    void dockerPushesToTheReferenceRegistryAndPullsBackTheSameImage() throws Exception {
        String ref = host + "/x/busybox:1";
        berthd.dockerOut("tag", "busybox", ref);
        var pushed = berthd.docker("push", ref);
        assertEquals(0, pushed.code(), pushed.err());
        assertTrue(pushed.out().contains("The push refers to repository [" + host + "/x/busybox]"), pushed.out());
        assertTrue(pushed.out().contains(": Pushed"), pushed.out());
        String digest = digestOf(pushed.out());

        var again = berthd.docker("push", ref);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains(": Layer already exists"), again.out());
        assertEquals(digest, digestOf(again.out()));
        String repoDigests = berthd.dockerOut("inspect", "--format", "{{json .RepoDigests}}", ref);
        assertTrue(repoDigests.contains(host + "/x/busybox@" + digest), repoDigests);

        // another repository of the same registry: the layer is mounted, not uploaded
        String other = host + "/y/busybox:1";
        berthd.dockerOut("tag", "busybox", other);
        var mounted = berthd.docker("push", other);
        assertEquals(0, mounted.code(), mounted.err());
        assertTrue(mounted.out().contains(": Mounted from x/busybox"), mounted.out());
        assertEquals(digest, digestOf(mounted.out()));

        if (Files.isExecutable(Path.of("/usr/bin/skopeo"))) {
            var inspect = berthd.run("skopeo", "inspect", "--tls-verify=false", "docker://" + ref);
            assertEquals(0, inspect.code(), inspect.err());
            assertEquals(digest, JSON.readTree(inspect.out()).path("Digest").asText());
        }

        String id = berthd.dockerOut("inspect", "--format", "{{.Id}}", ref);
        try (Berthd fresh = Berthd.start()) {
            var pull = fresh.docker("pull", ref);
            assertEquals(0, pull.code(), pull.err());
            assertTrue(pull.out().contains("Digest: " + digest), pull.out());
            assertEquals(id, fresh.dockerOut("inspect", "--format", "{{.Id}}", ref));
            assertEquals("ok\n", fresh.docker("run", "--rm", ref, "echo", "ok").out());
        }
    }

    @Test
    void missingTagsAndImagesGetDockerdsMessages() throws Exception {
        berthd.dockerOut("tag", "busybox", host + "/m/busybox:1");
        var noTag = berthd.docker("push", host + "/m/busybox:2");
        assertEquals(1, noTag.code());
        assertTrue(noTag.err().contains("tag does not exist: " + host + "/m/busybox:2"), noTag.err());
        var noImage = berthd.docker("push", host + "/nothing/here:1");
        assertEquals(1, noImage.code());
        assertTrue(noImage.err().contains("An image does not exist locally with the tag: " + host + "/nothing/here"), noImage.err());
    }

    @Test
    void allTagsArePushedWithoutATag() throws Exception {
        berthd.dockerOut("tag", "busybox", host + "/all/busybox:a");
        berthd.dockerOut("tag", "busybox", host + "/all/busybox:b");
        var pushed = berthd.docker("push", "--all-tags", host + "/all/busybox");
        assertEquals(0, pushed.code(), pushed.err());
        assertTrue(pushed.out().contains("a: digest: sha256:"), pushed.out());
        assertTrue(pushed.out().contains("b: digest: sha256:"), pushed.out());
    }

    @Test
    void loginThroughBerthdThenPushToBerthRegistryServe() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/htpasswd")), "htpasswd (apache2-utils) missing");
        Path users = dir.resolve("htpasswd");
        assertEquals(0, berthd.run("htpasswd", "-Bbc", users.toString(), "alice", "s3cret").code());
        Path config = Files.createDirectories(dir.resolve("docker-config"));
        Path empty = Files.createDirectories(dir.resolve("empty-config"));
        try (RegistryServe served = RegistryServe.start(dir.resolve("served"), "--htpasswd", users.toString())) {
            String h = served.hostPort();
            String ref = h + "/x/busybox:1";
            berthd.dockerOut("tag", "busybox", ref);

            var anonymous = docker(empty, "push", ref);
            assertNotEquals(0, anonymous.code());
            assertTrue(anonymous.err().contains("no basic auth credentials"), anonymous.err());

            var bad = docker(config, "login", "-u", "alice", "-p", "wrong", h);
            assertEquals(1, bad.code());
            assertTrue(bad.err().contains("Error response from daemon: login attempt to http://" + h + "/v2/ failed with status: 401 Unauthorized"), bad.err());
            assertFalse(Files.exists(config.resolve("config.json")) && Files.readString(config.resolve("config.json")).contains(h));

            var good = docker(config, "login", "-u", "alice", "-p", "s3cret", h);
            assertEquals(0, good.code(), good.err());
            assertTrue(good.out().contains("Login Succeeded"), good.out());

            var pushed = docker(config, "push", ref);
            assertEquals(0, pushed.code(), pushed.err());
            String digest = digestOf(pushed.out());
            var again = docker(config, "push", ref);
            assertTrue(again.out().contains(": Layer already exists"), again.out());
            assertEquals(digest, digestOf(again.out()));

            String id = berthd.dockerOut("inspect", "--format", "{{.Id}}", ref);
            assertEquals(0, berthd.docker("rmi", ref).code());
            var pulled = docker(config, "pull", ref);
            assertEquals(0, pulled.code(), pulled.err());
            assertTrue(pulled.out().contains("Digest: " + digest), pulled.out());
            assertEquals(id, berthd.dockerOut("inspect", "--format", "{{.Id}}", ref));
        }
    }

    private Berthd.Result berth(Path config, String stdin, String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = Berthd.repoRoot().resolve("bin/berth").toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        return berthd.runWithEnv(Map.of("DOCKER_CONFIG", config.toString()), stdin, cmd);
    }

    @Test
    void berthLoginPushLogoutShareDockersConfigFile() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/htpasswd")), "htpasswd (apache2-utils) missing");
        Path users = dir.resolve("htpasswd-berth");
        assertEquals(0, berthd.run("htpasswd", "-Bbc", users.toString(), "bob", "pa55").code());
        Path config = Files.createDirectories(dir.resolve("berth-config"));
        try (RegistryServe served = RegistryServe.start(dir.resolve("served-berth"), "--htpasswd", users.toString())) {
            String h = served.hostPort();
            String ref = h + "/b/busybox:1";
            berthd.dockerOut("tag", "busybox", ref);

            var bad = berth(config, "wrong\n", "login", "-u", "bob", "--password-stdin", h);
            assertEquals(1, bad.code());
            assertTrue(bad.err().contains("Error response from daemon: login attempt to http://" + h + "/v2/ failed with status: 401 Unauthorized"), bad.err());
            assertFalse(Files.exists(config.resolve("config.json")));

            var good = berth(config, "pa55\n", "login", "-u", "bob", "--password-stdin", h);
            assertEquals(0, good.code(), good.err());
            assertTrue(good.out().contains("Login Succeeded"), good.out());
            JsonNode stored = JSON.readTree(Files.readString(config.resolve("config.json")));
            assertEquals(java.util.Base64.getEncoder().encodeToString("bob:pa55".getBytes()), stored.path("auths").path(h).path("auth").asText());

            var pushed = berth(config, null, "push", ref);
            assertEquals(0, pushed.code(), pushed.err());
            assertTrue(pushed.out().contains(": Pushed") || pushed.out().contains(": Layer already exists"), pushed.out());
            String digest = digestOf(pushed.out());
            // the docker CLI reads what berth stored
            var again = docker(config, "push", ref);
            assertEquals(0, again.code(), again.err());
            assertTrue(again.out().contains(": Layer already exists"), again.out());
            assertEquals(digest, digestOf(again.out()));

            var logout = berth(config, null, "logout", h);
            assertEquals(0, logout.code(), logout.err());
            assertTrue(logout.out().contains("Removing login credentials for " + h), logout.out());
            assertFalse(JSON.readTree(Files.readString(config.resolve("config.json"))).path("auths").has(h));
            var anonymous = berth(config, null, "push", ref);
            assertEquals(1, anonymous.code());
            assertTrue(anonymous.err().contains("no basic auth credentials"), anonymous.err());
        }
    }

    @Test
    void dockerJavaAuthAndPushWithAuthConfig() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/htpasswd")), "htpasswd (apache2-utils) missing");
        Path users = dir.resolve("htpasswd-java");
        assertEquals(0, berthd.run("htpasswd", "-Bbc", users.toString(), "carol", "j4va").code());
        try (RegistryServe served = RegistryServe.start(dir.resolve("served-java"), "--htpasswd", users.toString());
             var docker = berthd.dockerJava()) {
            String h = served.hostPort();
            berthd.dockerOut("tag", "busybox", h + "/j/busybox:1");
            var wrong = new com.github.dockerjava.api.model.AuthConfig().withUsername("carol").withPassword("nope").withRegistryAddress(h);
            Exception refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> docker.authCmd().withAuthConfig(wrong).exec());
            assertTrue(refused.getMessage().contains("failed with status: 401 Unauthorized"), refused.getMessage());
            var right = new com.github.dockerjava.api.model.AuthConfig().withUsername("carol").withPassword("j4va").withRegistryAddress(h);
            assertEquals("Login Succeeded", docker.authCmd().withAuthConfig(right).exec().getStatus());

            var digests = new java.util.ArrayList<String>();
            var callback = new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.PushResponseItem>() {
                @Override
                public void onNext(com.github.dockerjava.api.model.PushResponseItem item) {
                    if (item.getAux() != null && item.getAux().getDigest() != null) digests.add(item.getAux().getDigest());
                }
            };
            docker.pushImageCmd(h + "/j/busybox").withTag("1").withAuthConfig(right).exec(callback).awaitCompletion(60, TimeUnit.SECONDS);
            assertEquals(1, digests.size(), digests.toString());
            String repoDigests = berthd.dockerOut("inspect", "--format", "{{json .RepoDigests}}", h + "/j/busybox:1");
            assertTrue(repoDigests.contains(h + "/j/busybox@" + digests.getFirst()), repoDigests);
        }
    }
}
