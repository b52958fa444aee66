package dev.berth.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The berth CLI ({@code bin/berth}) against a real berthd: output, exit codes and messages are
 * checked against what the docker CLI prints for the same command lines.
 */
@Tag("root")
class BerthCliEndToEndTest {
    private static Berthd berthd;

    @BeforeAll
    static void startDaemon() throws Exception {
        Assumptions.assumeTrue(Berthd.isRoot(), "needs root: skipping berth CLI end-to-end tests");
        Assumptions.assumeTrue(Files.isExecutable(berthBinary()), "bin/berth missing");
        berthd = Berthd.start();
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (berthd != null) berthd.close();
    }

    private static Path berthBinary() {
        return Berthd.repoRoot().resolve("bin/berth");
    }

    private static Berthd.Result berth(String... args) throws Exception {
        return berthd.run(command(args));
    }

    private static String[] command(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = berthBinary().toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        return cmd;
    }

    /** Runs a command line under a pseudo-terminal (util-linux script), as a user at a terminal would. */
    private static Berthd.Result underPty(String stdin, String commandLine) throws Exception {
        return berthd.runWithInput(stdin, "script", "-eqc", "stty cols 90 rows 20; " + commandLine, "/dev/null");
    }

    @Test
    void aSecondBerthdOnTheSameDataRootIsRefusedAndTheFirstKeepsServing() throws Exception {
        Path otherSocket = berthd.tmp().resolve("second.sock");
        Process second = new ProcessBuilder(Berthd.repoRoot().resolve("bin/berthd").toString(),
                "--data-root", berthd.dataRoot().toString(), "--exec-root", berthd.tmp().resolve("run2").toString(),
                "-H", "unix://" + otherSocket).redirectErrorStream(true).start();
        assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the second daemon exits at once");
        String out = new String(second.getInputStream().readAllBytes());
        assertEquals(1, second.exitValue(), out);
        assertTrue(out.contains("failed to start daemon: another berthd is already using data root " + berthd.dataRoot()), out);
        assertFalse(Files.exists(otherSocket), "it bound no socket");
        // same exec root (so the same pidfile), another data root: dockerd's pidfile check
        Process third = new ProcessBuilder(Berthd.repoRoot().resolve("bin/berthd").toString(),
                "--data-root", berthd.tmp().resolve("data3").toString(), "--exec-root", berthd.execRoot().toString(),
                "-H", "unix://" + otherSocket).redirectErrorStream(true).start();
        assertTrue(third.waitFor(60, TimeUnit.SECONDS));
        String out3 = new String(third.getInputStream().readAllBytes());
        assertEquals(1, third.exitValue(), out3);
        assertTrue(out3.contains("pid file found, ensure berthd is not running or delete " + berthd.execRoot().resolve("berthd.pid")), out3);
        assertTrue(berthd.http("GET", "/_ping", null).status().contains("200"), "the first daemon still answers on its socket");
    }

    @Test
    void runPrintsOutputRemovesTheContainerAndPropagatesExitCodes() throws Exception {
        var hello = berth("run", "--rm", "busybox", "echo", "hello");
        assertEquals(0, hello.code(), hello.err());
        assertEquals("hello\n", hello.out());
        var three = berth("run", "--rm", "busybox", "sh", "-c", "echo err >&2; exit 3");
        assertEquals(3, three.code());
        assertEquals("err\n", three.err());
        assertEquals("", berth("ps", "-aq", "--filter", "status=exited").out(), "--rm containers are gone");
        var notFound = berth("run", "--rm", "busybox", "no-such-command");
        assertEquals(127, notFound.code(), notFound.err());
        assertTrue(notFound.err().startsWith("berth: Error response from daemon: ") && notFound.err().contains("executable file not found")
                && notFound.err().endsWith("\n\nRun 'berth run --help' for more information\n"), notFound.err());
        var notExecutable = berth("run", "--rm", "busybox", "/etc/passwd");
        assertEquals(126, notExecutable.code(), notExecutable.err());
    }

    @Test
    void badImagesAndFlagsExit125() throws Exception {
        var unknownImage = berth("run", "--rm", "nosuchimage:1");
        assertEquals(125, unknownImage.code());
        assertTrue(unknownImage.err().startsWith("Unable to find image 'nosuchimage:1' locally\nberth: Error response from daemon: "), unknownImage.err());
        var unknownFlag = berth("run", "--foo", "busybox");
        assertEquals(125, unknownFlag.code());
        assertEquals("unknown flag: --foo\n\nUsage:  berth run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'berth run --help' for more information\n",
                unknownFlag.err());
        var typo = berth("run", "--volume-from", "c1", "busybox");
        assertEquals(125, typo.code());
        assertTrue(typo.err().startsWith("unknown flag: --volume-from\ndid you mean --volumes-from?\n"), typo.err());
        var badMemory = berth("run", "-m", "6x", "busybox");
        assertEquals(125, badMemory.code());
        assertTrue(badMemory.err().startsWith("invalid argument \"6x\" for \"-m, --memory\" flag: invalid suffix: 'x'"), badMemory.err());
        var noImage = berth("run");
        assertEquals(1, noImage.code());
        assertTrue(noImage.err().startsWith("berth: 'berth run' requires at least 1 argument"), noImage.err());
    }

    @Test
    void detachedContainerPsExecLogsStopInspect() throws Exception {
        var started = berth("run", "-d", "--name", "cli-web", "-l", "tier=web", "busybox", "sh", "-c", "echo ready; exec sleep 300");
        assertEquals(0, started.code(), started.err());
        String id = started.out().trim();
        assertTrue(id.matches("[0-9a-f]{64}"), "run -d prints the full id: " + started.out());

        var ps = berth("ps");
        assertTrue(ps.out().startsWith("CONTAINER ID   IMAGE     COMMAND                  CREATED"), ps.out());
        // the daemon's Command joins the argv with spaces; the CLI cuts it at 20 characters
        assertTrue(ps.out().contains(id.substring(0, 12) + "   busybox   \"sh -c echo ready; e…\"   ") && ps.out().contains("cli-web"), ps.out());
        assertEquals(id.substring(0, 12) + "\n", berth("ps", "-q", "--filter", "name=cli-web").out());
        String formatted = berth("ps", "--format", "{{.Names}} {{.Status}} {{.Label \"tier\"}}").out();
        assertTrue(formatted.matches("(?s)cli-web Up .* web\n"), formatted);
        assertTrue(berth("ps", "--format", "table {{.ID}}\\t{{.Names}}").out().startsWith("CONTAINER ID   NAMES\n"));

        var conflict = berth("run", "-d", "--name", "cli-web", "busybox", "true");
        assertEquals(125, conflict.code());
        assertTrue(conflict.err().startsWith("berth: Error response from daemon: Conflict. The container name \"/cli-web\" is already in use"), conflict.err());

        var exec = berth("exec", "-e", "X=42", "cli-web", "sh", "-c", "echo $X; echo oops >&2; exit 2");
        assertEquals(2, exec.code());
        assertEquals("42\n", exec.out());
        assertEquals("oops\n", exec.err());
        var execMissing = berth("exec", "cli-web", "no-such-cmd");
        assertEquals(127, execMissing.code());
        assertEquals("ready\n", berth("logs", "cli-web").out());
        assertTrue(berth("logs", "-t", "--tail", "1", "cli-web").out().matches("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z ready\n"));
        var top = berth("top", "cli-web");
        assertTrue(top.out().startsWith("UID ") && top.out().contains("sleep 300"), top.out());

        var rmRunning = berth("rm", "cli-web");
        assertEquals(1, rmRunning.code());
        assertEquals("Error response from daemon: You cannot remove a running container " + id
                + ". Stop the container before attempting removal or force remove\n", rmRunning.err());
        long t0 = System.nanoTime();
        var stop = berth("stop", "-t", "1", "cli-web");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("cli-web\n", stop.out());
        assertTrue(ms >= 900 && ms < 6000, "stop -t 1 took " + ms + " ms");
        assertEquals("137\n", berth("inspect", "-f", "{{.State.ExitCode}}", "cli-web").out());
        assertEquals("exited 137\n", berth("container", "inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", "cli-web").out());
        assertEquals("cli-web\n", berth("rm", "cli-web").out());
        var gone = berth("inspect", "cli-web");
        assertEquals(1, gone.code());
        assertEquals("[]\n", gone.out());
        assertEquals("Error: No such object: cli-web\n", gone.err());
    }

    @Test
    void lifecycleCommands() throws Exception {
        assertEquals(0, berth("create", "--name", "cli-life", "busybox", "sleep", "300").code());
        assertTrue(berth("ps", "-a", "--format", "{{.Names}} {{.State}}").out().contains("cli-life created"));
        assertEquals("cli-life\n", berth("start", "cli-life").out());
        assertEquals("cli-life\n", berth("pause", "cli-life").out());
        assertEquals("paused\n", berth("inspect", "-f", "{{.State.Status}}", "cli-life").out());
        assertEquals("cli-life\n", berth("unpause", "cli-life").out());
        assertEquals(0, berth("rename", "cli-life", "cli-life2").code());
        assertEquals("cli-life2\n", berth("restart", "-t", "0", "cli-life2").out());
        assertEquals("cli-life2\n", berth("kill", "-s", "KILL", "cli-life2").out());
        assertEquals("137\n", berth("wait", "cli-life2").out());
        var killStopped = berth("kill", "cli-life2");
        assertEquals(1, killStopped.code());
        assertTrue(killStopped.err().contains("is not running"), killStopped.err());
        assertEquals(0, berth("container", "rm", "-f", "cli-life2").code());
        assertEquals(0, berth("create", "--name", "cli-attach", "busybox", "sh", "-c", "echo attached; exit 6").code());
        var startAttached = berth("container", "start", "-a", "cli-attach");
        assertEquals(6, startAttached.code());
        assertEquals("attached\n", startAttached.out());
        assertEquals(0, berth("rm", "cli-attach").code());

        assertEquals(0, berth("run", "--name", "cli-exited", "busybox", "true").code());
        var prune = berth("container", "prune", "-f");
        assertTrue(prune.out().startsWith("Deleted Containers:\n") && prune.out().endsWith("Total reclaimed space: 0B\n"), prune.out());
        assertEquals(1, berth("inspect", "cli-exited").code());
    }

    @Test
    void healthchecksShowInPs() throws Exception {
        assertEquals(0, berth("run", "-d", "--name", "cli-health", "--health-cmd", "true", "--health-interval", "1s", "busybox", "sleep", "300").code());
        String status = "";
        for (int i = 0; i < 50 && !status.contains("(healthy)"); i++) {
            Thread.sleep(200);
            status = berth("ps", "--filter", "name=cli-health", "--format", "{{.Status}}").out();
        }
        assertTrue(status.matches("Up .* \\(healthy\\)\n"), status);
        assertEquals("healthy\n", berth("inspect", "-f", "{{.State.Health.Status}}", "cli-health").out());
        var conflict = berth("run", "--no-healthcheck", "--health-cmd", "x", "busybox");
        assertEquals(125, conflict.code());
        assertEquals("berth: --no-healthcheck conflicts with --health-* options\n\nRun 'berth run --help' for more information\n", conflict.err());
        assertEquals(0, berth("rm", "-f", "cli-health").code());
    }

    @Test
    void interactiveStdinIsForwardedAndClosed() throws Exception {
        var r = berthd.runWithInput("line1\nline2\n", command("run", "-i", "--rm", "busybox", "sh", "-c", "cat; echo done >&2"));
        assertEquals(0, r.code(), r.err());
        assertEquals("line1\nline2\n", r.out());
        assertEquals("done\n", r.err());
        assertEquals(0, berth("run", "-d", "--name", "cli-stdin", "busybox", "sleep", "300").code());
        var exec = berthd.runWithInput("piped\n", command("exec", "-i", "cli-stdin", "cat"));
        assertEquals("piped\n", exec.out());
        assertEquals(0, berth("rm", "-f", "cli-stdin").code());
    }

    @Test
    void ttyForRunAndExec() throws Exception {
        String berth = berthBinary().toString();
        var run = underPty(null, berth + " run --rm -t busybox sh -c 'tty; stty size'");
        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("/dev/pts/0") && run.out().contains("20 90"), run.out());
        // a window-size change while it runs (SIGWINCH to berth) reaches the container
        var resized = underPty(null, "(sleep 1.5; stty cols 120 rows 30 < /dev/tty) & " + berth + " run --rm -t busybox sh -c 'sleep 3; stty size'");
        assertTrue(resized.out().contains("30 120"), resized.out());
        var interactive = underPty("typed\n", berth + " run --rm -it busybox sh -c 'read x; echo got:$x; exit 4'");
        assertEquals(4, interactive.code(), interactive.out());
        assertTrue(interactive.out().contains("got:typed"), interactive.out());
        assertEquals(0, berth("run", "-d", "--name", "cli-tty", "busybox", "sleep", "300").code());
        var exec = underPty(null, berth + " exec -t cli-tty sh -c 'tty; stty size; exit 3'");
        assertEquals(3, exec.code(), exec.out());
        assertTrue(exec.out().contains("/dev/pts/") && exec.out().contains("20 90"), exec.out());
        var notATty = berth("run", "-it", "--rm", "busybox", "true");
        assertEquals(1, notATty.code());
        assertEquals("the input device is not a TTY\n", notATty.err());
        assertEquals(0, berth("rm", "-f", "cli-tty").code());
    }

    @Test
    void imagesTagRmiAndImport() throws Exception {
        var images = berth("images");
        assertTrue(images.out().startsWith("REPOSITORY   TAG       IMAGE ID       CREATED"), images.out());
        assertTrue(images.out().lines().anyMatch(l -> l.matches("busybox +latest +[0-9a-f]{12} +.* ago +[0-9.]+[kM]?B")), images.out());
        assertEquals(0, berth("tag", "busybox", "cli-tag:v1").code());
        assertTrue(berth("image", "ls", "--format", "{{.Repository}}:{{.Tag}}").out().contains("cli-tag:v1\n"));
        assertEquals("", berth("images", "-q", "nothing-like-this").out(), "the reference filter applies");
        assertEquals("Untagged: cli-tag:v1\n", berth("rmi", "cli-tag:v1").out());
        var again = berth("rmi", "cli-tag:v1");
        assertEquals(1, again.code());
        assertEquals("Error response from daemon: No such image: cli-tag:v1\n", again.err());
        assertEquals("busybox:latest\n", berth("image", "inspect", "-f", "{{index .RepoTags 0}}", "busybox").out());

        assertEquals(0, berth("run", "--name", "cli-export", "busybox", "sh", "-c", "echo imported > /marker").code());
        Path tar = berthd.tmp().resolve("cli-export.tar");
        assertEquals(0, berth("export", "-o", tar.toString(), "cli-export").code());
        var imported = berth("import", tar.toString(), "cli-imported:1");
        assertEquals(0, imported.code(), imported.err());
        assertTrue(imported.out().startsWith("sha256:"), imported.out());
        assertEquals("imported\n", berth("run", "--rm", "cli-imported:1", "cat", "/marker").out());
        assertEquals(0, berth("rm", "cli-export").code());

        // prune: the untagged import goes; with -a the tagged one nobody uses goes too; busybox, which a container uses, stays
        assertEquals(0, berth("create", "--name", "cli-keep", "busybox", "true").code());
        var untagged = berth("import", tar.toString());
        assertEquals(0, untagged.code(), untagged.err());
        var pruned = berth("image", "prune", "-f");
        assertEquals("Deleted Images:\ndeleted: " + untagged.out().trim() + "\n\nTotal reclaimed space: ", pruned.out().substring(0, pruned.out().lastIndexOf(": ") + 2));
        var all = berth("image", "prune", "-a", "-f");
        assertTrue(all.out().startsWith("Deleted Images:\nuntagged: cli-imported:1\ndeleted: sha256:"), all.out());
        var left = berth("image", "ls", "--format", "{{.Repository}}:{{.Tag}}").out();
        assertTrue(left.contains("busybox:latest\n") && !left.contains("cli-imported"), left);
        assertEquals(0, berth("rm", "cli-keep").code());
        var declined = berth("image", "prune");
        assertTrue(declined.out().startsWith("WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] "), declined.out());
    }

    @Test
    void saveLoadHistoryAndDiskUsage() throws Exception {
        Path dir = Files.createDirectories(berthd.tmp().resolve("cli-save-rootfs"));
        Files.writeString(dir.resolve("payload"), "y".repeat(2000));
        Path rootfs = berthd.tmp().resolve("cli-save-rootfs.tar");
        assertEquals(0, new ProcessBuilder("tar", "-C", dir.toString(), "-cf", rootfs.toString(), "payload").start().waitFor());
        assertEquals(0, berth("import", "-m", "for saving", rootfs.toString(), "cli-save:1").code());

        assertEquals("berth import|2kB|for saving\n", berth("history", "--format", "{{.CreatedBy}}|{{.Size}}|{{.Comment}}", "cli-save:1").out());
        var df = berth("system", "df", "--format", "{{.Type}}|{{.TotalCount}}");
        assertTrue(df.out().matches("Images\\|[2-9]\\d*\nContainers\\|\\d+\nLocal Volumes\\|0\nBuild Cache\\|0\n"), df.out());
        assertTrue(berth("system", "df", "-v").out().contains("\ncli-save     1         "), "the verbose view lists the image");

        Path archive = berthd.tmp().resolve("cli-save.tar");
        assertEquals(0, berth("save", "-o", archive.toString(), "cli-save:1").code());
        assertEquals("Untagged: cli-save:1\n", berth("rmi", "cli-save:1").out().lines().findFirst().orElse("") + "\n");
        var load = berth("load", "-i", archive.toString());
        assertEquals("Loaded image: cli-save:1\n", load.out(), load.err());
        assertEquals(0, berth("create", "--name", "cli-loaded", "cli-save:1", "/payload").code());
        assertTrue(berth("cp", "cli-loaded:/payload", "-").out().contains("y".repeat(2000)), "the loaded layer holds the file");
        assertEquals(0, berth("rm", "cli-loaded").code());
        var notAnArchive = berth("load", "-i", rootfs.toString());
        assertEquals(1, notAnArchive.code());
        assertTrue(notAnArchive.err().contains("invalid archive: no manifest.json"), notAnArchive.err());
        assertTrue(berth("rmi", "cli-save:1").out().startsWith("Untagged: cli-save:1\nDeleted: sha256:"));
    }

    @Test
    void predefinedNetworks() throws Exception {
        var ls = berth("network", "ls");
        assertTrue(ls.out().matches("NETWORK ID +NAME +DRIVER +SCOPE\n[0-9a-f]{12} +bridge +bridge +local\n[0-9a-f]{12} +host +host +local\n[0-9a-f]{12} +none +null +local\n"), ls.out());
        assertEquals("none\n", berth("network", "ls", "-f", "driver=null", "--format", "{{.Name}}").out());
        String bridgeId = berth("network", "inspect", "-f", "{{.Id}}", "bridge").out().trim();
        assertEquals(bridgeId.substring(0, 12) + "\n", berth("network", "ls", "-q", "--filter", "name=bridge").out());
        assertEquals("bridge\n", berth("inspect", "-f", "{{.Name}}", bridgeId.substring(0, 12)).out(), "inspect finds networks too");
        var rm = berth("network", "rm", "host", "cli-nonet");
        assertEquals(1, rm.code());
        assertEquals("Error response from daemon: host is a pre-defined network and cannot be removed\n"
                + "Error response from daemon: network cli-nonet not found\nexit status 1\n", rm.err());
        assertEquals(0, berth("network", "rm", "-f", "cli-nonet").code());
    }

    @Test
    void copyDiffStatsAndEvents() throws Exception {
        assertEquals(0, berth("run", "-d", "--name", "cli-cp", "busybox", "sh", "-c",
                "mkdir -p /data/sub && echo inside > /data/sub/f && exec sleep 300").code());
        Thread.sleep(500);
        Path out = berthd.tmp().resolve("cli-cp-out");
        assertEquals(0, berth("cp", "cli-cp:/data", out.toString()).code());
        assertEquals("inside\n", Files.readString(out.resolve("sub/f")));
        Path upload = berthd.tmp().resolve("cli-upload.txt");
        Files.writeString(upload, "from host\n");
        assertEquals(0, berth("cp", upload.toString(), "cli-cp:/data/").code());
        assertEquals("from host\n", berth("exec", "cli-cp", "cat", "/data/cli-upload.txt").out());
        var missing = berth("cp", "cli-cp:/nope", out.toString());
        assertEquals(1, missing.code());
        assertEquals("Error response from daemon: Could not find the file /nope in container cli-cp\n", missing.err());
        var toStdout = berth("cp", "cli-cp:/data/sub/f", "-");
        assertEquals(0, toStdout.code());
        assertTrue(toStdout.out().contains("inside\n"), "the tar on stdout holds the file");

        assertTrue(berth("diff", "cli-cp").out().contains("A /data/sub/f\n"));
        var stats = berth("stats", "--no-stream", "--format", "{{.Name}} {{.PIDs}}", "cli-cp");
        assertEquals("cli-cp 1\n", stats.out(), stats.err());
        var table = berth("stats", "--no-stream", "cli-cp");
        assertTrue(table.out().startsWith("CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT"), table.out());

        // streaming stats without names follows the daemon: a container started meanwhile is added
        var live = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return berthd.run("timeout", "4", berthBinary().toString(), "stats", "--format", "{{.Name}}").out();
            } catch (Exception e) {
                return e.toString();
            }
        });
        Thread.sleep(1500);
        assertEquals(0, berth("run", "-d", "--name", "cli-late", "busybox", "sleep", "30").code());
        String screens = live.get();
        assertTrue(screens.contains("cli-cp") && screens.contains("cli-late"), screens);
        assertEquals(0, berth("rm", "-f", "cli-late").code());

        var events = berth("events", "--since", "5m", "--until", "0s", "--filter", "container=cli-cp", "--format", "{{.Type}} {{.Action}}");
        assertTrue(events.out().lines().toList().containsAll(List.of("container create", "container start")), events.out());
        assertEquals(0, berth("rm", "-f", "cli-cp").code());
    }

    @Test
    void helpVersionAndInfo() throws Exception {
        var help = berth("run", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().startsWith("Usage:  berth run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nCreate and run a new container from an image\n"));
        assertTrue(berth("container", "--help").out().contains("\nCommands:\n  attach      Attach local standard input"));
        var version = berth("version");
        assertTrue(version.out().contains("\nServer: berth\n Engine:\n  Version:          "), version.out());
        // docker formats its Go structs: the field is APIVersion, its JSON key ApiVersion
        assertEquals("1.44\n", berth("version", "--format", "{{.Server.APIVersion}}").out());
        var jsonSpelling = berth("version", "--format", "{{.Server.ApiVersion}}");
        assertEquals(1, jsonSpelling.code());
        assertTrue(jsonSpelling.err().contains("can't evaluate field ApiVersion in type *types.Version"), jsonSpelling.err());
        var unknown = berth("version", "--format", "v{{.Client.Foo}}");
        assertEquals(new Berthd.Result(1, "v\n", "template: version:1:10: executing \"version\" at <.Client.Foo>: can't evaluate field Foo in type system.clientVersion\n"), unknown);
        var unparsable = berth("version", "--format", "{{.Client.Os");
        assertEquals(new Berthd.Result(64, "", "template parsing error: template: version:1: unclosed action\n"), unparsable);
        assertTrue(berth("info").out().contains("\n Server Version: "));
        assertTrue(berth("system", "info", "--format", "{{.OSType}}").out().equals("linux\n"));
    }

    @Test
    void unreachableDaemon() throws Exception {
        Path socket = berthd.tmp().resolve("nobody-listens.sock");
        var ps = berth("-H", "unix://" + socket, "ps");
        assertEquals(1, ps.code());
        assertEquals("Cannot connect to the berth daemon at unix://" + socket + ". Is the berth daemon running?\n", ps.err());
        var run = berth("-H", "unix://" + socket, "run", "--rm", "busybox", "true");
        assertEquals(125, run.code());
        assertTrue(run.err().startsWith("berth: Cannot connect to the berth daemon at"), run.err());
        // BERTH_HOST outranks DOCKER_HOST
        ProcessBuilder pb = new ProcessBuilder(command("ps")).redirectErrorStream(true);
        pb.environment().put("BERTH_HOST", "unix://" + socket);
        pb.environment().put("DOCKER_HOST", berthd.dockerHost());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue());
        assertFalse(out.contains("CONTAINER ID"), out);
    }

    @Test
    void securityAndKernelFlagsAndUpdate() throws Exception {
        Berthd.Result nnp = berth("run", "--rm", "--security-opt", "no-new-privileges", "--ulimit", "nofile=256:512",
                "--group-add", "777", "busybox", "sh", "-c", "grep NoNewPrivs /proc/self/status; ulimit -n; id -G");
        assertEquals(0, nnp.code(), nnp.err());
        assertTrue(nnp.out().matches("(?s)NoNewPrivs:\\s+1\n256\n.*777.*"), nnp.out());
        Berthd.Result bad = berth("run", "--rm", "--ulimit", "nofile=9:1", "busybox", "true");
        assertEquals(125, bad.code());
        assertTrue(bad.err().contains("ulimit soft limit must be less than or equal to hard limit: 9 > 1"), bad.err());
        Berthd.Result run = berth("run", "-d", "busybox", "sleep", "600");
        String id = run.out().trim();
        Berthd.Result upd = berth("update", "--pids-limit", "40", "--restart", "always", id);
        assertEquals(0, upd.code(), upd.err());
        assertEquals(id, upd.out().trim());
        assertEquals("40 always", berth("inspect", "-f", "{{.HostConfig.PidsLimit}} {{.HostConfig.RestartPolicy.Name}}", id).out().trim());
        Berthd.Result cpuset = berth("update", "--cpuset-cpus", "0", "--cpu-quota", "30000", id);
        assertEquals(0, cpuset.code(), cpuset.err());
        assertEquals("0 30000", berth("inspect", "-f", "{{.HostConfig.CpusetCpus}} {{.HostConfig.CpuQuota}}", id).out().trim());
        Berthd.Result refused = berth("update", "--cpuset-cpus", "0-99", id);
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("Error response from daemon: Requested CPUs are not available - requested 0-99"), refused.err());
        assertEquals(0, berth("rm", "-f", id).code());
        // the run flags of the resource set, read back inside the container
        Berthd.Result res = berth("run", "--rm", "--cpuset-cpus", "0", "--oom-score-adj", "200", "--device", "/dev/null:/dev/mynull",
                "--memory-reservation", "32m", "busybox", "sh", "-c",
                "grep Cpus_allowed_list /proc/self/status; cat /proc/self/oom_score_adj; echo x > /dev/mynull && echo dev-ok");
        assertEquals(0, res.code(), res.err());
        assertTrue(res.out().matches("(?s)Cpus_allowed_list:\\s+0\n200\ndev-ok\n?"), res.out());
        Berthd.Result badDevice = berth("run", "--rm", "--device", "/dev/null:rel", "busybox", "true");
        assertEquals(125, badDevice.code());
        assertTrue(badDevice.err().contains("rel is not an absolute path"), badDevice.err());
    }
}
