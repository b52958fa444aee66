package dev.berth.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives a real berthd with clients berth did not write: raw HTTP over the socket, and the docker
 * CLI when it is on PATH.
 */
@Tag("root")
class DockerCliEndToEndTest {
    private static Berthd berthd;

    @BeforeAll
    static void startDaemon() throws Exception {
        Assumptions.assumeTrue(Berthd.isRoot(), "needs root: skipping berthd end-to-end tests");
        berthd = Berthd.start();
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (berthd != null) berthd.close();
    }

    private static Berthd.Result docker(String... args) throws Exception {
        return berthd.docker(args);
    }

    @Test
    void pingAndVersionNegotiation() throws Exception {
        var ping = berthd.http("GET", "/_ping", null);
        assertEquals("HTTP/1.1 200 OK", ping.status());
        assertTrue(ping.headers().contains("Api-Version: 1.44"));
        assertEquals("OK", ping.body());
        var tooNew = berthd.http("GET", "/v1.99/version", null);
        assertTrue(tooNew.status().startsWith("HTTP/1.1 400"));
        assertTrue(tooNew.body().contains("client version 1.99 is too new. Maximum supported API version is 1.44"));
        var missing = berthd.http("POST", "/v1.41/containers/create", "{\"Image\":\"nosuchimage:1\"}");
        assertTrue(missing.status().startsWith("HTTP/1.1 404"));
        assertTrue(missing.body().contains("No such image: nosuchimage:1"));
        var unknown = berthd.http("GET", "/containers/nope-x/json", null);
        assertTrue(unknown.status().startsWith("HTTP/1.1 404"));
        assertTrue(unknown.body().contains("No such container: nope-x"));
    }

    @Test
    void runPrintsOutputAndPropagatesExitCodes() throws Exception {
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        var hello = docker("run", "--rm", "busybox", "echo", "hello");
        assertEquals(0, hello.code(), hello.err());
        assertEquals("hello\n", hello.out());
        var three = docker("run", "--rm", "busybox", "sh", "-c", "echo err >&2; exit 3");
        assertEquals(3, three.code());
        assertEquals("err\n", three.err());
        var notFound = docker("run", "--rm", "busybox", "no-such-command");
        assertEquals(127, notFound.code(), notFound.err());
        assertTrue(notFound.err().contains("executable file not found"));
        assertEquals("", docker("ps", "-aq", "--filter", "ancestor=busybox", "--filter", "status=exited").out().trim(),
                "--rm containers must be gone");
    }

    @Test
    void diskUsageCountsASharedLayerOnceAndHistoryShowsTheImport() throws Exception {
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        java.nio.file.Path dir = java.nio.file.Files.createDirectories(berthd.tmp().resolve("df-rootfs"));
        java.nio.file.Files.writeString(dir.resolve("data"), "x".repeat(1000));
        java.nio.file.Path tar = berthd.tmp().resolve("df.tar");
        assertEquals(0, new ProcessBuilder("tar", "-C", dir.toString(), "-cf", tar.toString(), "data").start().waitFor());
        var json = com.fasterxml.jackson.databind.json.JsonMapper.builder().build();
        long layersBefore = json.readTree(berthd.http("GET", "/system/df", null).body()).path("LayersSize").asLong();
        // two imports of one tarball: two images (their configs differ in time), one layer
        assertEquals(0, docker("import", "-m", "first", tar.toString(), "df-a:1").code());
        assertEquals(0, docker("import", tar.toString(), "df-b:1").code());
        try {
            var df = json.readTree(berthd.http("GET", "/system/df", null).body());
            long layersSize = df.path("LayersSize").asLong();
            for (var i : df.path("Images")) {
                String tag = i.path("RepoTags").path(0).asText();
                if (tag.startsWith("df-")) {
                    assertEquals(1000, i.path("Size").asLong(), tag);
                    assertEquals(1000, i.path("SharedSize").asLong(), tag + " shares its only layer");
                    assertEquals(0, i.path("Containers").asLong(), tag);
                }
            }
            assertEquals(layersBefore + 1000, layersSize, "the shared layer counts once");
            assertTrue(df.path("Volumes").isArray() && df.path("BuildCache").isArray());
            var table = docker("system", "df");
            assertEquals(0, table.code(), table.err());
            assertTrue(table.out().startsWith("TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE\nImages   "), table.out());

            var history = docker("history", "--format", "{{.CreatedBy}}|{{.Size}}|{{.Comment}}", "df-a:1");
            assertEquals("berth import|1kB|first\n", history.out(), history.err());
            // commit (CommitEndToEndTest has the rest) names what it cannot find
            var commit = docker("commit", "no-such-container-either");
            assertEquals(1, commit.code());
            assertTrue(commit.err().contains("No such container: no-such-container-either"), commit.err());

            // save, remove (its layer goes with it), load: the image comes back whole and runs
            String saved = berthd.tmp().resolve("save.tar").toString();
            assertEquals(0, docker("save", "-o", saved, "df-a:1").code());
            assertEquals(0, docker("rmi", "df-a:1", "df-b:1").code());
            assertEquals(layersBefore, json.readTree(berthd.http("GET", "/system/df", null).body()).path("LayersSize").asLong(),
                    "the layer went with its images");
            var load = docker("load", "-i", saved);
            assertEquals("Loaded image: df-a:1\n", load.out(), load.err());
            assertEquals(0, docker("create", "--name", "df-loaded", "df-a:1", "/data").code());
            var copied = docker("cp", "df-loaded:/data", "-");
            docker("rm", "df-loaded");
            assertTrue(copied.out().contains("x".repeat(1000)), "the loaded layer holds the file");
            var broken = docker("load", "-i", tar.toString());
            assertEquals(1, broken.code());
            assertTrue(broken.err().contains("invalid archive: no manifest.json"), broken.err());
        } finally {
            docker("rmi", "df-a:1", "df-b:1");
        }
    }

    @Test
    void bridgeNetworkGivesAnAddress() throws Exception {
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        var ip = docker("run", "--rm", "busybox", "sh", "-c", "ip -4 addr show eth0");
        assertEquals(0, ip.code(), ip.err());
        assertTrue(ip.out().contains("inet "), ip.out());
        var none = docker("run", "--rm", "--network", "none", "busybox", "sh", "-c", "ip -4 addr | grep -c inet");
        assertEquals("1", none.out().trim(), "only loopback with --network none");
        // the predefined networks, as docker network ls/inspect/rm show them
        assertEquals("bridge bridge local\nhost host local\nnone null local\n",
                docker("network", "ls", "--format", "{{.Name}} {{.Driver}} {{.Scope}}").out());
        var route = docker("run", "--rm", "busybox", "sh", "-c", "ip route | awk '/default/ {print $3}'");
        assertEquals(route.out(), docker("network", "inspect", "-f", "{{range .IPAM.Config}}{{.Gateway}}{{end}}", "bridge").out(),
                "the gateway containers route through");
        var rm = docker("network", "rm", "bridge");
        assertTrue(rm.code() != 0 && rm.err().contains("bridge is a pre-defined network and cannot be removed"), rm.err());
    }

    @Test
    void detachedContainerExecLogsStop() throws Exception {
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        var started = docker("run", "-d", "--name", "e2e-web", "busybox", "sh", "-c", "echo ready; exec sleep 300");
        assertEquals(0, started.code(), started.err());
        var conflict = docker("run", "-d", "--name", "e2e-web", "busybox", "true");
        assertEquals(125, conflict.code());
        assertTrue(conflict.err().contains("Conflict. The container name \"/e2e-web\" is already in use"), conflict.err());
        var exec = docker("exec", "-e", "X=42", "e2e-web", "sh", "-c", "echo $X; exit 2");
        assertEquals(2, exec.code());
        assertEquals("42\n", exec.out());
        Thread.sleep(200);
        assertEquals("ready\n", docker("logs", "e2e-web").out());
        var rmRunning = docker("rm", "e2e-web");
        assertFalse(rmRunning.code() == 0);
        assertTrue(rmRunning.err().contains("You cannot remove a running container"), rmRunning.err());
        long t0 = System.nanoTime();
        assertEquals(0, docker("stop", "-t", "1", "e2e-web").code());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 900 && ms < 5000, "stop -t 1 took " + ms + " ms");
        var inspect = docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "e2e-web");
        assertEquals("exited 137", inspect.out().trim());
        assertEquals(0, docker("rm", "e2e-web").code());
    }

    /** Runs a command line under a pseudo-terminal (util-linux script), as a user at a terminal would. */
    private static Berthd.Result underPty(String stdin, String commandLine) throws Exception {
        return berthd.runWithInput(stdin, "script", "-eqc", "stty cols 90 rows 20; " + commandLine, "/dev/null");
    }

    @Test
    void ttyForRunAndExec() throws Exception {
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        var run = underPty(null, "docker run --rm -t busybox sh -c 'tty; stty size'");
        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("/dev/pts/0") && run.out().contains("20 90"), "out=[" + run.out() + "] err=[" + run.err() + "]");
        var interactive = underPty("typed\n", "docker run --rm -it busybox sh -c 'read x; echo got:$x; exit 4'");
        assertEquals(4, interactive.code(), interactive.out());
        assertTrue(interactive.out().contains("got:typed"), interactive.out());

        assertEquals(0, docker("run", "-d", "--name", "e2e-tty", "busybox", "sleep", "300").code());
        var exec = underPty(null, "docker exec -t e2e-tty sh -c 'tty; stty size; echo $TERM; exit 3'");
        assertEquals(3, exec.code(), exec.out());
        assertTrue(exec.out().contains("/dev/pts/") && exec.out().contains("20 90") && exec.out().contains("xterm"), exec.out());
        var execIn = underPty("abc\n", "docker exec -it e2e-tty sh -c 'read x; echo got:$x'");
        assertTrue(execIn.out().contains("got:abc"), execIn.out());
        var missing = docker("exec", "e2e-tty", "no-such-cmd");
        assertEquals(127, missing.code());
        assertTrue(missing.out().contains("OCI runtime exec failed"), missing.out());
        assertEquals(0, docker("rm", "-f", "e2e-tty").code());
    }

    @Test
    void pidsLimitStopsAForkBomb() throws Exception {
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        // The subshell forks until the limit refuses; the container itself keeps running.
        var started = docker("run", "-d", "--name", "e2e-pids", "--pids-limit", "10", "busybox", "sh", "-c",
                "(for i in $(seq 1 50); do sleep 120 & done) 2>/dev/null; exec sleep 120");
        assertEquals(0, started.code(), started.err());
        Thread.sleep(1500);
        var pids = docker("stats", "--no-stream", "--format", "{{.PIDs}}", "e2e-pids");
        assertEquals(0, pids.code(), pids.err());
        int n = Integer.parseInt(pids.out().trim());
        assertTrue(n > 1 && n <= 10, "pids limit let " + n + " processes run");
        var top = docker("top", "e2e-pids");
        assertTrue(top.out().lines().count() - 1 <= 10, top.out());
        assertEquals("running", docker("inspect", "-f", "{{.State.Status}}", "e2e-pids").out().trim());
        assertEquals(0, docker("rm", "-f", "e2e-pids").code());
    }

    @Test
    void memoryHogIsOomKilled() throws Exception {
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        var r = docker("run", "--name", "e2e-oom", "-m", "16m", "--memory-swap", "16m", "busybox", "sh", "-c",
                "x=$(head -c 200m /dev/zero | tr '\\0' a); echo survived");
        assertEquals(137, r.code(), r.out() + r.err());
        assertEquals("true 137", docker("inspect", "-f", "{{.State.OOMKilled}} {{.State.ExitCode}}", "e2e-oom").out().trim());
        assertEquals(0, docker("rm", "e2e-oom").code());
    }

    @Test
    void copyDiffAndExport() throws Exception {
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        assertEquals(0, docker("run", "-d", "--name", "e2e-cp", "busybox", "sh", "-c",
                "mkdir -p /data/sub && echo inside > /data/sub/f && ln -s /etc/passwd /data/pw && rm /bin/vi && exec sleep 300").code());
        Thread.sleep(500);
        java.nio.file.Path local = berthd.tmp().resolve("cp-out");
        var out = docker("cp", "e2e-cp:/data", local.toString());
        assertEquals(0, out.code(), out.err());
        assertEquals("inside\n", java.nio.file.Files.readString(local.resolve("sub/f")));
        assertTrue(java.nio.file.Files.isSymbolicLink(local.resolve("pw")), "symlinks stay symlinks");

        java.nio.file.Path upload = berthd.tmp().resolve("upload.txt");
        java.nio.file.Files.writeString(upload, "from host\n");
        assertEquals(0, docker("cp", upload.toString(), "e2e-cp:/data/").code());
        assertEquals("from host\n", docker("exec", "e2e-cp", "cat", "/data/upload.txt").out());
        var escape = docker("cp", upload.toString(), "e2e-cp:/nonexistent/dir/");
        assertTrue(escape.code() != 0 && escape.err().contains("no such directory"), escape.err());
        var missing = docker("cp", "e2e-cp:/nope", local.toString());
        assertTrue(missing.code() != 0 && missing.err().contains("Could not find the file /nope in container e2e-cp"), missing.err());

        String diff = docker("diff", "e2e-cp").out();
        assertTrue(diff.contains("A /data/sub/f") && diff.contains("D /bin/vi") && diff.contains("C /bin"), diff);
        assertFalse(diff.contains("/etc/hosts"), "runtime mount points are not changes: " + diff);
        // ps -s: the container layer holds the two small files written above (and the whiteout)
        String size = docker("ps", "-s", "--filter", "name=e2e-cp", "--format", "{{.Size}}").out().trim();
        assertTrue(size.matches("\\d+B \\(virtual [0-9.]+MB\\)"), size);

        assertEquals(0, docker("stop", "-t", "0", "e2e-cp").code());
        java.nio.file.Path tar = berthd.tmp().resolve("export.tar");
        assertEquals(0, docker("export", "-o", tar.toString(), "e2e-cp").code());
        var listing = berthd.run("tar", "tf", tar.toString());
        assertTrue(listing.out().lines().anyMatch(l -> l.equals("data/sub/f")), "export of a stopped container has its files");
        assertFalse(listing.out().lines().anyMatch(l -> l.equals("bin/vi")));
        var copied = docker("cp", "e2e-cp:/data/sub/f", "-");
        assertEquals(0, copied.code(), "cp works on a stopped container: " + copied.err());
        assertEquals(0, docker("rm", "e2e-cp").code());
    }

    @Test
    void restartPolicyOnFailure() throws Exception {
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        assertEquals(0, docker("run", "-d", "--name", "e2e-restart", "--restart", "on-failure:2", "busybox", "sh", "-c", "exit 3").code());
        String state = "";
        for (int i = 0; i < 50; i++) {
            state = docker("inspect", "-f", "{{.RestartCount}} {{.State.Status}} {{.State.ExitCode}}", "e2e-restart").out().trim();
            if (state.equals("2 exited 3")) break;
            Thread.sleep(200);
        }
        assertEquals("2 exited 3", state);
        assertEquals(0, docker("rm", "e2e-restart").code());
    }

    @Test
    void daemonKill9LeavesContainersRunningAndReadoptsThem() throws Exception {
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        assertEquals(0, docker("run", "-d", "--name", "e2e-survivor", "busybox", "sh", "-c",
                "i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done").code());
        assertEquals(0, docker("run", "-d", "--name", "e2e-dies", "busybox", "sh", "-c", "sleep 1; echo last words; exit 7").code());
        assertEquals(0, docker("run", "-d", "--name", "e2e-comeback", "--restart", "on-failure:1", "busybox", "sh", "-c", "sleep 1; exit 3").code());
        berthd.kill9();
        Thread.sleep(2000); // e2e-dies exits while no daemon is watching
        berthd.launch();
        assertEquals("running", docker("inspect", "-f", "{{.State.Status}}", "e2e-survivor").out().trim());
        assertEquals("exited 7", docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "e2e-dies").out().trim());
        assertEquals("last words\n", docker("logs", "e2e-dies").out(), "output printed while berthd was down is kept");
        // its restart policy applies although it exited while nobody watched
        String comeback = "";
        for (int i = 0; i < 50 && !comeback.equals("1"); i++) {
            Thread.sleep(100);
            comeback = docker("inspect", "-f", "{{.RestartCount}}", "e2e-comeback").out().trim();
        }
        assertEquals("1", comeback, "restarted once by on-failure:1");
        var follow = berthd.run("timeout", "2", "docker", "logs", "-f", "--tail", "1", "e2e-survivor");
        assertTrue(follow.out().lines().count() >= 3, "logs -f keeps following after re-adoption: " + follow.out());
        assertEquals("adopted\n", docker("exec", "e2e-survivor", "echo", "adopted").out());
        assertEquals(0, docker("stop", "-t", "1", "e2e-survivor").code());
        assertEquals("exited", docker("inspect", "-f", "{{.State.Status}}", "e2e-survivor").out().trim());
        // every tick, including those printed while berthd was down, is in the log exactly once
        List<String> ticks = docker("logs", "e2e-survivor").out().lines().toList();
        assertTrue(ticks.size() > 10, ticks.toString());
        for (int i = 0; i < ticks.size(); i++) assertEquals("tick " + i, ticks.get(i));
        assertEquals(0, docker("rm", "-f", "e2e-survivor", "e2e-dies", "e2e-comeback").code());
    }

    @Test
    void logsRotateAtMaxSizeAndFollowLosesNothing() throws Exception {
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        var started = docker("run", "-d", "--name", "e2e-logs", "--log-opt", "max-size=8k", "--log-opt", "max-file=2", "busybox", "sh", "-c",
                "i=0; while [ $i -lt 1500 ]; do echo \"line $i ........................\"; i=$((i+1)); [ $((i % 100)) = 0 ] && sleep 0.2; done; sleep 1");
        assertEquals(0, started.code(), started.err());
        var follow = berthd.run("docker", "logs", "-f", "e2e-logs");
        List<String> lines = follow.out().lines().toList();
        assertEquals(1500, lines.size(), "logs -f across rotations must see every line");
        assertEquals("line 1499 ........................", lines.getLast());
        String id = docker("inspect", "-f", "{{.Id}}", "e2e-logs").out().trim();
        java.nio.file.Path logPath = java.nio.file.Path.of(docker("inspect", "-f", "{{.LogPath}}", "e2e-logs").out().trim());
        assertEquals(berthd.dataRoot().resolve("containers").resolve(id).resolve(id + "-json.log"), logPath);
        assertTrue(java.nio.file.Files.exists(logPath.resolveSibling(id + "-json.log.1")), "rotated once at least");
        assertFalse(java.nio.file.Files.exists(logPath.resolveSibling(id + "-json.log.2")), "max-file=2 keeps two files");
        assertTrue(java.nio.file.Files.size(logPath) <= 8 * 1024 + 200, "max-size=8k: " + java.nio.file.Files.size(logPath));
        // Docker's json-file format on disk, one object per line
        String last = java.nio.file.Files.readAllLines(logPath).getLast();
        assertTrue(last.matches("\\{\"log\":\"line 1499 \\.+\\\\n\",\"stream\":\"stdout\",\"time\":\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\"}"), last);
        var all = docker("logs", "e2e-logs").out().lines().toList();
        assertTrue(all.size() < 1500 && all.getLast().equals("line 1499 ........................"), all.size() + " lines kept");
        var bad = docker("run", "--rm", "--log-opt", "max-file=0", "busybox", "true");
        assertEquals(125, bad.code());
        assertTrue(bad.err().contains("max-file cannot be less than 1"), bad.err());
        var unknown = docker("run", "--rm", "--log-opt", "max-sise=1m", "busybox", "true");
        assertEquals(125, unknown.code());
        assertTrue(unknown.err().contains("unknown log opt 'max-sise' for json-file log driver"), unknown.err());
        assertEquals(0, docker("rm", "-f", "e2e-logs").code());
    }

    @Test
    void conmonsSpoolIsHandedBackWhileTheContainerRuns() throws Exception {
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        // ~3 MB through conmon's spool: berthd renames it and has conmon reopen it (1 MiB limit) while it writes
        var started = docker("run", "-d", "--name", "e2e-spool", "busybox", "sh", "-c",
                "i=0; while [ $i -lt 40000 ]; do echo \"spool line $i ..............................\"; i=$((i+1)); "
                        + "[ $((i % 4000)) = 0 ] && sleep 0.3; done; sleep 1");
        assertEquals(0, started.code(), started.err());
        String id = docker("inspect", "-f", "{{.Id}}", "e2e-spool").out().trim();
        java.nio.file.Path dir = berthd.dataRoot().resolve("containers").resolve(id);
        // watch the spool while the container writes (it runs for 4 s at least)
        long biggest = 0;
        boolean handedBack = false;
        for (long end = System.nanoTime() + 3_000_000_000L; System.nanoTime() < end; Thread.sleep(20)) {
            try {
                biggest = Math.max(biggest, java.nio.file.Files.size(dir.resolve("conmon.log")));
            } catch (java.nio.file.NoSuchFileException renamedAway) {
                // between berthd's rename and conmon's reopen
            }
            handedBack |= java.nio.file.Files.exists(dir.resolve("conmon.log.old"));
        }
        assertTrue(handedBack, "the spool was renamed for conmon to reopen");
        assertTrue(biggest < 2L << 20, "the spool stays small: " + biggest);
        List<String> lines = berthd.run("docker", "logs", "-f", "e2e-spool").out().lines().toList();
        assertEquals(40000, lines.size(), "every line once");
        for (int i = 0; i < lines.size(); i += 997) assertEquals("spool line " + i + " ..............................", lines.get(i));
        assertEquals("spool line 39999 ..............................", lines.getLast());
        assertEquals(0, docker("rm", "e2e-spool").code());
    }

    @Test
    void imageAndContainerListFilters() throws Exception {
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        assertEquals(0, docker("tag", "busybox:latest", "e2e/filtered:1").code());
        assertEquals("busybox:latest\n", docker("images", "--format", "{{.Repository}}:{{.Tag}}", "busybox").out());
        assertEquals("e2e/filtered:1\n", docker("images", "--format", "{{.Repository}}:{{.Tag}}", "e2e/*").out());
        assertEquals("", docker("images", "-q", "--filter", "dangling=true").out());
        var bad = docker("images", "--filter", "bogus=1");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("invalid filter 'bogus'"), bad.err());
        assertEquals(0, docker("rmi", "e2e/filtered:1").code());
        assertEquals(0, docker("create", "--name", "e2e-hostnet", "--network", "host", "busybox", "true").code());
        assertEquals("e2e-hostnet\n", docker("ps", "-a", "--format", "{{.Names}}", "--filter", "network=host").out());
        assertEquals(0, docker("rm", "e2e-hostnet").code());
    }

    @Test
    void logDetailsAndTheNoneDriver() throws Exception {
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        var run = docker("run", "--name", "e2e-details", "-l", "tier=web", "-e", "APP_MODE=prod", "--log-opt", "labels=tier",
                "--log-opt", "env=APP_MODE", "busybox", "echo", "detailed");
        assertEquals(0, run.code(), run.err());
        assertEquals("APP_MODE=prod,tier=web detailed\n", docker("logs", "--details", "e2e-details").out());
        assertEquals("false true true", docker("inspect", "-f", "{{.Config.AttachStdin}} {{.Config.AttachStdout}} {{.Config.AttachStderr}}",
                "e2e-details").out().trim(), "docker run without -d attaches stdout and stderr");
        var none = docker("run", "--name", "e2e-nolog", "--log-driver", "none", "busybox", "echo", "attached only");
        assertEquals("attached only\n", none.out(), "attach works without a log");
        var logs = docker("logs", "e2e-nolog");
        assertEquals(1, logs.code());
        assertTrue(logs.err().contains("configured logging driver does not support reading"), logs.err());
        assertEquals("", docker("inspect", "-f", "{{.LogPath}}", "e2e-nolog").out().trim());
        var bogus = docker("run", "--rm", "--log-driver", "bogus", "busybox", "true");
        assertEquals(125, bogus.code());
        assertTrue(bogus.err().contains("logger: no log driver named 'bogus' is registered"), bogus.err());
        assertEquals(0, docker("rm", "e2e-details", "e2e-nolog").code());
    }

    @Test
    void runFlagsShapeTheContainer() throws Exception {
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        var who = docker("run", "--rm", "-h", "myhost", "-w", "/tmp", "-u", "1000:1000", "--entrypoint", "sh", "busybox",
                "-c", "hostname; pwd; id -u; id -g");
        assertEquals("myhost\n/tmp\n1000\n1000\n", who.out(), who.err());
        var ro = docker("run", "--rm", "--read-only", "busybox", "touch", "/x");
        assertEquals(1, ro.code());
        assertTrue(ro.err().contains("Read-only file system"), ro.err());
        var noChown = docker("run", "--rm", "--cap-drop", "CHOWN", "busybox", "chown", "1", "/tmp");
        assertEquals(1, noChown.code());
        // an exec has the container's capabilities, --cap-add/--cap-drop included, as with dockerd
        assertEquals(0, docker("run", "-d", "--name", "e2e-caps", "--cap-add", "NET_ADMIN", "--cap-drop", "CHOWN", "busybox", "sleep", "300").code());
        try {
            String initCaps = docker("exec", "e2e-caps", "grep", "CapEff", "/proc/1/status").out();
            var execCaps = docker("exec", "e2e-caps", "grep", "CapEff", "/proc/self/status");
            assertTrue(initCaps.startsWith("CapEff:"), initCaps);
            assertEquals(initCaps, execCaps.out(), execCaps.err());
            // bit 12 is CAP_NET_ADMIN, bit 0 CAP_CHOWN
            long eff = Long.parseLong(initCaps.substring("CapEff:".length()).trim(), 16);
            assertTrue((eff & (1L << 12)) != 0 && (eff & 1L) == 0, initCaps);
        } finally {
            docker("rm", "-f", "e2e-caps");
        }
        // seccomp lets personality switch to 32-bit (PER_LINUX32), as Docker's profile does
        var linux32 = docker("run", "--rm", "busybox", "linux32", "uname", "-m");
        assertEquals(0, linux32.code(), linux32.err());
        if (System.getProperty("os.arch").equals("amd64")) assertEquals("i686\n", linux32.out());
        // and keeps namespaces (user namespaces included) to containers with CAP_SYS_ADMIN, as Docker's does
        var userns = docker("run", "--rm", "busybox", "unshare", "-U", "true");
        assertEquals(1, userns.code());
        assertTrue(userns.err().contains("Operation not permitted"), userns.err());
        var admin = docker("run", "--rm", "--cap-add", "SYS_ADMIN", "busybox", "sh", "-c", "unshare -U true && echo made & wait");
        assertEquals("made\n", admin.out(), admin.err());
        var unprivileged = docker("run", "--rm", "busybox", "sh", "-c", "mount -t tmpfs none /tmp && echo mounted");
        assertFalse(unprivileged.out().contains("mounted"));
        var privileged = docker("run", "--rm", "--privileged", "busybox", "sh", "-c", "mount -t tmpfs none /tmp && echo mounted");
        assertEquals("mounted\n", privileged.out(), privileged.err());
        // seccomp follows the capabilities, as Docker's profile does: SYS_ADMIN opens mount and umount,
        // and chroot, open by default, closes with SYS_CHROOT
        var admin2 = docker("run", "--rm", "--cap-add", "SYS_ADMIN", "busybox", "sh", "-c", "mount -t tmpfs none /tmp && umount /tmp && echo both");
        assertEquals("both\n", admin2.out(), admin2.err());
        assertEquals("chrooted\n", docker("run", "--rm", "busybox", "sh", "-c", "chroot / true && echo chrooted").out());
        var noChroot = docker("run", "--rm", "--cap-drop", "SYS_CHROOT", "busybox", "chroot", "/", "true");
        assertTrue(noChroot.code() != 0 && noChroot.err().contains("Operation not permitted"), noChroot.err());
        var init = docker("run", "--rm", "--init", "busybox", "sh", "-c", "cat /proc/1/cmdline | tr '\\0' ' '");
        assertTrue(init.out().contains("--"), "tini runs as pid 1 and execs the command: " + init.out());
        var limits = docker("run", "--rm", "-m", "32m", "--cpus", "0.5", "--cpu-shares", "512", "--pids-limit", "50", "busybox", "true");
        assertEquals(0, limits.code(), limits.err());
        var low = docker("run", "--rm", "-m", "4m", "busybox", "true");
        assertEquals(125, low.code());
        assertTrue(low.err().contains("Minimum memory limit allowed is 6MB"), low.err());
        var unknown = docker("run", "--rm", "nosuchimage:1", "true");
        assertEquals(125, unknown.code());
        assertEquals("", docker("ps", "-aq", "--filter", "ancestor=nosuchimage:1").out());
    }
}
