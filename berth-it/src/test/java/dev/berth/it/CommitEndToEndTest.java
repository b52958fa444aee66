package dev.berth.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code docker commit} against berthd with the docker CLI, docker-java and the berth CLI: the
 * container's changes (added files, deletions, an opaque directory) in a new layer, -c/-m/-a/-p,
 * history and inspect, a running container paused and resumed, a volume's contents left out,
 * and save/load of the committed image keeping its id.
 */
@Tag("root")
class CommitEndToEndTest {
    private static Berthd berthd;
    private static DockerClient client;
    private final List<String> containers = new ArrayList<>();
    private final List<String> images = new ArrayList<>();

    @BeforeAll
    static void startDaemon() throws Exception {
        Assumptions.assumeTrue(Berthd.isRoot(), "needs root: skipping berthd end-to-end tests");
        berthd = Berthd.start();
        client = berthd.dockerJava();
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (client != null) client.close();
        if (berthd != null) berthd.close();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String c : containers) berthd.docker("rm", "-f", "-v", c);
        for (String i : images) berthd.docker("rmi", "-f", i);
        berthd.docker("volume", "rm", "-f", "cm-vol");
    }

    private static String out(String... args) throws Exception {
        return berthd.dockerOut(args);
    }

    private String container(String... runArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(List.of(runArgs));
        String id = out(args.toArray(String[]::new)).lines().reduce((a, b) -> b).orElse("");
        return id;
    }

    @Test
    void changesDeletionsAndOpaqueDirectoriesWithChangeMessageAndAuthor() throws Exception {
        containers.add("cm-one");
        out("run", "--name", "cm-one", "busybox", "sh", "-c", "echo hello > /f; rm /etc/shadow; mkdir /d; echo old > /d/old");
        images.add("cm-test:v1");
        String id = out("commit", "-c", "CMD [\"cat\",\"/f\"]", "-m", "msg", "-a", "me", "cm-one", "cm-test:v1");
        assertTrue(id.matches("sha256:[0-9a-f]{64}"), id);
        assertEquals(id, out("inspect", "-f", "{{.Id}}", "cm-test:v1"));
        assertEquals("hello", out("run", "--rm", "cm-test:v1"));
        assertEquals("old", out("run", "--rm", "cm-test:v1", "sh", "-c", "test ! -e /etc/shadow && cat /d/old"));
        assertEquals("me|msg|[\"cat\",\"/f\"]", out("inspect", "-f", "{{.Author}}|{{.Comment}}|{{json .Config.Cmd}}", "cm-test:v1"));
        assertEquals(out("image", "inspect", "-f", "{{.Id}}", "busybox"), out("image", "inspect", "-f", "{{.Parent}}", "cm-test:v1"));
        int baseLayers = Integer.parseInt(out("inspect", "-f", "{{len .RootFS.Layers}}", "busybox"));
        assertEquals(baseLayers + 1, Integer.parseInt(out("inspect", "-f", "{{len .RootFS.Layers}}", "cm-test:v1")));
        String top = out("history", "--no-trunc", "--format", "{{.Comment}}|{{.CreatedBy}}", "cm-test:v1").lines().findFirst().orElseThrow();
        assertTrue(top.startsWith("msg|sh -c echo hello"), top);

        // rm -rf of an image directory and a new one in its place: an opaque directory
        containers.add("cm-two");
        out("run", "--name", "cm-two", "cm-test:v1", "sh", "-c", "rm -rf /d && mkdir /d && echo new > /d/new");
        images.add("cm-test:v2");
        out("commit", "cm-two", "cm-test:v2");
        assertEquals("new", out("run", "--rm", "cm-test:v2", "ls", "/d"));
        // the container's own command becomes the image's, as in dockerd
        assertEquals("[\"sh\",\"-c\",\"rm -rf /d && mkdir /d && echo new > /d/new\"]",
                out("image", "inspect", "-f", "{{json .Config.Cmd}}", "cm-test:v2"));
    }

    @Test
    void aContainerThatChangedNothingAddsNoLayerAndTheRuntimeFilesStayOut() throws Exception {
        containers.add("cm-empty");
        out("run", "--name", "cm-empty", "busybox", "true");
        images.add("cm-empty:latest");
        out("commit", "cm-empty", "cm-empty");
        // dockerd: an empty diff is recorded in history as empty_layer, not as a layer
        assertEquals(out("image", "inspect", "-f", "{{json .RootFS.Layers}}", "busybox"), out("image", "inspect", "-f", "{{json .RootFS.Layers}}", "cm-empty"));
        assertTrue(out("history", "--format", "{{.Size}}", "cm-empty").lines().findFirst().orElseThrow().startsWith("0"));
    }

    @Test
    void aRunningContainerIsPausedForTheCommitAndRunsAfter() throws Exception {
        String id = container("-d", "busybox", "sh", "-c", "echo live > /live; exec sleep 600");
        containers.add(id);
        for (int i = 0; i < 50 && berthd.docker("exec", id, "cat", "/live").code() != 0; i++) Thread.sleep(100);
        images.add("cm-live:latest");
        out("commit", id, "cm-live");
        assertEquals("running", out("inspect", "-f", "{{.State.Status}}", id));
        assertEquals("live", out("run", "--rm", "cm-live", "cat", "/live"));
        out("commit", "--pause=false", id, "cm-live:nopause");
        images.add("cm-live:nopause");
        assertEquals("running", out("inspect", "-f", "{{.State.Status}}", id));
        // events: paused and unpaused by the first commit, not by the second
        String events = out("events", "--since", "0", "--until", Long.toString(System.currentTimeMillis() / 1000 + 1), "--filter", "container=" + id, "--format", "{{.Action}}");
        assertEquals(1, events.lines().filter(l -> l.equals("pause")).count(), events);
        assertEquals(1, events.lines().filter(l -> l.equals("unpause")).count(), events);
        assertEquals(2, events.lines().filter(l -> l.equals("commit")).count(), events);
    }

    @Test
    void aVolumesContentsAreNotInTheImageButItsMountPointIs() throws Exception {
        containers.add("cm-vol-c");
        out("run", "--name", "cm-vol-c", "-v", "cm-vol:/data", "busybox", "sh", "-c", "echo secret > /data/s; echo keep > /k");
        images.add("cm-vol-img:latest");
        out("commit", "cm-vol-c", "cm-vol-img");
        assertEquals("keep\nempty", out("run", "--rm", "cm-vol-img", "sh", "-c", "cat /k; test -d /data && test -z \"$(ls -A /data)\" && echo empty"));
    }

    @Test
    void saveAndLoadKeepTheCommittedImagesId() throws Exception {
        containers.add("cm-save");
        out("run", "--name", "cm-save", "busybox", "sh", "-c", "echo saved > /s");
        images.add("cm-save-img:latest");
        String id = out("commit", "cm-save", "cm-save-img");
        Path archive = Files.createTempFile("cm-save", ".tar");
        try {
            out("save", "-o", archive.toString(), "cm-save-img");
            out("rm", "cm-save");
            containers.remove("cm-save");
            out("rmi", "cm-save-img");
            assertTrue(out("load", "-i", archive.toString()).contains("Loaded image: cm-save-img:latest"));
            assertEquals(id, out("inspect", "-f", "{{.Id}}", "cm-save-img"));
            assertEquals("saved", out("run", "--rm", "cm-save-img", "cat", "/s"));
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    @Test
    void dockerJavaCommitsWithItsConfigAndTheBerthCliPrintsTheId() throws Exception {
        containers.add("cm-java");
        out("run", "--name", "cm-java", "busybox", "sh", "-c", "echo j > /j");
        images.add("cm-java:v1");
        String id = client.commitCmd("cm-java").withRepository("cm-java").withTag("v1").withAuthor("jav").withMessage("from java")
                .withCmd("cat", "/j").withEnv("A=1").withLabels(java.util.Map.of("k", "v")).exec();
        InspectImageResponse image = client.inspectImageCmd("cm-java:v1").exec();
        assertEquals(id, image.getId());
        assertEquals("jav", image.getAuthor());
        assertEquals(List.of("cat", "/j"), List.of(image.getConfig().getCmd()));
        assertTrue(List.of(image.getConfig().getEnv()).contains("A=1"));
        assertTrue(List.of(image.getConfig().getEnv()).stream().anyMatch(e -> e.startsWith("PATH=")), "the container's env is merged in");
        assertEquals("v", image.getConfig().getLabels().get("k"));
        assertEquals("j", out("run", "--rm", "cm-java:v1"));

        Path berth = Berthd.repoRoot().resolve("bin/berth");
        Assumptions.assumeTrue(Files.isExecutable(berth), "bin/berth missing");
        images.add("cm-java:cli");
        Berthd.Result r = berthd.run(berth.toString(), "commit", "-c", "ENV B=2", "-m", "cli", "cm-java", "cm-java:cli");
        assertEquals(0, r.code(), r.err());
        assertEquals(out("inspect", "-f", "{{.Id}}", "cm-java:cli"), r.out().trim());
        assertNotEquals(id, r.out().trim());
        assertTrue(out("inspect", "-f", "{{json .Config.Env}}", "cm-java:cli").contains("\"B=2\""));
    }

    @Test
    void badRequestsAreRefusedByName() throws Exception {
        Berthd.Result missing = berthd.docker("commit", "cm-nosuch");
        assertNotEquals(0, missing.code());
        assertTrue(missing.err().contains("No such container: cm-nosuch"), missing.err());
        containers.add("cm-bad");
        out("create", "--name", "cm-bad", "busybox", "true");
        Berthd.Result from = berthd.docker("commit", "-c", "FROM scratch", "cm-bad");
        assertTrue(from.err().contains("FROM is not a valid change command"), from.err());
        Berthd.HttpReply field = berthd.http("POST", "/commit?container=cm-bad", "{\"Memory\": 5}");
        assertTrue(field.status().contains("400") && field.body().contains("Memory"), field.status() + " " + field.body());
    }

    /**
     * berthd killed with SIGKILL while it commits a 200 MB layer: after the restart there is either
     * the whole image or none, and then none of its layer either; the container is whole and
     * runs again once unpaused (a crash while paused leaves it paused, as its record says).
     */
    @Test
    void aCrashMidCommitLeavesNoHalfImage() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        long layersBefore = json.readTree(berthd.http("GET", "/system/df", null).body()).path("LayersSize").asLong();
        String id = container("-d", "busybox", "sh", "-c", "dd if=/dev/urandom of=/big bs=1M count=200 2>/dev/null && touch /done; exec sleep 600");
        containers.add(id);
        for (int i = 0; i < 300 && berthd.docker("exec", id, "test", "-e", "/done").code() != 0; i++) Thread.sleep(100);
        ProcessBuilder pb = new ProcessBuilder("docker", "commit", id, "cm-crash");
        pb.environment().put("DOCKER_HOST", berthd.dockerHost());
        Process commit = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(700);
        berthd.kill9();
        commit.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        berthd.launch();
        images.add("cm-crash:latest");
        Berthd.Result image = berthd.docker("image", "inspect", "-f", "{{.Id}}", "cm-crash");
        System.out.println("commit killed " + (image.code() == 0 ? "after the image was registered" : "before the image was registered"));
        if (image.code() == 0) {
            assertEquals("209715200", out("run", "--rm", "cm-crash", "stat", "-c", "%s", "/big"), "an image that exists is whole");
        } else {
            assertEquals(layersBefore, json.readTree(berthd.http("GET", "/system/df", null).body()).path("LayersSize").asLong(),
                    "no layer of the image that was never registered");
        }
        if (out("inspect", "-f", "{{.State.Status}}", id).equals("paused")) out("unpause", id);
        assertEquals("running", out("inspect", "-f", "{{.State.Status}}", id));
        assertEquals("ok", out("exec", id, "sh", "-c", "test -e /done && echo ok"));
        // and a commit after the restart works
        out("commit", id, "cm-crash");
        assertEquals("209715200", out("run", "--rm", "cm-crash", "stat", "-c", "%s", "/big"));
    }
}
