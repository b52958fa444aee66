package dev.berth.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Volume;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11: volumes, binds, tmpfs and --volumes-from through the docker CLI and docker-java, with
 * the data-safety rules: data outlives containers and berthd's crash, nothing in use is removed,
 * nothing a user did not ask to remove is deleted.
 */
@Tag("root")
class StorageEndToEndTest {
    private static Berthd berthd;
    private static DockerClient client;
    private static Path scratch;

    @BeforeAll
    static void startDaemon() throws Exception {
        Assumptions.assumeTrue(Berthd.isRoot(), "needs root: skipping berthd end-to-end tests");
        berthd = Berthd.start();
        client = berthd.dockerJava();
        scratch = Files.createTempDirectory("berth-it-storage-");
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (client != null) client.close();
        if (berthd != null) berthd.close();
        if (scratch != null) new ProcessBuilder("rm", "-rf", "--one-file-system", scratch.toString()).start().waitFor();
    }

    private static Berthd.Result docker(String... args) throws Exception {
        return berthd.docker(args);
    }

    private static String out(String... args) throws Exception {
        return berthd.dockerOut(args);
    }

    private static void fails(String expected, int code, String... args) throws Exception {
        Berthd.Result r = docker(args);
        assertEquals(code, r.code(), String.join(" ", args) + ": " + r.out() + r.err());
        assertTrue(r.err().contains(expected), String.join(" ", args) + " said: " + r.err());
    }

    private static List<String> volumes() throws Exception {
        String ls = out("volume", "ls", "-q");
        return ls.isEmpty() ? List.of() : List.of(ls.split("\n"));
    }

    @Test
    void aNamedVolumeOutlivesItsContainersAndTheDaemon() throws Exception {
        out("run", "--name", "writer", "-v", "keep:/data", "busybox", "sh", "-c", "echo kept > /data/f");
        out("rm", "writer");
        assertEquals("kept", out("run", "--rm", "-v", "keep:/data", "busybox", "cat", "/data/f"));
        // a service replaced by a new container finds its data
        out("run", "-d", "--name", "svc", "-v", "keep:/data", "busybox", "sh", "-c", "echo again >> /data/f; sleep 600");
        out("rm", "-f", "svc");
        out("run", "-d", "--name", "svc", "-v", "keep:/data", "busybox", "sh", "-c", "echo third >> /data/f; sleep 600");
        // berthd killed while the service writes: the data and the volume are there after the restart
        assertEquals("svc", out("ps", "--filter", "volume=keep", "--format", "{{.Names}}"));
        assertEquals("svc", out("ps", "--filter", "volume=/data", "--format", "{{.Names}}"));
        assertEquals("", out("ps", "--filter", "volume=other", "--format", "{{.Names}}"));
        out("exec", "svc", "sh", "-c", "for i in $(seq 1 200); do echo $i >> /data/n; done");
        berthd.kill9();
        berthd.launch();
        assertTrue(volumes().contains("keep"));
        assertEquals("kept\nagain\nthird", out("exec", "svc", "head", "-3", "/data/f"));
        assertEquals("200", out("exec", "svc", "sh", "-c", "wc -l < /data/n"));
        fails("volume is in use", 1, "volume", "rm", "keep");
        fails("volume is in use", 1, "volume", "rm", "-f", "keep");
        out("rm", "-f", "svc");
        out("volume", "rm", "keep");
        assertFalse(volumes().contains("keep"));
    }

    @Test
    void volumeCreateLsInspectAndRmAsDocker() throws Exception {
        assertEquals("v-meta", out("volume", "create", "--label", "team=a", "v-meta"));
        String generated = out("volume", "create");
        assertTrue(generated.matches("[0-9a-f]{64}"), generated);
        assertEquals("local v-meta team=a false", out("volume", "inspect", "-f",
                "{{.Driver}} {{.Name}} {{range $k, $v := .Labels}}{{$k}}={{$v}}{{end}} {{eq .Scope \"\"}}", "v-meta"));
        assertTrue(out("volume", "inspect", "-f", "{{.Mountpoint}}", "v-meta").endsWith("/volumes/v-meta/_data"));
        assertTrue(out("volume", "ls", "-q", "--filter", "label=team=a").equals("v-meta"));
        assertEquals("v-meta", out("volume", "ls", "-q", "--filter", "name=v-me"));
        assertTrue(out("volume", "ls", "-q", "--filter", "dangling=true").contains("v-meta"));
        fails("invalid option: \"bogus\"", 1, "volume", "create", "-o", "bogus=1", "v-bad");
        fails("includes invalid characters for a local volume name", 1, "volume", "create", "a/b");
        fails("get nope: no such volume", 1, "volume", "inspect", "nope");
        fails("no such volume", 1, "volume", "rm", "nope");
        out("volume", "rm", "-f", "nope");
        out("volume", "rm", "v-meta", generated);
        assertFalse(volumes().contains("v-meta"));
    }

    @Test
    void readOnlyMountsRefuseWritesAndReadOnlyContainersWriteTheirVolumes() throws Exception {
        Path host = Files.createDirectories(scratch.resolve("ro-src"));
        Files.writeString(host.resolve("in"), "hello");
        assertEquals("hello refused", out("run", "--rm", "-v", host + ":/h:ro", "busybox", "sh", "-c",
                "cat /h/in; echo; touch /h/x 2>/dev/null && echo wrote || echo refused").replace("\n", " "));
        // read-only all the way down: a mount under the source does not stay writable (kernel 5.12+)
        Path sub = Files.createDirectories(host.resolve("sub"));
        Assumptions.assumeTrue(new ProcessBuilder("mount", "-t", "tmpfs", "tmpfs", sub.toString()).start().waitFor() == 0);
        try {
            String[] v = System.getProperty("os.version").split("[.-]");
            boolean mountSetattr = Integer.parseInt(v[0]) > 5 || (Integer.parseInt(v[0]) == 5 && Integer.parseInt(v[1]) >= 12);
            String want = mountSetattr ? "refused" : "wrote";
            assertEquals(want, out("run", "--rm", "-v", host + ":/h:ro", "busybox", "sh", "-c",
                    "touch /h/sub/x 2>/dev/null && echo wrote || echo refused"));
        } finally {
            new ProcessBuilder("umount", sub.toString()).start().waitFor();
        }
        assertEquals("refused", out("run", "--rm", "--mount", "type=volume,src=rov,dst=/v,readonly", "busybox", "sh", "-c",
                "touch /v/x 2>/dev/null && echo wrote || echo refused"));
        assertEquals("vol tmp", out("run", "--rm", "--read-only", "-v", "rwv:/v", "--tmpfs", "/t", "busybox", "sh", "-c",
                "echo vol > /v/f && echo tmp > /t/f && cat /v/f /t/f").replace("\n", " "));
        out("volume", "rm", "rov", "rwv");
    }

    @Test
    void bindMountsFilesDirectoriesAndSockets() throws Exception {
        Path missing = scratch.resolve("made-by-v");
        out("run", "--rm", "-v", missing + ":/m", "busybox", "touch", "/m/x");
        assertTrue(Files.exists(missing.resolve("x")), "-v makes a missing source directory");
        fails("bind source path does not exist: " + scratch.resolve("nope"), 125, "run", "--rm", "--mount",
                "type=bind,src=" + scratch.resolve("nope") + ",dst=/x", "busybox", "true");
        Path file = Files.writeString(scratch.resolve("one-file"), "single");
        assertEquals("single", out("run", "--rm", "-v", file + ":/etc/single:ro", "busybox", "cat", "/etc/single"));
        // berthd's own socket, as Testcontainers' Ryuk mounts it
        String sock = berthd.dockerHost().substring("unix://".length());
        assertEquals("socket", out("run", "--rm", "-v", sock + ":/var/run/docker.sock", "busybox", "sh", "-c",
                "test -S /var/run/docker.sock && echo socket"));
        fails("Duplicate mount point: /d", 125, "run", "--rm", "-v", "dupa:/d", "--mount", "type=volume,src=dupb,dst=/d", "busybox", "true");
        assertFalse(volumes().contains("dupa") || volumes().contains("dupb"), "a failed create leaves no volume behind");
        fails("invalid mode: bogus", 125, "run", "--rm", "-v", "x:/x:bogus", "busybox", "true");
        String inspect = out("inspect", "-f", "{{json .Mounts}}", out("create", "-v", scratch + ":/s:ro", "busybox"));
        assertTrue(inspect.contains("\"Type\":\"bind\",\"Source\":\"" + scratch + "\",\"Destination\":\"/s\",\"Mode\":\"ro\",\"RW\":false,\"Propagation\":\"rprivate\""), inspect);
    }

    @Test
    void cpReachesVolumesAndBindsWhileExportAndDiffLeaveThemOut() throws Exception {
        Path bind = Files.createDirectories(scratch.resolve("cp-bind"));
        String id = out("create", "--name", "cpbox", "-v", "cpv:/vol", "-v", "rov2:/ro:ro", "-v", bind + ":/bind", "busybox", "sleep", "600");
        Path file = Files.writeString(scratch.resolve("payload"), "payload");
        // into a stopped container's volume and bind, and back out
        out("cp", file.toString(), "cpbox:/vol/");
        out("cp", file.toString(), "cpbox:/bind/");
        assertEquals("payload", Files.readString(bind.resolve("payload")));
        out("cp", "cpbox:/vol/payload", scratch.resolve("back").toString());
        assertEquals("payload", Files.readString(scratch.resolve("back")));
        fails("mounted volume is marked read-only", 1, "cp", file.toString(), "cpbox:/ro/");
        out("start", id);
        assertEquals("payload", out("exec", id, "cat", "/vol/payload"));
        out("exec", id, "sh", "-c", "echo inside > /vol/inside; echo layer > /layer");
        out("cp", "cpbox:/vol/inside", scratch.resolve("inside").toString());
        assertEquals("inside\n", Files.readString(scratch.resolve("inside")));
        // the volume's contents are not the container's: export and diff leave them out
        Path tar = scratch.resolve("export.tar");
        out("export", "-o", tar.toString(), id);
        Process list = new ProcessBuilder("tar", "-tf", tar.toString()).start();
        String names = new String(list.getInputStream().readAllBytes());
        list.waitFor();
        assertTrue(names.contains("layer"), names);
        assertFalse(names.contains("vol/payload") || names.contains("vol/inside") || names.contains("bind/payload"), names);
        String diff = out("diff", id);
        assertTrue(diff.contains("A /layer") && !diff.contains("/vol/"), diff);
        assertTrue(out("run", "--rm", "-v", "cpv:/v", "busybox", "ls", "/v").contains("inside"));
        out("rm", "-f", id);
        out("volume", "rm", "cpv", "rov2");
    }

    @Test
    void tmpfsIsEmptyAfterARestart() throws Exception {
        String id = out("run", "-d", "--tmpfs", "/t:size=1m", "--mount", "type=tmpfs,dst=/u,tmpfs-size=1048576", "busybox", "sleep", "600");
        out("exec", id, "sh", "-c", "echo x > /t/f; echo y > /u/f");
        out("restart", "-t", "0", id);
        assertEquals("", out("exec", id, "ls", "/t", "/u").replace("/t:", "").replace("/u:", "").trim());
        assertTrue(out("exec", id, "grep", " /u ", "/proc/mounts").contains("size=1024k"));
        out("rm", "-f", id);
    }

    @Test
    void imageVolumesAreCopiedUpUnlessNocopy() throws Exception {
        Path root = Files.createDirectories(scratch.resolve("img/data/sub"));
        Files.createDirectories(scratch.resolve("img/bin"));
        Files.copy(Path.of("/bin/busybox"), scratch.resolve("img/bin/busybox"));
        Files.writeString(root.resolve("file"), "from image");
        new ProcessBuilder("chown", "-R", "1000:1000", scratch.resolve("img/data").toString()).start().waitFor();
        new ProcessBuilder("chmod", "700", root.toString()).start().waitFor();
        new ProcessBuilder("tar", "-C", scratch.resolve("img").toString(), "-cf", scratch.resolve("img.tar").toString(), ".").start().waitFor();
        out("import", "-c", "VOLUME /data", "-c", "CMD [\"/bin/busybox\",\"sh\"]", scratch.resolve("img.tar").toString(), "volimg");
        List<String> before = volumes();
        // an anonymous volume from the image's VOLUME, filled from the image
        assertEquals("from image 1000 700", out("run", "--rm", "volimg", "/bin/busybox", "sh", "-c",
                "cat /data/sub/file; echo; /bin/busybox stat -c '%u %a' /data/sub").replace("\n", " "));
        // a new named volume is filled too, and keeps what it has from then on
        out("run", "--rm", "-v", "cu:/data", "volimg", "/bin/busybox", "sh", "-c", "echo mine > /data/sub/file");
        assertEquals("mine", out("run", "--rm", "-v", "cu:/data", "volimg", "/bin/busybox", "cat", "/data/sub/file"));
        assertEquals("", out("run", "--rm", "-v", "cu2:/data:nocopy", "volimg", "/bin/busybox", "ls", "/data"));
        // --rm took the anonymous volume along; named volumes stay
        List<String> left = new java.util.ArrayList<>(volumes());
        left.removeAll(before);
        assertEquals(List.of("cu", "cu2"), left, "named volumes stay, no anonymous one is left");
        out("volume", "rm", "cu", "cu2");
        out("rmi", "volimg");
    }

    @Test
    void volumesFromBackupAndRestoreAsTheSeedsWriteIt() throws Exception {
        out("create", "-v", "/dbdata", "--name", "dbstore", "busybox", "true");
        out("run", "--rm", "--volumes-from", "dbstore", "busybox", "sh", "-c", "echo precious > /dbdata/row");
        Path backup = Files.createDirectories(scratch.resolve("backup"));
        out("run", "--rm", "--volumes-from", "dbstore", "-v", backup + ":/backup", "busybox", "tar", "cvf", "/backup/backup.tar", "/dbdata");
        assertTrue(Files.size(backup.resolve("backup.tar")) > 0);
        out("run", "-v", "/dbdata", "--name", "dbstore2", "busybox", "true");
        out("run", "--rm", "--volumes-from", "dbstore2", "-v", backup + ":/backup", "busybox", "sh", "-c",
                "cd /dbdata && tar xvf /backup/backup.tar --strip 1");
        assertEquals("precious", out("run", "--rm", "--volumes-from", "dbstore2:ro", "busybox", "cat", "/dbdata/row"));
        assertEquals("refused", out("run", "--rm", "--volumes-from", "dbstore2:ro", "busybox", "sh", "-c",
                "touch /dbdata/x 2>/dev/null && echo wrote || echo refused"));
        fails("No such container: ghost", 125, "run", "--rm", "--volumes-from", "ghost", "busybox", "true");
        List<String> before = volumes();
        out("rm", "-v", "dbstore", "dbstore2");
        assertEquals(before.size() - 2, volumes().size(), "rm -v removed both anonymous volumes");
    }

    @Test
    void pruneTakesAnonymousUnusedVolumesAndAllOnlyWhenAsked() throws Exception {
        out("volume", "create", "--label", "p=1", "p-named");
        out("run", "--name", "p-anon", "-v", "/a", "--label", "p=1", "busybox", "true");
        String anonVolume = out("inspect", "-f", "{{range .Mounts}}{{.Name}}{{end}}", "p-anon");
        out("run", "-d", "--name", "p-user", "-v", "p-used:/u", "busybox", "sleep", "600");
        // system prune without --volumes never touches volumes
        out("system", "prune", "-f");
        assertTrue(volumes().containsAll(List.of("p-named", "p-used", anonVolume)), volumes().toString());
        // system prune took the stopped p-anon, not its volume (no --volumes)
        String pruned = out("volume", "prune", "-f");
        assertTrue(pruned.contains(anonVolume) && !pruned.contains("p-named"), pruned);
        assertTrue(out("volume", "prune", "-af", "--filter", "label=nomatch").contains("Total reclaimed space"));
        assertTrue(volumes().contains("p-named"));
        out("volume", "prune", "-af", "--filter", "label=p=1");
        assertFalse(volumes().contains("p-named"));
        assertTrue(volumes().contains("p-used"), "a volume in use is never pruned");
        out("rm", "-f", "p-user");
        out("volume", "rm", "p-used");
    }

    @Test
    void aBindBackedVolumeIsRemovedWithoutTouchingTheHostDirectory() throws Exception {
        Path hostDir = Files.createDirectories(scratch.resolve("bind-backed"));
        Files.writeString(hostDir.resolve("keep"), "host data");
        out("volume", "create", "-o", "type=none", "-o", "o=bind", "-o", "device=" + hostDir, "hb");
        assertEquals("host data", out("run", "--rm", "-v", "hb:/x", "busybox", "cat", "/x/keep"));
        out("run", "--rm", "-v", "hb:/x", "busybox", "sh", "-c", "echo more > /x/new");
        out("volume", "rm", "hb");
        assertEquals("host data", Files.readString(hostDir.resolve("keep")));
        assertEquals("more\n", Files.readString(hostDir.resolve("new")));
    }

    @Test
    void dockerJavaVolumeAndMountCalls() throws Exception {
        var created = client.createVolumeCmd().withName("dj-vol").withLabels(Map.of("by", "docker-java")).exec();
        assertEquals("dj-vol", created.getName());
        InspectVolumeResponse inspected = client.inspectVolumeCmd("dj-vol").exec();
        assertEquals("local", inspected.getDriver());
        assertEquals("docker-java", inspected.getLabels().get("by"));
        assertTrue(client.listVolumesCmd().exec().getVolumes().stream().anyMatch(v -> v.getName().equals("dj-vol")));
        Path host = Files.createDirectories(scratch.resolve("dj-bind"));
        var c = client.createContainerCmd("busybox").withCmd("sh", "-c", "echo dj > /v/f; cp /v/f /b/f; echo t > /t/f")
                .withHostConfig(HostConfig.newHostConfig()
                        .withBinds(new Bind("dj-vol", new Volume("/v")), new Bind(host.toString(), new Volume("/b"), AccessMode.rw))
                        .withMounts(List.of(new Mount().withType(MountType.TMPFS).withTarget("/t"))))
                .exec();
        client.startContainerCmd(c.getId()).exec();
        assertEquals(0, client.waitContainerCmd(c.getId()).start().awaitStatusCode());
        assertEquals("dj\n", Files.readString(host.resolve("f")));
        InspectContainerResponse ic = client.inspectContainerCmd(c.getId()).exec();
        assertEquals(3, ic.getMounts().size());
        assertTrue(ic.getMounts().stream().anyMatch(m -> "dj-vol".equals(m.getName()) && "/v".equals(m.getDestination().getPath())));
        assertThrows(ConflictException.class, () -> client.removeVolumeCmd("dj-vol").exec());
        client.removeContainerCmd(c.getId()).withRemoveVolumes(true).exec();
        client.removeVolumeCmd("dj-vol").exec();
        assertTrue(client.listVolumesCmd().exec().getVolumes().stream().noneMatch(v -> v.getName().equals("dj-vol")));
    }
}
