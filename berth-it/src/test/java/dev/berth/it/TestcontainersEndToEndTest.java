package dev.berth.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Testcontainers, unchanged, against a real berthd: it finds the daemon, starts a container,
 * waits for its log line, execs, copies files both ways, reads logs and removes the container.
 *
 * <p>Testcontainers runs with its default checks (the server version must be at least 1.6.0:
 * berthd reports the Docker release of its API). It reads {@code docker.host} only from the environment or
 * {@code ~/.testcontainers.properties}, so the class points {@code user.home} at a temporary
 * directory holding that file while Testcontainers loads its configuration. Ryuk, its reaper
 * container, is off (TESTCONTAINERS_RYUK_DISABLED, set for the test JVM by the pom, the one place
 * Testcontainers reads it): it bind-mounts the docker socket, and bind mounts come with the volumes issue.
 */
@Tag("root")
class TestcontainersEndToEndTest {
    private static Berthd berthd;
    private static Path home;
    private static String realHome;

    @BeforeAll
    static void startDaemon() throws Exception {
        Assumptions.assumeTrue(Berthd.isRoot(), "needs root: skipping Testcontainers end-to-end tests");
        berthd = Berthd.start();
        home = Files.createTempDirectory("berth-tc-home");
        Files.writeString(home.resolve(".testcontainers.properties"),
                "docker.host=" + berthd.dockerHost() + "\n");
        realHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (realHome != null) System.setProperty("user.home", realHome);
        if (berthd != null) berthd.close();
        if (home != null) new ProcessBuilder("rm", "-rf", home.toString()).start().waitFor();
    }

    @Test
    void aGenericContainerStartsExecsCopiesAndIsRemoved() throws Exception {
        assertTrue(DockerClientFactory.instance().isDockerAvailable(), "Testcontainers found berthd");
        String id;
        try (GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse("busybox:latest"))
                .withCommand("sh", "-c", "echo ready; i=0; while true; do echo tick$i; i=$((i+1)); sleep 0.2; done")
                .withEnv("GREETING", "hello")
                .waitingFor(Wait.forLogMessage("ready\\n", 1).withStartupTimeout(Duration.ofSeconds(30)))) {
            c.start();
            id = c.getContainerId();
            assertTrue(c.isRunning());

            Container.ExecResult r = c.execInContainer("sh", "-c", "echo $GREETING; echo oops >&2; exit 3");
            assertEquals(3, r.getExitCode());
            assertEquals("hello\n", r.getStdout());
            assertEquals("oops\n", r.getStderr());

            c.copyFileToContainer(Transferable.of("copied in\n"), "/tmp/in.txt");
            assertEquals("copied in\n", c.execInContainer("cat", "/tmp/in.txt").getStdout());
            String back = c.copyFileFromContainer("/tmp/in.txt", in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals("copied in\n", back);

            Thread.sleep(500);
            assertTrue(c.getLogs().startsWith("ready\ntick0\n"), c.getLogs());
            assertEquals("running", c.getCurrentContainerInfo().getState().getStatus());
        }
        // stopping a GenericContainer removes it
        Berthd.HttpReply left = berthd.http("GET", "/containers/json?all=1", null);
        assertFalse(left.body().contains(id), left.body());
    }

    @Test
    void getMappedPortReachesAnExposedPort() throws Exception {
        try (GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse("busybox:latest"))
                .withCommand("sh", "-c", "mkdir -p /www && echo tc-hello > /www/index.html && exec httpd -f -p 80 -h /www")
                .withExposedPorts(80)
                .waitingFor(Wait.forHttp("/").forStatusCode(200).withStartupTimeout(Duration.ofSeconds(30)))) {
            c.start();
            int mapped = c.getMappedPort(80);
            assertTrue(mapped > 0);
            var http = java.net.http.HttpClient.newHttpClient();
            var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + c.getHost() + ":" + mapped + "/")).build();
            assertEquals("tc-hello\n", http.send(req, java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        }
    }
}
