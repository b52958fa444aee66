package dev.berth.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.PruneType;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives a real berthd with docker-java (core + the dependency-free "zerodep" unix-socket transport),
 * a client berth did not write and the one Testcontainers embeds. Every test creates its own
 * containers, labelled {@link #LABEL}, and removes them afterwards.
 */
@Tag("root")
class DockerJavaEndToEndTest {
    private static final String LABEL = "dev.berth.it.docker-java";
    private static final Pattern TIMESTAMPED = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z (.*)$", Pattern.DOTALL);

    private static Berthd berthd;
    private static DockerClient docker;
    private final List<String> made = new ArrayList<>();

    @BeforeAll
    static void startDaemon() throws Exception {
        Assumptions.assumeTrue(Berthd.isRoot(), "needs root: skipping docker-java end-to-end tests");
        berthd = Berthd.start();
        docker = client(null);
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (docker != null) docker.close();
        if (berthd != null) berthd.close();
    }

    @AfterEach
    void removeContainers() {
        for (String id : made) {
            try {
                docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException ignored) {
                // already gone (auto-remove, or the test removed it)
            }
        }
        made.clear();
    }

    /** A docker-java client on berthd's socket; {@code apiVersion} null means docker-java's default. */
    private static DockerClient client(String apiVersion) {
        DefaultDockerClientConfig.Builder b = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(berthd.dockerHost());
        if (apiVersion != null) b.withApiVersion(apiVersion);
        DockerClientConfig config = b.build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .maxConnections(32)
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(60))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    // ------------------------------------------------------------------ helpers

    private CreateContainerCmd busybox(String... cmd) {
        return docker.createContainerCmd("busybox").withCmd(cmd).withLabels(Map.of(LABEL, "1"));
    }

    private String create(CreateContainerCmd cmd) {
        String id = cmd.exec().getId();
        made.add(id);
        return id;
    }

    private String run(CreateContainerCmd cmd) {
        String id = create(cmd);
        docker.startContainerCmd(id).exec();
        return id;
    }

    private CreateContainerCmd shell(String script) {
        return busybox("sh", "-c", script);
    }

    private static int waitExit(String id) {
        return docker.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode(30, TimeUnit.SECONDS);
    }

    private static InspectContainerResponse inspect(String id) {
        return docker.inspectContainerCmd(id).exec();
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            Thread.sleep(50);
        }
    }

    /** Collects the frames of a logs, attach or exec stream. */
    private static final class Frames extends ResultCallback.Adapter<Frame> {
        final List<Frame> frames = new CopyOnWriteArrayList<>();
        final List<Long> arrivals = new CopyOnWriteArrayList<>();

        @Override
        public void onNext(Frame f) {
            frames.add(f);
            arrivals.add(System.nanoTime());
        }

        String text(StreamType type) {
            StringBuilder b = new StringBuilder();
            for (Frame f : frames) if (f.getStreamType() == type) b.append(new String(f.getPayload(), StandardCharsets.UTF_8));
            return b.toString();
        }

        String stdout() {
            return text(StreamType.STDOUT);
        }

        String stderr() {
            return text(StreamType.STDERR);
        }

        Frames done() throws InterruptedException {
            assertTrue(awaitCompletion(30, TimeUnit.SECONDS), "stream did not complete");
            return this;
        }
    }

    /** docker-java puts the raw error body in its message: {@code Status 409: {"message":"..."}}. */
    private static String message(DockerException e) {
        String m = e.getMessage();
        String prefix = "Status " + e.getHttpStatus() + ": ";
        assertTrue(m.startsWith(prefix), m);
        try {
            return new ObjectMapper().readTree(m.substring(prefix.length())).path("message").asText();
        } catch (JsonProcessingException ex) {
            throw new AssertionError("error body is not Docker's JSON: " + m, ex);
        }
    }

    private static Frames logs(LogContainerCmd cmd) throws InterruptedException {
        return cmd.exec(new Frames()).done();
    }

    // ------------------------------------------------------------------ system

    @Test
    void pingVersionAndInfo() throws Exception {
        docker.pingCmd().exec();
        Version v = docker.versionCmd().exec();
        assertEquals("1.44", v.getApiVersion());
        assertEquals("1.24", v.getMinAPIVersion());
        assertEquals("linux", v.getOperatingSystem());
        assertEquals("amd64", v.getArch());
        assertEquals("25.0.0", v.getVersion(), "the Docker release of API 1.44");

        Info before = docker.infoCmd().exec();
        assertEquals("overlay2", before.getDriver());
        assertEquals("linux", before.getOsType());
        assertNotNull(before.getSwarm());
        assertTrue(before.getImages() >= 1, "busybox is always there");
        String id = create(busybox("true"));
        Info after = docker.infoCmd().exec();
        assertEquals(before.getContainers() + 1, after.getContainers());
        assertEquals(before.getContainersStopped() + 1, after.getContainersStopped());
        assertEquals(before.getContainersRunning(), after.getContainersRunning());
        docker.removeContainerCmd(id).exec();
        assertEquals(before.getContainers(), docker.infoCmd().exec().getContainers());
    }

    @Test
    void olderApiVersionsAreServedAndNewerOnesRefused() throws Exception {
        try (DockerClient old = client("1.41")) {
            assertEquals("1.44", old.versionCmd().exec().getApiVersion());
            Image busybox = old.listImagesCmd().exec().stream()
                    .filter(i -> i.getRepoTags() != null && Arrays.asList(i.getRepoTags()).contains("busybox:latest")).findFirst().orElseThrow();
            assertEquals(busybox.getSize(), busybox.getVirtualSize(), "VirtualSize is still sent below 1.44");
            String id = old.createContainerCmd("busybox").withCmd("sh", "-c", "echo at141 >&2; exit 4").withLabels(Map.of(LABEL, "1")).exec().getId();
            made.add(id);
            old.startContainerCmd(id).exec();
            assertEquals(4, old.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode(30, TimeUnit.SECONDS));
            assertEquals(4, old.inspectContainerCmd(id).exec().getState().getExitCodeLong());
            Frames f = old.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new Frames()).done();
            assertEquals("at141\n", f.stderr());
        }
        try (DockerClient oldest = client("1.24")) {
            assertEquals("1.44", oldest.versionCmd().exec().getApiVersion());
        }
        try (DockerClient tooNew = client("1.45")) {
            BadRequestException e = assertThrows(BadRequestException.class, () -> tooNew.versionCmd().exec());
            assertEquals("client version 1.45 is too new. Maximum supported API version is 1.44", message(e));
        }
    }

    // ------------------------------------------------------------------ images

    @Test
    void listInspectTagAndRemoveImages() {
        List<Image> images = docker.listImagesCmd().exec();
        Image busybox = images.stream().filter(i -> i.getRepoTags() != null && Arrays.asList(i.getRepoTags()).contains("busybox:latest"))
                .findFirst().orElseThrow(() -> new AssertionError("busybox:latest not listed: " + images));
        assertTrue(busybox.getId().startsWith("sha256:"), busybox.getId());
        assertTrue(busybox.getSize() > 0);
        assertTrue(busybox.getCreated() > 0);

        InspectImageResponse inspected = docker.inspectImageCmd("busybox").exec();
        assertEquals(busybox.getId(), inspected.getId());
        assertEquals("linux", inspected.getOs());
        assertEquals("amd64", inspected.getArch());
        assertTrue(inspected.getRepoTags().contains("busybox:latest"));
        assertNotNull(inspected.getConfig());
        assertEquals("layers", inspected.getRootFS().getType());
        assertFalse(inspected.getRootFS().getLayers().isEmpty());

        docker.tagImageCmd("busybox", "dj/tagged", "v1").exec();
        // docker-java sends the '/' in the name as %2F
        InspectImageResponse tagged = docker.inspectImageCmd("dj/tagged:v1").exec();
        assertEquals(busybox.getId(), tagged.getId());
        assertTrue(docker.inspectImageCmd("busybox").exec().getRepoTags().contains("dj/tagged:v1"));
        assertEquals(1, docker.listImagesCmd().withReferenceFilter("dj/tagged").exec().size());

        docker.removeImageCmd("dj/tagged:v1").exec();
        assertThrows(NotFoundException.class, () -> docker.inspectImageCmd("dj/tagged:v1").exec());
        assertFalse(docker.inspectImageCmd("busybox").exec().getRepoTags().contains("dj/tagged:v1"));
        assertThrows(NotFoundException.class, () -> docker.inspectImageCmd("no-such-image:1").exec());
        assertThrows(NotFoundException.class, () -> docker.removeImageCmd("no-such-image:1").exec());
    }

    @Test
    void imageNamesIdsAndPullOfAPresentImage() throws Exception {
        String id = docker.inspectImageCmd("busybox").exec().getId();
        assertEquals(id, docker.inspectImageCmd("docker.io/library/busybox:latest").exec().getId());
        assertEquals(id, docker.inspectImageCmd(id).exec().getId());
        assertEquals(id, docker.inspectImageCmd(id.substring("sha256:".length(), "sha256:".length() + 12)).exec().getId());

        // Testcontainers pulls unless the image is listed; for a present image dockerd answers "Image is up to date"
        assertTrue(docker.pullImageCmd("busybox").withTag("latest").start().awaitCompletion(30, TimeUnit.SECONDS));

        String c = run(docker.createContainerCmd("docker.io/library/busybox:latest").withCmd("true").withLabels(Map.of(LABEL, "1")));
        assertEquals(0, waitExit(c));
        assertEquals(id, inspect(c).getImageId());

        docker.tagImageCmd("busybox", "dj/twice-a", "1").exec();
        docker.tagImageCmd("busybox", "dj/twice-b", "1").exec();
        try {
            ConflictException e = assertThrows(ConflictException.class, () -> docker.removeImageCmd(id.substring(7, 19)).exec());
            assertEquals("conflict: unable to delete " + id.substring(7, 19) + " (must be forced) - image is referenced in multiple repositories",
                    message(e));
        } finally {
            docker.removeImageCmd("dj/twice-a:1").exec();
            docker.removeImageCmd("dj/twice-b:1").exec();
        }
        assertTrue(docker.inspectImageCmd("busybox").exec().getRepoTags().contains("busybox:latest"));
    }

    @Test
    void predefinedNetworksAnEmptyVolumeListAndImagePrune() throws Exception {
        String c = run(shell("sleep 30"));
        var bridge = docker.inspectNetworkCmd().withNetworkId("bridge").exec();
        ContainerNetwork ep = inspect(c).getNetworkSettings().getNetworks().get("bridge");
        assertEquals(ep.getNetworkID(), bridge.getId());
        assertEquals("bridge", bridge.getDriver());
        // Testcontainers inside a container takes the docker host's address from here
        assertEquals(ep.getGateway(), bridge.getIpam().getConfig().getFirst().getGateway());
        assertEquals(ep.getIpAddress() + "/" + ep.getIpPrefixLen(), bridge.getContainers().get(c).getIpv4Address());
        assertEquals(bridge.getId(), docker.inspectNetworkCmd().withNetworkId(bridge.getId().substring(0, 12)).exec().getId());
        assertEquals(List.of("bridge", "host", "none"), docker.listNetworksCmd().exec().stream().map(Network::getName).sorted().toList());
        assertEquals(List.of("none"), docker.listNetworksCmd().withFilter("driver", List.of("null")).exec().stream().map(Network::getName).toList());
        NotFoundException noNet = assertThrows(NotFoundException.class, () -> docker.inspectNetworkCmd().withNetworkId("dj-nonet").exec());
        assertEquals("network dj-nonet not found", message(noNet));
        DockerException predefined = assertThrows(DockerException.class, () -> docker.removeNetworkCmd("bridge").exec());
        assertEquals(403, predefined.getHttpStatus());

        // berth has no volumes yet: none can exist, and a prune (Testcontainers' clean-up) finds nothing
        assertTrue(docker.listVolumesCmd().exec().getVolumes().isEmpty());
        docker.pruneCmd(PruneType.VOLUMES).exec();

        // an untagged image no container uses is pruned; busybox, tagged and in use, stays.
        // (Imported over raw HTTP: docker-java's createImageCmd(repo, stream) sends "{}" for the stream.)
        Path rootfs = Files.createTempDirectory("dj-prune");
        Files.writeString(rootfs.resolve("marker"), "dangling");
        Process tar = new ProcessBuilder("tar", "-C", rootfs.toString(), "-cf", "-", "marker").start();
        byte[] tarball = tar.getInputStream().readAllBytes();
        assertEquals(0, tar.waitFor());
        Files.delete(rootfs.resolve("marker"));
        Files.delete(rootfs);
        List<Image> before = docker.listImagesCmd().exec();
        Berthd.HttpReply notATar = berthd.http("POST", "/images/create?fromSrc=-", "{}");
        assertEquals("HTTP/1.1 400 Bad Request", notATar.status());
        assertTrue(notATar.body().contains("unexpected EOF"), notATar.body());
        assertEquals(before.size(), docker.listImagesCmd().exec().size(), "a refused import leaves no image");
        Berthd.HttpReply imported = berthd.http("POST", "/images/create?fromSrc=-", tarball, "application/x-tar");
        assertEquals("HTTP/1.1 200 OK", imported.status());
        var idMatch = Pattern.compile("sha256:[0-9a-f]{64}").matcher(imported.body());
        assertTrue(idMatch.find(), imported.body());
        String dangling = idMatch.group();
        assertTrue(docker.listImagesCmd().withDanglingFilter(true).exec().stream().anyMatch(i -> i.getId().equals(dangling)));
        assertTrue(docker.pruneCmd(PruneType.IMAGES).exec().getSpaceReclaimed() >= 8L, "at least the 8 bytes of its one layer");
        assertThrows(NotFoundException.class, () -> docker.inspectImageCmd(dangling).exec());
        assertTrue(docker.inspectImageCmd("busybox").exec().getRepoTags().contains("busybox:latest"));

        // an image archive whose names climb out of the load directory is refused and writes nothing
        var evil = new java.io.ByteArrayOutputStream();
        try (var tarOut = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(evil)) {
            var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("../../escaped-by-load");
            e.setSize(1);
            tarOut.putArchiveEntry(e);
            tarOut.write('x');
            tarOut.closeArchiveEntry();
        }
        int imagesBefore = docker.listImagesCmd().withShowAll(true).exec().size();
        // as dockerd, a failed load is an error inside the 200 stream, which docker-java raises
        var refused = assertThrows(com.github.dockerjava.api.exception.DockerClientException.class, () -> docker.loadImageAsyncCmd(
                new ByteArrayInputStream(evil.toByteArray())).exec(new com.github.dockerjava.api.command.LoadImageCallback()).awaitMessage());
        assertTrue(refused.getMessage().contains("invalid path in archive"), refused.getMessage());
        assertFalse(Files.exists(berthd.dataRoot().resolve("escaped-by-load")));
        assertFalse(Files.exists(berthd.dataRoot().getParent().resolve("escaped-by-load")));
        // nor through a directory that is a link
        Path outside = Files.createDirectories(berthd.tmp().resolve("load-outside"));
        var linked = new java.io.ByteArrayOutputStream();
        try (var tarOut = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(linked)) {
            var link = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("d", org.apache.commons.compress.archivers.tar.TarConstants.LF_SYMLINK);
            link.setLinkName(outside.toString());
            tarOut.putArchiveEntry(link);
            tarOut.closeArchiveEntry();
            var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("d/escaped");
            e.setSize(1);
            tarOut.putArchiveEntry(e);
            tarOut.write('x');
            tarOut.closeArchiveEntry();
        }
        var viaLink = assertThrows(com.github.dockerjava.api.exception.DockerClientException.class, () -> docker.loadImageAsyncCmd(
                new ByteArrayInputStream(linked.toByteArray())).exec(new com.github.dockerjava.api.command.LoadImageCallback()).awaitMessage());
        assertTrue(viaLink.getMessage().contains("invalid path in archive"), viaLink.getMessage());
        assertFalse(Files.exists(outside.resolve("escaped")));
        assertEquals(imagesBefore, docker.listImagesCmd().withShowAll(true).exec().size(), "nothing was loaded");
    }

    // ------------------------------------------------------------------ run, wait, logs

    @Test
    void waitReturnsExitCodes() {
        assertEquals(0, waitExit(run(busybox("true"))));
        String three = run(shell("exit 3"));
        assertEquals(3, waitExit(three));
        InspectContainerResponse.ContainerState st = inspect(three).getState();
        assertEquals("exited", st.getStatus());
        assertEquals(3L, st.getExitCodeLong());
        assertFalse(st.getRunning());
    }

    @Test
    void logsSeparateStdoutAndStderrAndHonourTailAndTimestamps() throws Exception {
        // the pauses pin the order in the log: stdout and stderr are separate pipes, read concurrently
        String id = run(shell("echo out1; sleep 0.1; echo err1 >&2; sleep 0.1; echo out2"));
        assertEquals(0, waitExit(id));

        Frames all = logs(docker.logContainerCmd(id).withStdOut(true).withStdErr(true));
        assertEquals("out1\nout2\n", all.stdout());
        assertEquals("err1\n", all.stderr());

        Frames outOnly = logs(docker.logContainerCmd(id).withStdOut(true));
        assertEquals("out1\nout2\n", outOnly.stdout());
        assertEquals("", outOnly.stderr());
        Frames errOnly = logs(docker.logContainerCmd(id).withStdErr(true));
        assertEquals("err1\n", errOnly.stderr());
        assertEquals("", errOnly.stdout());

        Frames tail = logs(docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(1));
        assertEquals("out2\n", tail.stdout() + tail.stderr());

        Instant started = Instant.parse(inspect(id).getState().getStartedAt());
        Frames stamped = logs(docker.logContainerCmd(id).withStdOut(true).withTimestamps(true));
        assertEquals(2, stamped.frames.size(), stamped.frames.toString());
        List<String> lines = new ArrayList<>();
        for (Frame f : stamped.frames) {
            var m = TIMESTAMPED.matcher(new String(f.getPayload(), StandardCharsets.UTF_8));
            assertTrue(m.matches(), "not timestamped: " + f);
            Instant t = Instant.parse(new String(f.getPayload(), StandardCharsets.UTF_8).substring(0, 30));
            assertFalse(t.isBefore(started.minusSeconds(1)), t + " before start " + started);
            lines.add(m.group(1));
        }
        assertEquals(List.of("out1\n", "out2\n"), lines);
    }

    @Test
    void logsFollowStreamsLinesAsTheyAreWritten() throws Exception {
        String id = run(shell("for i in 1 2 3 4 5; do echo line$i; sleep 0.3; done"));
        Frames f = docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true).exec(new Frames()).done();
        assertEquals("line1\nline2\nline3\nline4\nline5\n", f.stdout());
        long spreadMs = (f.arrivals.getLast() - f.arrivals.getFirst()) / 1_000_000;
        assertTrue(spreadMs >= 700, "follow delivered all lines within " + spreadMs + " ms: not streamed");
        assertFalse(inspect(id).getState().getRunning(), "follow ends when the container exits");
    }

    // ------------------------------------------------------------------ inspect and list

    @Test
    void inspectReportsStateConfigHostConfigAndNetwork() throws Exception {
        HostConfig hc = HostConfig.newHostConfig()
                .withMemory(64L * 1024 * 1024)
                .withNanoCPUs(500_000_000L)
                .withPidsLimit(100L)
                .withRestartPolicy(RestartPolicy.onFailureRestart(5));
        String id = run(shell("sleep 300").withEnv("FOO=bar", "EMPTY=").withLabels(Map.of(LABEL, "1", "role", "inspect")).withHostConfig(hc));
        InspectContainerResponse c = inspect(id);
        assertEquals(id, c.getId());
        assertTrue(c.getName().startsWith("/"), c.getName());
        InspectContainerResponse.ContainerState st = c.getState();
        assertEquals("running", st.getStatus());
        assertTrue(st.getRunning());
        assertFalse(st.getPaused());
        assertFalse(st.getOOMKilled());
        assertTrue(st.getPidLong() > 0);
        assertEquals(0L, st.getExitCodeLong());
        Instant started = Instant.parse(st.getStartedAt());
        assertTrue(Duration.between(started, Instant.now()).abs().toSeconds() < 30, "StartedAt " + started);
        assertEquals("0001-01-01T00:00:00Z", st.getFinishedAt());

        assertTrue(Arrays.asList(c.getConfig().getEnv()).contains("FOO=bar"), Arrays.toString(c.getConfig().getEnv()));
        assertTrue(Arrays.stream(c.getConfig().getEnv()).anyMatch(e -> e.startsWith("PATH=")), "image env is merged");
        assertEquals(List.of("sh", "-c", "sleep 300"), Arrays.asList(c.getConfig().getCmd()));
        assertEquals("inspect", c.getConfig().getLabels().get("role"));
        assertEquals("busybox", c.getConfig().getImage());
        assertTrue(c.getImageId().startsWith("sha256:"));
        assertEquals("sh", c.getPath());

        HostConfig got = c.getHostConfig();
        assertEquals(64L * 1024 * 1024, got.getMemory());
        assertEquals(500_000_000L, got.getNanoCPUs());
        assertEquals(100L, got.getPidsLimit());
        assertEquals("on-failure", got.getRestartPolicy().getName());
        assertEquals(5, got.getRestartPolicy().getMaximumRetryCount());

        String ip = c.getNetworkSettings().getIpAddress();
        assertTrue(ip != null && ip.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), "IPAddress " + ip);
        ContainerNetwork bridge = c.getNetworkSettings().getNetworks().get("bridge");
        assertNotNull(bridge, "Networks.bridge");
        assertEquals(ip, bridge.getIpAddress());
        assertFalse(bridge.getGateway().isEmpty());
        assertTrue(bridge.getIpPrefixLen() > 0);

        docker.killContainerCmd(id).exec();
        assertEquals(137, waitExit(id));
        st = inspect(id).getState();
        assertEquals("exited", st.getStatus());
        assertEquals(137L, st.getExitCodeLong());
        Instant finished = Instant.parse(st.getFinishedAt());
        assertFalse(finished.isBefore(started), finished + " < " + started);
    }

    @Test
    void memoryWithoutSwapDefaultsToTwiceTheMemory() {
        String id = create(busybox("true").withHostConfig(HostConfig.newHostConfig().withMemory(32L * 1024 * 1024)));
        assertEquals(64L * 1024 * 1024, inspect(id).getHostConfig().getMemorySwap());
    }

    @Test
    void listFiltersByAllLabelNameAndStatus() throws Exception {
        String tag = UUID.randomUUID().toString();
        String name = "dj-list-" + tag.substring(0, 8);
        String running = run(shell("sleep 300").withName(name).withLabels(Map.of(LABEL, "1", "dj.list", tag)));
        String exited = run(shell("exit 2").withLabels(Map.of(LABEL, "1", "dj.list", tag)));
        waitExit(exited);
        String created = create(busybox("true").withLabels(Map.of(LABEL, "1", "dj.list", tag)));

        List<Container> live = docker.listContainersCmd().withLabelFilter(Map.of("dj.list", tag)).exec();
        assertEquals(List.of(running), live.stream().map(Container::getId).toList());
        Container c = live.getFirst();
        assertEquals(List.of("/" + name), Arrays.asList(c.getNames()));
        assertEquals("running", c.getState());
        assertTrue(c.getStatus().startsWith("Up "), c.getStatus());
        assertEquals("busybox", c.getImage());
        assertEquals("sh -c sleep 300", c.getCommand());
        assertEquals(tag, c.getLabels().get("dj.list"));

        List<String> all = docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("dj.list", tag)).exec()
                .stream().map(Container::getId).sorted().toList();
        assertEquals(new ArrayList<>(List.of(running, exited, created)).stream().sorted().toList(), all);

        assertEquals(List.of(running), docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(name)).exec()
                .stream().map(Container::getId).toList());
        List<Container> ex = docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("dj.list", tag))
                .withStatusFilter(List.of("exited")).exec();
        assertEquals(List.of(exited), ex.stream().map(Container::getId).toList());
        assertTrue(ex.getFirst().getStatus().startsWith("Exited (2) "), ex.getFirst().getStatus());
        assertEquals(List.of(created), docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("dj.list", tag))
                .withStatusFilter(List.of("created")).exec().stream().map(Container::getId).toList());
        assertEquals(List.of(exited), docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("dj.list", tag))
                .withExitedFilter(2).exec().stream().map(Container::getId).toList());
        assertEquals(2, docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("dj.list", tag))
                .withStatusFilter(List.of("exited", "created")).exec().size());
    }

    // ------------------------------------------------------------------ exec and attach

    @Test
    void execCollectsOutputAndExitCode() throws Exception {
        String id = run(shell("sleep 300"));
        String exec = docker.execCreateCmd(id).withAttachStdout(true).withAttachStderr(true)
                .withCmd("sh", "-c", "echo out; echo err >&2; exit 5").exec().getId();
        Frames f = docker.execStartCmd(exec).exec(new Frames()).done();
        assertEquals("out\n", f.stdout());
        assertEquals("err\n", f.stderr());
        var ie = docker.inspectExecCmd(exec).exec();
        assertEquals(5L, ie.getExitCodeLong());
        assertFalse(ie.isRunning());
        assertEquals(id, ie.getContainerID());

        String env = docker.execCreateCmd(id).withAttachStdout(true).withAttachStderr(true)
                .withEnv(List.of("X=42")).withWorkingDir("/tmp").withUser("nobody")
                .withCmd("sh", "-c", "echo $X $(pwd) $(id -u) $(id -g)").exec().getId();
        Frames g = docker.execStartCmd(env).exec(new Frames()).done();
        assertEquals("42 /tmp 65534 65534\n", g.stdout(), g.stderr());
        assertEquals(0L, docker.inspectExecCmd(env).exec().getExitCodeLong());

        String notRunning = run(busybox("true"));
        waitExit(notRunning);
        assertThrows(ConflictException.class, () -> docker.execCreateCmd(notRunning).withCmd("true").exec());
        assertThrows(NotFoundException.class, () -> docker.execCreateCmd("no-such-container").withCmd("true").exec());
    }

    @Test
    void attachWithStdinUsesTheHijackedConnection() throws Exception {
        String id = run(busybox("cat").withAttachStdin(true).withAttachStdout(true).withAttachStderr(true)
                .withStdinOpen(true).withStdInOnce(true));
        Frames f = docker.attachContainerCmd(id).withStdIn(new ByteArrayInputStream("hello\nworld\n".getBytes(StandardCharsets.UTF_8)))
                .withStdOut(true).withStdErr(true).withFollowStream(true).exec(new Frames());
        await("cat to echo stdin", Duration.ofSeconds(10), () -> f.stdout().equals("hello\nworld\n"));
        // docker-java never half-closes after its input ends; closing the attach is what ends stdin (StdinOnce).
        f.close();
        assertEquals(0, waitExit(id));
    }

    @Test
    void detachKeysEndTheAttachAndLeaveTheContainerRunning() throws Exception {
        String id = run(busybox("cat").withTty(true).withAttachStdin(true).withAttachStdout(true).withStdinOpen(true));
        // "hi", then ctrl-p ctrl-q (the default detach keys), then input that must never reach cat
        byte[] input = {'h', 'i', '\n', 16, 17, 'l', 'o', 's', 't', '\n'};
        Frames f = docker.attachContainerCmd(id).withStdIn(new ByteArrayInputStream(input))
                .withStdOut(true).withFollowStream(true).exec(new Frames()).done();
        assertFalse(f.text(StreamType.RAW).contains("lost"), f.text(StreamType.RAW));
        assertTrue(inspect(id).getState().getRunning(), "detaching leaves the container running");
        // what came before the keys reached cat (its echo is in the log); what came after did not
        String seen = "";
        for (int i = 0; i < 100 && !seen.contains("hi"); i++) {
            Thread.sleep(100);
            seen = logs(docker.logContainerCmd(id).withStdOut(true)).text(StreamType.RAW);
        }
        assertTrue(seen.contains("hi"), "cat saw the input before the detach keys: " + seen);
        assertFalse(logs(docker.logContainerCmd(id).withStdOut(true)).text(StreamType.RAW).contains("lost"));
    }

    @Test
    void detachKeysEndAnExecSessionAndLeaveTheProcessRunning() throws Exception {
        String id = run(shell("sleep 300"));
        // docker-java leaves the keys to the daemon; the default ctrl-p ctrl-q apply
        String exec = docker.execCreateCmd(id).withTty(true).withAttachStdin(true).withAttachStdout(true)
                .withCmd("sh", "-c", "read line; echo got:$line; sleep 60").exec().getId();
        byte[] input = {'h', 'i', '\n', 16, 17, 'l', 'o', 's', 't', '\n'};
        long t0 = System.nanoTime();
        Frames f = docker.execStartCmd(exec).withTty(true).withStdIn(new ByteArrayInputStream(input)).exec(new Frames()).done();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 20_000, "the session ended at the keys, not with the process: " + ms + " ms");
        assertTrue(docker.inspectExecCmd(exec).exec().isRunning(), "the exec's process runs on");
        assertFalse(f.text(StreamType.RAW).contains("lost"), f.text(StreamType.RAW));
        // the keys may end the session before runc has the process running (a loaded machine): it gets there
        await("the exec's process to read its line and sleep", Duration.ofSeconds(10), () -> {
            try {
                return docker.execStartCmd(docker.execCreateCmd(id).withAttachStdout(true).withCmd("ps").exec().getId())
                        .exec(new Frames()).done().stdout().contains("sleep 60");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void execWithStdinUsesTheHijackedConnection() throws Exception {
        String id = run(shell("sleep 300"));
        String exec = docker.execCreateCmd(id).withAttachStdin(true).withAttachStdout(true).withAttachStderr(true)
                .withCmd("sh", "-c", "read line; echo got:$line; echo bye >&2").exec().getId();
        Frames f = docker.execStartCmd(exec).withStdIn(new ByteArrayInputStream("hi there\n".getBytes(StandardCharsets.UTF_8)))
                .exec(new Frames()).done();
        assertEquals("got:hi there\n", f.stdout());
        assertEquals("bye\n", f.stderr());
        assertEquals(0L, docker.inspectExecCmd(exec).exec().getExitCodeLong());
        assertTrue(inspect(id).getExecIds().contains(exec));
    }

    @Test
    void detachedExecRunsInTheBackground() throws Exception {
        String id = run(shell("sleep 300"));
        String exec = docker.execCreateCmd(id).withCmd("sh", "-c", "sleep 1; touch /tmp/done").exec().getId();
        docker.execStartCmd(exec).withDetach(true).exec(new Frames()).done();
        var running = docker.inspectExecCmd(exec).exec();
        assertTrue(running.isRunning());
        assertEquals(null, running.getExitCodeLong(), "ExitCode is null while the exec runs");
        await("the detached exec to finish", Duration.ofSeconds(10), () -> !docker.inspectExecCmd(exec).exec().isRunning());
        assertEquals(0L, docker.inspectExecCmd(exec).exec().getExitCodeLong());
        String check = docker.execCreateCmd(id).withAttachStdout(true).withCmd("ls", "/tmp/done").exec().getId();
        assertEquals("/tmp/done\n", docker.execStartCmd(check).exec(new Frames()).done().stdout());
    }

    @Test
    void execInspectReportsThePid() throws Exception {
        String id = run(shell("sleep 300"));
        String exec = docker.execCreateCmd(id).withCmd("sleep", "5").exec().getId();
        docker.execStartCmd(exec).withDetach(true).exec(new Frames()).done();
        await("exec pid", Duration.ofSeconds(5), () -> docker.inspectExecCmd(exec).exec().getPidLong() > 0);
    }

    @Test
    void attachWithoutStdinStreamsOutputUntilExit() throws Exception {
        String id = run(shell("echo early; sleep 1; echo late; echo oops >&2; sleep 0.2; exit 9"));
        Thread.sleep(300);
        // no stdin: docker-java sends no Upgrade header and reads a plain 200 stream to EOF
        Frames f = docker.attachContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true)
                .exec(new Frames()).done();
        assertEquals("late\n", f.stdout(), "only what is written after the attach");
        assertEquals("oops\n", f.stderr());
        assertEquals(9, waitExit(id));
    }

    @Test
    void attachWithLogsReplaysHistory() throws Exception {
        String id = run(shell("echo early; sleep 1; echo late; exit 0"));
        Thread.sleep(300);
        Frames f = docker.attachContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true).withLogs(true)
                .exec(new Frames()).done();
        assertEquals("early\nlate\n", f.stdout());
    }

    @Test
    void ttyContainerLogsAreRaw() throws Exception {
        String id = run(shell("echo hi; echo err >&2").withTty(true));
        assertEquals(0, waitExit(id));
        Frames f = logs(docker.logContainerCmd(id).withStdOut(true).withStdErr(true));
        assertFalse(f.frames.isEmpty());
        assertTrue(f.frames.stream().allMatch(x -> x.getStreamType() == StreamType.RAW), f.frames.toString());
        assertEquals("hi\r\nerr\r\n", f.text(StreamType.RAW));
        assertTrue(inspect(id).getConfig().getTty());
    }

    @Test
    void configFieldsTopAndExposedPorts() throws Exception {
        String id = run(docker.createContainerCmd("busybox").withLabels(Map.of(LABEL, "1"))
                .withEntrypoint("sh", "-c").withCmd("exec sleep 300").withWorkingDir("/tmp").withUser("1:2")
                .withHostName("djhost").withExposedPorts(ExposedPort.tcp(8080)).withStopSignal("SIGUSR1").withStopTimeout(3));
        InspectContainerResponse c = inspect(id);
        assertEquals(List.of("sh", "-c"), Arrays.asList(c.getConfig().getEntrypoint()));
        assertEquals(List.of("exec sleep 300"), Arrays.asList(c.getConfig().getCmd()));
        assertEquals("/tmp", c.getConfig().getWorkingDir());
        assertEquals("1:2", c.getConfig().getUser());
        assertEquals("djhost", c.getConfig().getHostName());
        // docker-java's ContainerConfig has no StopSignal/StopTimeout getters: read the raw document
        String raw = berthd.http("GET", "/containers/" + id + "/json", null).body();
        assertTrue(raw.contains("\"StopSignal\":\"SIGUSR1\"") && raw.contains("\"StopTimeout\":3"), raw);
        assertEquals(List.of(ExposedPort.tcp(8080)), Arrays.asList(c.getConfig().getExposedPorts()));
        // exposed but not published: the key is there with a null binding list
        assertTrue(c.getNetworkSettings().getPorts().getBindings().containsKey(ExposedPort.tcp(8080)), c.getNetworkSettings().getPorts().toString());
        Container listed = docker.listContainersCmd().withIdFilter(List.of(id)).exec().getFirst();
        assertEquals(1, listed.getPorts().length);
        assertEquals(8080, listed.getPorts()[0].getPrivatePort());
        assertEquals("tcp", listed.getPorts()[0].getType());

        var top = docker.topContainerCmd(id).exec();
        assertTrue(Arrays.asList(top.getTitles()).contains("PID"), Arrays.toString(top.getTitles()));
        assertEquals(1, top.getProcesses().length, Arrays.deepToString(top.getProcesses()));
        assertTrue(String.join(" ", top.getProcesses()[0]).contains("sleep 300"), Arrays.deepToString(top.getProcesses()));
    }

    @Test
    void autoRemoveDeletesTheContainerAfterExit() throws Exception {
        String id = run(shell("exit 0").withHostConfig(HostConfig.newHostConfig().withAutoRemove(true)));
        await("auto-removal", Duration.ofSeconds(10), () -> {
            try {
                inspect(id);
                return false;
            } catch (NotFoundException gone) {
                return true;
            }
        });
    }

    @Test
    void badRequestsAndMissingObjects() {
        String id = run(shell("sleep 300"));
        BadRequestException badSignal = assertThrows(BadRequestException.class, () -> docker.killContainerCmd(id).withSignal("BOGUS").exec());
        assertEquals("Invalid signal: BOGUS", message(badSignal));
        assertThrows(NotFoundException.class, () -> docker.logContainerCmd("no-such-container").withStdOut(true).exec(new Frames()).awaitCompletion());
        assertThrows(NotFoundException.class, () -> docker.waitContainerCmd("no-such-container").exec(new WaitContainerResultCallback()).awaitStatusCode());
        assertThrows(NotFoundException.class, () -> docker.inspectExecCmd("0".repeat(64)).exec());
        assertThrows(NotFoundException.class, () -> docker.killContainerCmd("no-such-container").exec());
        assertThrows(NotFoundException.class, () -> docker.stopContainerCmd("no-such-container").exec());
    }

    @Test
    void restartStartsAStoppedContainerAndStopHonoursATermHandler() throws Exception {
        String id = run(shell("trap 'exit 11' TERM; while true; do sleep 0.1; done"));
        Thread.sleep(300);
        long t0 = System.nanoTime();
        docker.stopContainerCmd(id).withTimeout(10).exec();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 3000, "a TERM handler should end stop early, took " + ms + " ms");
        assertEquals(11L, inspect(id).getState().getExitCodeLong());
        docker.restartContainerCmd(id).exec();
        assertTrue(inspect(id).getState().getRunning());
    }

    @Test
    void healthcheckReportsHealthy() throws Exception {
        String id = run(shell("sleep 300").withHealthcheck(new HealthCheck().withTest(List.of("CMD-SHELL", "true"))
                .withInterval(200_000_000L).withTimeout(1_000_000_000L).withRetries(3)));
        await("healthy", Duration.ofSeconds(10), () -> {
            var h = inspect(id).getState().getHealth();
            return h != null && "healthy".equals(h.getStatus());
        });
    }

    // ------------------------------------------------------------------ lifecycle

    @Test
    void stopWithTimeoutKillsAfterTheGracePeriod() {
        String id = run(shell("exec sleep 300"));
        long t0 = System.nanoTime();
        docker.stopContainerCmd(id).withTimeout(1).exec();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 900 && ms < 5000, "stop -t 1 of a TERM-ignoring pid 1 took " + ms + " ms");
        InspectContainerResponse.ContainerState st = inspect(id).getState();
        assertEquals("exited", st.getStatus());
        assertEquals(137L, st.getExitCodeLong());
        assertFalse(st.getOOMKilled(), "SIGKILL from stop is not an OOM kill");
        // Docker answers 304 to stopping a stopped container; docker-java turns that into NotModifiedException
        assertThrows(NotModifiedException.class, () -> docker.stopContainerCmd(id).withTimeout(1).exec());
        docker.startContainerCmd(id).exec();
        assertThrows(NotModifiedException.class, () -> docker.startContainerCmd(id).exec());
    }

    @Test
    void killWithSignalRestartPauseRename() throws Exception {
        String id = run(shell("trap 'exit 42' USR1; while true; do sleep 0.1; done"));
        Thread.sleep(300); // let sh install its trap
        docker.killContainerCmd(id).withSignal("USR1").exec();
        assertEquals(42, waitExit(id));
        assertThrows(ConflictException.class, () -> docker.killContainerCmd(id).exec(), "kill of a stopped container");

        String r = run(shell("sleep 300"));
        InspectContainerResponse before = inspect(r);
        Thread.sleep(20);
        docker.restartContainerCmd(r).withTimeout(1).exec();
        InspectContainerResponse after = inspect(r);
        assertTrue(after.getState().getRunning());
        assertNotEquals(before.getState().getPidLong(), after.getState().getPidLong());
        assertTrue(Instant.parse(after.getState().getStartedAt()).isAfter(Instant.parse(before.getState().getStartedAt())));

        docker.pauseContainerCmd(r).exec();
        InspectContainerResponse.ContainerState paused = inspect(r).getState();
        assertTrue(paused.getPaused());
        assertEquals("paused", paused.getStatus());
        assertThrows(ConflictException.class, () -> docker.pauseContainerCmd(r).exec(), "pause twice");
        docker.unpauseContainerCmd(r).exec();
        InspectContainerResponse.ContainerState unpaused = inspect(r).getState();
        assertFalse(unpaused.getPaused());
        assertTrue(unpaused.getRunning());

        String newName = "dj-renamed-" + UUID.randomUUID().toString().substring(0, 8);
        docker.renameContainerCmd(r).withName(newName).exec();
        assertEquals("/" + newName, inspect(r).getName());
        assertEquals(r, inspect(newName).getId());
    }

    @Test
    void removeConflictsAndNotFound() {
        String id = run(shell("sleep 300"));
        ConflictException running = assertThrows(ConflictException.class, () -> docker.removeContainerCmd(id).exec());
        assertTrue(message(running).startsWith("You cannot remove a running container " + id), running.getMessage());
        docker.removeContainerCmd(id).withForce(true).exec();
        assertThrows(NotFoundException.class, () -> inspect(id));

        String name = "dj-conflict-" + UUID.randomUUID().toString().substring(0, 8);
        String first = create(busybox("true").withName(name));
        ConflictException dup = assertThrows(ConflictException.class, () -> create(busybox("true").withName(name)));
        assertEquals("Conflict. The container name \"/" + name + "\" is already in use by container \"" + first
                + "\". You have to remove (or rename) that container to be able to reuse that name.", message(dup));

        NotFoundException noImage = assertThrows(NotFoundException.class,
                () -> create(docker.createContainerCmd("no-such-image:1").withCmd("true")));
        assertEquals("No such image: no-such-image:1", message(noImage));
        NotFoundException noContainer = assertThrows(NotFoundException.class, () -> inspect("no-such-container"));
        assertEquals("No such container: no-such-container", message(noContainer));
        assertThrows(NotFoundException.class, () -> docker.startContainerCmd("no-such-container").exec());
        assertThrows(NotFoundException.class, () -> docker.removeContainerCmd("no-such-container").exec());

        // a command that does not exist is the request's fault (400, as dockerd), and the container exits 127
        String missing = create(busybox("/no/such/command"));
        BadRequestException noCommand = assertThrows(BadRequestException.class, () -> docker.startContainerCmd(missing).exec());
        assertTrue(message(noCommand).contains("no such file or directory"), message(noCommand));
        assertEquals(127L, inspect(missing).getState().getExitCodeLong());
    }

    // ------------------------------------------------------------------ restart policies

    @Test
    void onFailureRestartsTwiceThenStaysExited() throws Exception {
        String id = run(shell("exit 1").withHostConfig(HostConfig.newHostConfig().withRestartPolicy(RestartPolicy.onFailureRestart(2))));
        await("two restarts and a final exit", Duration.ofSeconds(20), () -> {
            InspectContainerResponse c = inspect(id);
            return c.getRestartCount() == 2 && "exited".equals(c.getState().getStatus());
        });
        Thread.sleep(1500);
        InspectContainerResponse c = inspect(id);
        assertEquals(2, c.getRestartCount());
        assertEquals("exited", c.getState().getStatus());
        assertEquals(1L, c.getState().getExitCodeLong());
    }

    @Test
    void alwaysRestartsAfterACleanExit() throws Exception {
        String id = run(shell("sleep 0.3; exit 0").withHostConfig(HostConfig.newHostConfig().withRestartPolicy(RestartPolicy.alwaysRestart())));
        await("a restart after exit 0", Duration.ofSeconds(20), () -> inspect(id).getRestartCount() >= 1);
        await("running again", Duration.ofSeconds(10), () -> {
            InspectContainerResponse.ContainerState st = inspect(id).getState();
            return st.getRunning() || "restarting".equals(st.getStatus());
        });
    }

    // ------------------------------------------------------------------ resource limits

    @Test
    void pidsLimitStopsAForkBomb() throws Exception {
        // busybox ash gives up (exit 2) at the first failed fork, so the bomb runs in a subshell and
        // pid 1 survives to count what is left; counting uses only builtins (no fork needed)
        String id = run(shell("(for i in $(seq 1 100); do sleep 30 & done) 2>/tmp/err; rc=$?; "
                + "n=0; for p in /proc/[0-9]*; do n=$((n+1)); done; "
                + "read -r err </tmp/err; echo \"procs=$n rc=$rc err=$err\"")
                .withHostConfig(HostConfig.newHostConfig().withPidsLimit(20L)));
        assertEquals(0, waitExit(id));
        String out = logs(docker.logContainerCmd(id).withStdOut(true).withStdErr(true)).stdout();
        var m = Pattern.compile("procs=(\\d+) rc=(\\d+) err=(.*)").matcher(out);
        assertTrue(m.find(), out);
        int procs = Integer.parseInt(m.group(1));
        assertTrue(procs > 1 && procs <= 20, "pids limit 20 let " + procs + " processes run: " + out);
        assertEquals("2", m.group(2), "the fork loop should have died on a failed fork: " + out);
        assertTrue(m.group(3).contains("can't fork"), out);
        assertEquals(20L, inspect(id).getHostConfig().getPidsLimit());
    }

    @Test
    void memoryLimitOomKills() throws Exception {
        long limit = 16L * 1024 * 1024;
        String tag = UUID.randomUUID().toString();
        List<Event> seen = Collections.synchronizedList(new ArrayList<>());
        ResultCallback.Adapter<Event> cb = docker.eventsCmd().withSince(Long.toString(Instant.now().getEpochSecond() - 1))
                .withLabelFilter(Map.of("dj.oom", tag)).exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event e) {
                        seen.add(e);
                    }
                });
        String id = run(shell("x=a; while true; do x=$x$x$x$x; done").withLabels(Map.of(LABEL, "1", "dj.oom", tag))
                .withHostConfig(HostConfig.newHostConfig().withMemory(limit).withMemorySwap(limit)));
        assertEquals(137, waitExit(id));
        try {
            await("oom and die events", Duration.ofSeconds(10), () -> seen.stream().anyMatch(e -> "die".equals(e.getAction())));
        } finally {
            cb.close();
        }
        assertEquals(List.of("oom", "die"), seen.stream().map(Event::getAction).filter(a -> a.equals("oom") || a.equals("die")).toList());
        InspectContainerResponse c = inspect(id);
        assertEquals(137L, c.getState().getExitCodeLong());
        assertTrue(c.getState().getOOMKilled(), "State.OOMKilled");
        assertEquals(limit, c.getHostConfig().getMemory());
        assertEquals(limit, c.getHostConfig().getMemorySwap());
    }

    // ------------------------------------------------------------------ daemon crash

    @Test
    void containersSurviveADaemonCrash() throws Exception {
        String ticker = run(shell("i=0; while true; do echo tick$i; i=$((i+1)); sleep 0.2; done"));
        String quitter = run(shell("sleep 2; exit 7"));
        Thread.sleep(500);
        int pidBefore = inspect(ticker).getState().getPid();

        berthd.kill9();
        Thread.sleep(2500); // the quitter exits while no daemon is watching
        berthd.launch();
        docker.close();
        docker = client(null);

        InspectContainerResponse t = inspect(ticker);
        assertTrue(t.getState().getRunning(), "still running after the crash");
        assertEquals(pidBefore, t.getState().getPid());
        assertTrue(docker.listContainersCmd().exec().stream().anyMatch(c -> c.getId().equals(ticker)));

        InspectContainerResponse q = inspect(quitter);
        assertEquals("exited", q.getState().getStatus());
        assertEquals(7L, q.getState().getExitCodeLong());
        assertEquals(7, waitExit(quitter));

        int since = (int) Instant.now().getEpochSecond();
        Frames follow = docker.logContainerCmd(ticker).withStdOut(true).withFollowStream(true).withSince(since).exec(new Frames());
        await("new log lines after the relaunch", Duration.ofSeconds(10), () -> follow.frames.size() >= 3);
        follow.close();

        String exec = docker.execCreateCmd(ticker).withAttachStdout(true).withCmd("echo", "alive").exec().getId();
        assertEquals("alive\n", docker.execStartCmd(exec).exec(new Frames()).done().stdout());
        assertEquals(0L, docker.inspectExecCmd(exec).exec().getExitCodeLong());

        docker.stopContainerCmd(ticker).withTimeout(1).exec();
        InspectContainerResponse.ContainerState st = inspect(ticker).getState();
        assertFalse(st.getRunning());
        assertEquals("exited", st.getStatus());
    }

    // ------------------------------------------------------------------ events

    @Test
    void eventsSeeCreateStartDie() throws Exception {
        String tag = UUID.randomUUID().toString();
        List<Event> seen = Collections.synchronizedList(new ArrayList<>());
        ResultCallback.Adapter<Event> cb = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event e) {
                seen.add(e);
            }
        };
        docker.eventsCmd().withSince(Long.toString(Instant.now().getEpochSecond() - 1)).withLabelFilter(Map.of("dj.events", tag)).exec(cb);
        String id = run(shell("exit 6").withLabels(Map.of(LABEL, "1", "dj.events", tag)).withName("dj-events-" + tag.substring(0, 8)));
        assertEquals(6, waitExit(id));
        String killed = run(shell("sleep 300").withLabels(Map.of(LABEL, "1", "dj.events", tag)));
        docker.killContainerCmd(killed).withSignal("KILL").exec();
        waitExit(killed);
        docker.removeContainerCmd(killed).exec();
        try {
            await("die, kill and destroy events", Duration.ofSeconds(10), () -> seen.stream().anyMatch(e -> "die".equals(e.getAction()))
                    && seen.stream().anyMatch(e -> "destroy".equals(e.getAction())));
        } finally {
            cb.close();
        }
        Event kill = seen.stream().filter(e -> "kill".equals(e.getAction())).findFirst().orElseThrow(() -> new AssertionError(seen.toString()));
        assertEquals(killed, kill.getActor().getId());
        assertEquals("9", kill.getActor().getAttributes().get("signal"));
        assertEquals(List.of("create", "start", "kill", "die", "destroy"), seen.stream().filter(e -> killed.equals(e.getId()))
                .map(Event::getAction).filter(a -> List.of("create", "start", "kill", "die", "destroy").contains(a)).toList());
        List<String> actions = seen.stream().filter(e -> id.equals(e.getActor().getId())).map(Event::getAction).toList();
        assertEquals(List.of("create", "start", "die"), actions.stream().filter(a -> List.of("create", "start", "die").contains(a)).toList(), actions.toString());
        Event die = seen.stream().filter(e -> "die".equals(e.getAction())).findFirst().orElseThrow();
        assertEquals(EventType.CONTAINER, die.getType());
        assertEquals("die", die.getStatus());
        assertEquals(id, die.getId());
        assertEquals("busybox", die.getFrom());
        assertEquals("6", die.getActor().getAttributes().get("exitCode"));
        assertEquals("dj-events-" + tag.substring(0, 8), die.getActor().getAttributes().get("name"));
        assertEquals(tag, die.getActor().getAttributes().get("dj.events"));
        assertTrue(die.getTimeNano() / 1_000_000_000L == die.getTime());

        // with until the stream replays the past and then ends by itself
        List<Event> past = Collections.synchronizedList(new ArrayList<>());
        ResultCallback.Adapter<Event> replay = docker.eventsCmd().withSince(Long.toString(die.getTime() - 1))
                .withUntil(Long.toString(Instant.now().getEpochSecond() + 1)).withLabelFilter(Map.of("dj.events", tag))
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event e) {
                        past.add(e);
                    }
                });
        assertTrue(replay.awaitCompletion(10, TimeUnit.SECONDS), "events with until did not end");
        assertTrue(past.stream().anyMatch(e -> "die".equals(e.getAction()) && id.equals(e.getId())), past.toString());

        List<Event> filtered = Collections.synchronizedList(new ArrayList<>());
        assertTrue(docker.eventsCmd().withSince(Long.toString(die.getTime() - 5)).withUntil(Long.toString(Instant.now().getEpochSecond() + 1))
                .withEventTypeFilter(EventType.CONTAINER).withContainerFilter(id).withEventFilter("die")
                .exec(new ResultCallback.Adapter<Event>() {
                    @Override
                    public void onNext(Event e) {
                        filtered.add(e);
                    }
                }).awaitCompletion(10, TimeUnit.SECONDS));
        assertEquals(List.of("die"), filtered.stream().map(Event::getAction).toList());
        assertEquals(id, filtered.getFirst().getId());
    }
}
