package dev.berth.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What real clients tripped over (issue 10), each through the client that showed it: the server
 * version clients check, dockerd's answers for swarm endpoints and an empty build cache, a failed
 * load reported inside the stream, exec framing chosen by the start body, and detach keys from
 * flags and config.json with the docker CLI and the berth CLI.
 */
@Tag("root")
class ClientCompatEndToEndTest {
    private static final String NOT_A_MANAGER = "This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\""
            + " to connect this node to swarm and try again.";
    private static Berthd berthd;
    private static DockerClient docker;

    @BeforeAll
    static void startDaemon() throws Exception {
        Assumptions.assumeTrue(Berthd.isRoot(), "needs root: skipping client compatibility end-to-end tests");
        berthd = Berthd.start();
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(berthd.dockerHost()).build();
        docker = DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(5)).responseTimeout(Duration.ofSeconds(60)).build());
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (docker != null) docker.close();
        if (berthd != null) berthd.close();
    }

    private static Berthd.Result docker(String... args) throws Exception {
        return berthd.docker(args);
    }

    private static String berth() {
        return Berthd.repoRoot().resolve("bin/berth").toString();
    }

    /**
     * Runs {@code commandLine} under a pseudo-terminal (util-linux script) and types {@code keystrokes}
     * (printf formats) one by one, 1.5 s apart, the first after 4 s (a JVM client's start-up). The
     * output ends with {@code EXIT=<status>}.
     */
    private static Berthd.Result typed(String env, String commandLine, String... keystrokes) throws Exception {
        StringBuilder feed = new StringBuilder("sleep 4");
        for (String k : keystrokes) feed.append("; printf '").append(k).append("'; sleep 1.5");
        String script = "(" + feed + ") | " + env + " script -eqc \"" + commandLine.replace("\"", "\\\"").replace("$", "\\$") + "; echo EXIT=\\$?\" /dev/null";
        return berthd.run("sh", "-c", script);
    }

    private static Path dockerConfig(String name, String json) throws Exception {
        Path dir = Files.createDirectories(berthd.tmp().resolve(name));
        Files.writeString(dir.resolve("config.json"), json);
        return dir;
    }

    // ------------------------------------------------------------------ version

    @Test
    void theServerVersionIsADockerReleaseAndBerthsOwnStaysVisible() throws Exception {
        Version v = docker.versionCmd().exec();
        assertEquals("25.0.0", v.getVersion());
        assertTrue(v.getComponents().stream().anyMatch(c -> c.getName().equals("berth") && c.getVersion().equals("0.1.0")),
                v.getComponents().toString());
        assertEquals("25.0.0", docker.infoCmd().exec().getServerVersion());
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        assertEquals("25.0.0 1.44\n", docker("version", "--format", "{{.Server.Version}} {{.Server.APIVersion}}").out());
        var table = docker("version");
        assertTrue(table.out().contains(" berth:\n  Version:          0.1.0\n"), table.out());
        assertEquals("25.0.0 [\"dev.berth.version=0.1.0\"]\n", docker("info", "--format", "{{.ServerVersion}} {{json .Labels}}").out());
        var berthInfo = berthd.run(berth(), "info");
        assertTrue(berthInfo.out().contains(" Server Version: 25.0.0\n") && berthInfo.out().contains("  dev.berth.version=0.1.0\n"), berthInfo.out());
        // docker-compose (docker-py 5) takes ApiVersion from /version and ignores Version: a project lists
        Path project = Files.createDirectories(berthd.tmp().resolve("compat-compose"));
        Files.writeString(project.resolve("docker-compose.yml"), "version: \"3\"\nservices:\n  a:\n    image: busybox\n");
        if (Files.isExecutable(Path.of("/usr/bin/docker-compose"))) {
            var ps = berthd.run("docker-compose", "-f", project.resolve("docker-compose.yml").toString(), "-p", "compat", "ps");
            assertEquals(0, ps.code(), ps.err());
        }
    }

    // ------------------------------------------------------------------ swarm

    @Test
    void swarmEndpointsAnswerAsDockerdOnANodeInNoSwarm() throws Exception {
        for (Executable call : List.<Executable>of(() -> docker.inspectSwarmCmd().exec(), () -> docker.listServicesCmd().exec(),
                () -> docker.listSwarmNodesCmd().exec(), () -> docker.listTasksCmd().exec(), () -> docker.listSecretsCmd().exec(),
                () -> docker.listConfigsCmd().exec(), () -> docker.removeServiceCmd("web").exec())) {
            DockerException e = assertThrows(DockerException.class, call);
            assertEquals(503, e.getHttpStatus(), e.getMessage());
            assertTrue(e.getMessage().contains("This node is not a swarm manager. Use"), e.getMessage());
        }
        DockerException leave = assertThrows(DockerException.class, () -> docker.leaveSwarmCmd().exec());
        assertEquals(503, leave.getHttpStatus());
        assertTrue(leave.getMessage().contains("This node is not part of a swarm"), leave.getMessage());
        var old = berthd.http("GET", "/v1.24/secrets", null);
        assertTrue(old.status().startsWith("HTTP/1.1 400"), old.status());
        assertTrue(old.body().contains("GET /secrets requires minimum API version 1.25"), old.body());
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        for (String[] cmd : List.of(new String[]{"service", "ls"}, new String[]{"node", "ls"}, new String[]{"secret", "ls"},
                new String[]{"config", "ls"}, new String[]{"service", "inspect", "web"})) {
            var r = docker(cmd);
            assertEquals(1, r.code(), String.join(" ", cmd));
            assertEquals("Error response from daemon: " + NOT_A_MANAGER + "\n", r.err(), String.join(" ", cmd));
        }
        assertEquals("Error response from daemon: This node is not part of a swarm\n", docker("swarm", "leave").err());
    }

    // ------------------------------------------------------------------ build cache, load

    @Test
    void buildCachePruneFindsNothingAndSystemPruneReports() throws Exception {
        var prune = berthd.http("POST", "/build/prune?all=1&keep-storage=0", "");
        assertEquals("HTTP/1.1 200 OK", prune.status(), prune.body());
        assertEquals("{\"CachesDeleted\":null,\"SpaceReclaimed\":0}\n", prune.body());
        var badFilter = berthd.http("POST", "/build/prune?filters=%7B%22bogus%22%3A%5B%221%22%5D%7D", "");
        assertTrue(badFilter.status().startsWith("HTTP/1.1 400") && badFilter.body().contains("invalid filter 'bogus'"), badFilter.body());
        var badSize = berthd.http("POST", "/build/prune?keep-storage=lots", "");
        assertTrue(badSize.body().contains("keep-storage is in bytes and expects an integer, got lots"), badSize.body());
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        var system = docker("system", "prune", "-f");
        assertEquals(0, system.code(), system.err());
        assertTrue(system.out().contains("Total reclaimed space: 0B"), system.out());
        var builder = docker("builder", "prune", "-f");
        assertEquals(0, builder.code(), builder.err());
        assertEquals("Total reclaimed space: 0B\n", builder.out());
    }

    @Test
    void aFailedLoadIsAnErrorInsideTheStream() throws Exception {
        var reply = berthd.http("POST", "/images/load", "not an archive".getBytes(StandardCharsets.UTF_8), "application/x-tar");
        assertEquals("HTTP/1.1 200 OK", reply.status(), reply.body());
        assertTrue(reply.body().contains("{\"errorDetail\":{\"message\":\"invalid archive: "), reply.body());
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        String before = docker("images", "-q").out();
        Path garbage = berthd.tmp().resolve("garbage.tar");
        Files.writeString(garbage, "garbage\n");
        var load = docker("load", "-i", garbage.toString());
        assertEquals(1, load.code(), load.out());
        assertTrue(load.err().contains("invalid archive: unexpected EOF"), load.err());
        assertEquals(before, docker("images", "-q").out(), "nothing was loaded");
    }

    // ------------------------------------------------------------------ exec framing

    /** docker-java frames of one exec start. */
    private static final class Frames extends ResultCallback.Adapter<Frame> {
        final List<Frame> frames = new CopyOnWriteArrayList<>();

        @Override
        public void onNext(Frame f) {
            frames.add(f);
        }

        Frames done() throws InterruptedException {
            assertTrue(awaitCompletion(30, TimeUnit.SECONDS), "stream did not complete");
            return this;
        }
    }

    @Test
    void theStartBodysTtyDecidesTheExecFraming() throws Exception {
        String id = docker.createContainerCmd("busybox").withCmd("sleep", "300").exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            // created with a TTY, started without: multiplexed frames (the pty's output is stdout)
            String ttyExec = docker.execCreateCmd(id).withTty(true).withAttachStdout(true).withCmd("echo", "framed").exec().getId();
            var framed = berthd.http("POST", "/exec/" + ttyExec + "/start", "{\"Tty\":false}");
            assertTrue(framed.body().startsWith("\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0008framed\r\n"), framed.body());
            // created without, started with: raw bytes, stdout only (as dockerd, a raw stream carries no stderr)
            String plainExec = docker.execCreateCmd(id).withAttachStdout(true).withAttachStderr(true)
                    .withCmd("sh", "-c", "echo out; echo err >&2").exec().getId();
            assertEquals("out\n", berthd.http("POST", "/exec/" + plainExec + "/start", "{\"Tty\":true}").body());
            // docker-java reads what it is sent either way
            String viaJava = docker.execCreateCmd(id).withTty(true).withAttachStdout(true).withCmd("echo", "java").exec().getId();
            Frames f = docker.execStartCmd(viaJava).withTty(false).exec(new Frames()).done();
            assertEquals(List.of(StreamType.STDOUT), f.frames.stream().map(Frame::getStreamType).distinct().toList());
            assertEquals("java\r\n", new String(f.frames.getFirst().getPayload(), StandardCharsets.UTF_8));
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }

    // ------------------------------------------------------------------ detach keys

    @Test
    void badDetachKeysAreRefusedInDockerdsWords() throws Exception {
        String id = docker.createContainerCmd("busybox").withCmd("sleep", "300").withTty(true).withStdinOpen(true).exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            var attach = berthd.http("POST", "/containers/" + id + "/attach?stream=1&stdin=1&detachKeys=ctrl-P", "");
            assertTrue(attach.status().startsWith("HTTP/1.1 400") && attach.body().contains("Invalid detach keys (ctrl-P) provided"), attach.body());
            var exec = berthd.http("POST", "/containers/" + id + "/exec", "{\"Cmd\":[\"true\"],\"DetachKeys\":\"ctrl-p, ctrl-q\"}");
            assertTrue(exec.body().contains("Invalid escape keys (ctrl-p, ctrl-q) provided"), exec.body());
            var cli = berthd.run(berth(), "exec", "--detach-keys", "ctrl-x,bogus", id, "true");
            assertEquals(1, cli.code());
            assertEquals("invalid detach keys (ctrl-x,bogus): Unknown character: 'bogus'\n", cli.err());
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }

    @Test
    void dockerCliDetachesWithItsFlagAndItsConfigFile() throws Exception {
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        // run -it, then the default keys: the CLI closes without sending them, and the container's
        // stdin must stay open for the next attach
        var run = typed("", "docker run -it --name dk-docker busybox sh", "echo first-$((1+2))\\n", "\\020\\021");
        try {
            assertTrue(run.out().contains("first-3") && run.out().contains("EXIT=0"), run.out());
            var attach = typed("", "docker attach --detach-keys ctrl-x,x dk-docker", "echo hi-$((6*7))\\n", "\\030x", "echo lost-$((1+1))\\n");
            assertTrue(attach.out().contains("hi-42") && attach.out().contains("read escape sequence"), attach.out());
            assertTrue(attach.out().contains("EXIT=1"), attach.out());
            Path config = dockerConfig("docker-config", "{\"detachKeys\":\"ctrl-x,y\"}");
            var exec = typed("DOCKER_CONFIG=" + config, "docker exec -it dk-docker sh -c 'read a; echo got:$a; read b; echo b > /tmp/b; sleep 100'",
                    "first\\n", "\\030y", "second\\n");
            assertTrue(exec.out().contains("got:first") && exec.out().contains("EXIT=1"), exec.out());
            assertEquals("true\n", docker("inspect", "-f", "{{.State.Running}}", "dk-docker").out(), "detaching leaves it running");
            assertFalse(docker("logs", "dk-docker").out().contains("lost-2"), "nothing typed after the keys reached the container");
            var ps = docker("exec", "dk-docker", "ps");
            assertTrue(ps.out().contains("sleep 100") || ps.out().contains("read b"), "the exec runs on: " + ps.out());
            assertEquals(1, docker("exec", "dk-docker", "cat", "/tmp/b").code(), "the input after the keys never arrived");
        } finally {
            docker("rm", "-f", "dk-docker");
        }
    }

    @Test
    void berthCliDetachesWithItsFlagAndTheDockerConfigFile() throws Exception {
        Path config = dockerConfig("berth-config", "{\"detachKeys\":\"ctrl-x,y\"}");
        String env = "DOCKER_CONFIG=" + config;
        var run = typed(env, berth() + " run -it --name dk-berth busybox sh", "echo hi-$((6*7))\\n", "\\030y", "echo lost-$((1+1))\\n");
        try {
            assertTrue(run.out().contains("hi-42") && run.out().contains("EXIT=0"), "run -it detaches silently: " + run.out());
            assertFalse(run.out().contains("lost-2"), run.out());
            assertEquals("true\n", berthd.run(berth(), "inspect", "-f", "{{.State.Running}}", "dk-berth").out());
            var attach = typed(env, berth() + " attach --detach-keys ctrl-x,x dk-berth", "echo again-$((2*3))\\n", "\\030x");
            assertTrue(attach.out().contains("again-6") && attach.out().contains("read escape sequence") && attach.out().contains("EXIT=1"),
                    attach.out());
            var exec = typed(env, berth() + " exec -it dk-berth sh -c 'read a; echo got:$a; read b; echo b > /tmp/b; sleep 100'",
                    "first\\n", "\\030y", "second\\n");
            assertTrue(exec.out().contains("got:first") && exec.out().contains("read escape sequence"), exec.out());
            assertEquals("true\n", berthd.run(berth(), "inspect", "-f", "{{.State.Running}}", "dk-berth").out());
            assertEquals(1, berthd.run(berth(), "exec", "dk-berth", "cat", "/tmp/b").code(), "the input after the keys never arrived");
        } finally {
            berthd.run(berth(), "rm", "-f", "dk-berth");
        }
    }
}
