package dev.berth.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code berth volume ...}, {@code system prune --volumes}, {@code system df}'s volumes,
 * {@code rm -v} and the mount flags of {@code run}, through bin/berth against a real berthd; where
 * the docker CLI is on PATH, the same command lines through it must print the same thing.
 */
@Tag("root")
class BerthCliVolumesEndToEndTest {
    private static Berthd berthd;

    @BeforeAll
    static void startDaemon() throws Exception {
        Assumptions.assumeTrue(Berthd.isRoot(), "needs root: skipping berth CLI volume end-to-end tests");
        Assumptions.assumeTrue(Files.isExecutable(Berthd.repoRoot().resolve("bin/berth")), "bin/berth missing");
        berthd = Berthd.start();
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (berthd != null) berthd.close();
    }

    private static Berthd.Result berth(String... args) throws Exception {
        return berthd.run(with(Berthd.repoRoot().resolve("bin/berth").toString(), args));
    }

    private static Berthd.Result berthWithInput(String stdin, String... args) throws Exception {
        return berthd.runWithInput(stdin, with(Berthd.repoRoot().resolve("bin/berth").toString(), args));
    }

    private static Berthd.Result docker(String stdin, String... args) throws Exception {
        return berthd.runWithInput(stdin, with("docker", args));
    }

    private static String[] with(String first, String... rest) {
        String[] cmd = new String[rest.length + 1];
        cmd[0] = first;
        System.arraycopy(rest, 0, cmd, 1, rest.length);
        return cmd;
    }

    private static String ok(String... args) throws Exception {
        Berthd.Result r = berth(args);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
        return r.out();
    }

    @Test
    void createListInspectRemove() throws Exception {
        assertEquals("cv-one\n", ok("volume", "create", "--label", "a=b", "--label", "tier", "-o", "type=tmpfs", "-o", "device=tmpfs", "cv-one"));
        assertEquals("cv-two\n", ok("volume", "create", "--name", "cv-two"));
        String anonymous = ok("volume", "create").trim();
        assertTrue(anonymous.matches("[0-9a-f]{64}"), anonymous);
        var both = berth("volume", "create", "--name", "x1", "x2");
        assertEquals(1, both.code());
        assertEquals("conflicting options: cannot specify a volume-name through both --name and as a positional arg\n", both.err());
        var badOpt = berth("volume", "create", "-o", "bad", "cv-bad");
        assertEquals(1, badOpt.code());
        assertEquals("Error response from daemon: create cv-bad: invalid option: \"bad\"\n", badOpt.err());

        String table = ok("volume", "ls");
        assertTrue(table.startsWith("DRIVER    VOLUME NAME\n") && table.contains("\nlocal     cv-one\n") && table.contains("\nlocal     " + anonymous + "\n"), table);
        assertEquals("cv-one\n", ok("volume", "list", "-q", "-f", "label=a"));
        assertEquals("cv-one local a=b,tier= b N/A\n", ok("volume", "ls", "-f", "name=cv-one", "--format", "{{.Name}} {{.Scope}} {{.Labels}} {{.Label \"a\"}} {{.Size}}"));
        assertEquals("VOLUME NAME   a\ncv-one        b\n", ok("volume", "ls", "-f", "name=cv-one", "--format", "table {{.Name}}\\t{{.Label \"a\"}}"));
        assertTrue(ok("volume", "ls", "-f", "name=cv-two", "--format", "json").startsWith("{\"Availability\":\"N/A\",\"Driver\":\"local\","));
        var badFilter = berth("volume", "ls", "-f", "bogus");
        assertEquals(125, badFilter.code());
        assertEquals("invalid argument \"bogus\" for \"-f, --filter\" flag: bad format of filter (expected name=value)\n\n"
                + "Usage:  berth volume ls [OPTIONS]\n\nRun 'berth volume ls --help' for more information\n", badFilter.err());

        String json = ok("volume", "inspect", "cv-one");
        assertTrue(json.startsWith("[\n    {\n        \"CreatedAt\": ") && json.contains("\"Name\": \"cv-one\"") && json.contains("\"type\": \"tmpfs\""), json);
        // unset maps print as Go's nil maps; a missing key is <no value> (docker runs volume templates on its struct)
        assertEquals("cv-one map[a:b tier:] map[device:tmpfs type:tmpfs] {\"a\":\"b\",\"tier\":\"\"} <no value>\ncv-two map[] map[] null <no value>\n",
                ok("volume", "inspect", "-f", "{{.Name}} {{.Labels}} {{.Options}} {{json .Labels}} {{.Labels.x}}", "cv-one", "cv-two"));
        var missing = berth("volume", "inspect", "nosuch");
        assertEquals(1, missing.code());
        assertEquals("[]\n", missing.out());
        assertEquals("Error response from daemon: get nosuch: no such volume\n", missing.err());
        assertEquals("cv-two\n", ok("inspect", "--type", "volume", "-f", "{{.Name}}", "cv-two"));

        // a volume in use is refused, with the user's id, even with -f; a missing one is fine with -f
        String id = ok("run", "-d", "-v", "cv-one:/data", "busybox", "sleep", "300").trim();
        var inUse = berth("volume", "rm", "-f", "cv-one", "cv-two");
        assertEquals(1, inUse.code());
        assertEquals("cv-two\n", inUse.out());
        assertEquals("Error response from daemon: remove cv-one: volume is in use - [" + id + "]\n", inUse.err());
        assertEquals("nosuch\n", ok("volume", "rm", "-f", "nosuch"));
        var gone = berth("volume", "remove", "nosuch");
        assertEquals(1, gone.code());
        assertEquals("Error response from daemon: get nosuch: no such volume\n", gone.err());
        ok("rm", "-f", id);
        assertEquals("cv-one\n" + anonymous + "\n", ok("volume", "rm", "cv-one", anonymous));
    }

    /** Tests share the daemon: those that count volumes or prune start without others' leftovers. */
    private static void cleanSlate() throws Exception {
        String ids = ok("ps", "-aq");
        if (!ids.isBlank()) ok(prepend("rm", "-f", ids.trim().split("\n")));
        ok("volume", "prune", "-a", "-f");
    }

    private static String[] prepend(String a, String b, String[] rest) {
        String[] out = new String[rest.length + 2];
        out[0] = a;
        out[1] = b;
        System.arraycopy(rest, 0, out, 2, rest.length);
        return out;
    }

    @Test
    void rmDashVAndPrunes() throws Exception {
        cleanSlate();
        // rm -v takes the container's anonymous volume with it; plain rm leaves one dangling
        String withV = ok("create", "-v", "/anon", "busybox").trim();
        String anonV = ok("inspect", "-f", "{{range .Mounts}}{{.Name}}{{end}}", withV).trim();
        ok("rm", "-v", withV);
        assertEquals(1, berth("volume", "inspect", anonV).code(), "rm -v removed " + anonV);
        String left = ok("create", "-v", "/anon", "busybox").trim();
        String dangling = ok("inspect", "-f", "{{range .Mounts}}{{.Name}}{{end}}", left).trim();
        ok("rm", left);
        ok("volume", "create", "--label", "keep=1", "pr-named");

        var declined = berthWithInput("n\n", "volume", "prune");
        assertEquals(0, declined.code(), declined.err());
        assertEquals("WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] ",
                declined.out());
        assertEquals("Deleted Volumes:\n" + dangling + "\n\nTotal reclaimed space: 0B\n", ok("volume", "prune", "-f"));
        assertEquals("Total reclaimed space: 0B\n", ok("volume", "prune", "-f", "-a", "--filter", "label!=keep"), "the named one is labelled keep");
        var twice = berth("volume", "prune", "-f", "-a", "--filter", "all=1");
        assertEquals(1, twice.code());
        assertEquals("conflicting options: cannot specify both --all and --filter all=1\n", twice.err());
        var all = berthWithInput("y\n", "volume", "prune", "-a");
        assertEquals("WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] "
                + "Deleted Volumes:\npr-named\n\nTotal reclaimed space: 0B\n", all.out());

        // system prune --volumes: containers, networks, anonymous volumes, images; build cache is not there yet (501), and skipped
        String stopped = ok("create", "-v", "/anon", "busybox").trim();
        String itsVolume = ok("inspect", "-f", "{{range .Mounts}}{{.Name}}{{end}}", stopped).trim();
        ok("volume", "create", "sp-named");
        var prompt = berthWithInput("n\n", "system", "prune", "--volumes", "--filter", "label!=x");
        assertEquals("""
                WARNING! This will remove:
                  - all stopped containers
                  - all networks not used by at least one container
                  - all anonymous volumes not used by at least one container
                  - all dangling images
                  - unused build cache

                  Items to be pruned will be filtered with:
                  - label!=x

                Are you sure you want to continue? [y/N] \
                """, prompt.out());
        var pruned = berth("system", "prune", "-f", "--volumes");
        assertEquals(0, pruned.code(), pruned.err());
        assertEquals("Deleted Containers:\n" + stopped + "\n\nDeleted Volumes:\n" + itsVolume + "\n\nTotal reclaimed space: 0B\n", pruned.out());
        assertEquals("sp-named\n", ok("volume", "ls", "-q"));
        var until = berth("system", "prune", "-f", "--volumes", "--filter", "until=1h");
        assertEquals(1, until.code());
        assertEquals("ERROR: The \"until\" filter is not supported with \"--volumes\"\n", until.err());
        ok("volume", "rm", "sp-named");
    }

    @Test
    void diskUsageCountsVolumes() throws Exception {
        cleanSlate();
        ok("run", "--rm", "-v", "du-free:/d", "busybox", "sh", "-c", "head -c 3000000 /dev/zero > /d/f");
        String id = ok("run", "-d", "-v", "du-used:/d", "busybox", "sh", "-c", "head -c 1000000 /dev/zero > /d/f; exec sleep 300").trim();
        for (int i = 0; i < 50 && !berth("exec", id, "ls", "-l", "/d/f").out().contains("1000000"); i++) Thread.sleep(100);
        String df = ok("system", "df");
        assertTrue(df.contains("\nLocal Volumes   2         1         4MB       3MB (75%)\n"), df);
        String verbose = ok("system", "df", "-v");
        assertTrue(verbose.contains("Local Volumes space usage:\n\nVOLUME NAME   LINKS     SIZE\ndu-free       0         3MB\ndu-used       1         1MB\n")
                || verbose.contains("Local Volumes space usage:\n\nVOLUME NAME   LINKS     SIZE\ndu-used       1         1MB\ndu-free       0         3MB\n"), verbose);
        assertEquals("du-free N/A N/A\n", ok("volume", "ls", "-f", "name=du-free", "--format", "{{.Name}} {{.Links}} {{.Size}}"), "ls has no usage data");
        ok("rm", "-f", id);
        ok("volume", "rm", "du-free", "du-used");
    }

    @Test
    void mountFlagsAsTheDockerCliSendsThem() throws Exception {
        Path dir = berthd.tmp().resolve("rel-src");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/f"), "relative\n");
        String berth = Berthd.repoRoot().resolve("bin/berth").toString();
        // a source starting with "." is relative to the working directory, for -v and --mount
        var rel = berthd.run("sh", "-c", "cd " + dir + " && " + berth + " run --rm -v ./sub:/x busybox cat /x/f && "
                + berth + " run --rm --mount type=bind,src=./sub,dst=/y,readonly busybox cat /y/f");
        assertEquals(0, rel.code(), rel.err());
        assertEquals("relative\nrelative\n", rel.out());
        String id = ok("create", "--mount", "type=volume,src=mt-vol,dst=/v,volume-label=a=b,volume-nocopy", "--mount", "type=tmpfs,dst=/t,tmpfs-size=1m,tmpfs-mode=1770",
                "busybox").trim();
        // (the request carries "DriverConfig":{} as docker's does; the daemon drops the empty block)
        assertEquals("[{\"Type\":\"volume\",\"Source\":\"mt-vol\",\"Target\":\"/v\",\"VolumeOptions\":{\"NoCopy\":true,\"Labels\":{\"a\":\"b\"}}},"
                + "{\"Type\":\"tmpfs\",\"Target\":\"/t\",\"TmpfsOptions\":{\"SizeBytes\":1048576,\"Mode\":1016}}]\n",
                ok("inspect", "-f", "{{json .HostConfig.Mounts}}", id));
        ok("rm", "-v", id);
        var bad = berth("run", "--rm", "--mount", "type=bind,src=/tmp,dst=/a,volume-nocopy", "busybox");
        assertEquals(125, bad.code());
        assertTrue(bad.err().startsWith("invalid argument \"type=bind,src=/tmp,dst=/a,volume-nocopy\" for \"--mount\" flag: "
                + "cannot mix 'volume-*' options with mount type 'bind'\n\nUsage:  berth run [OPTIONS] IMAGE [COMMAND] [ARG...]"), bad.err());
        ok("volume", "rm", "mt-vol");
    }

    /** Commands that leave the daemon as they found it print what the docker CLI prints (its name aside). */
    @Test
    void sameOutputAsTheDockerCli() throws Exception {
        Assumptions.assumeTrue(Berthd.dockerCliOnPath(), "docker CLI not on PATH");
        cleanSlate();
        // one label each: Go prints a map's labels in random order
        ok("volume", "create", "--label", "com.example.tier-name=web", "-o", "type=tmpfs", "-o", "device=tmpfs", "same-1");
        ok("volume", "create", "same-2");
        ok("volume", "create", "same-10");
        ok("volume", "create", "--label", "keep", "same-keep");
        String user = ok("create", "-v", "same-2:/d", "-v", "/anon", "busybox").trim();
        List<List<String>> lines = List.of(
                List.of("volume", "--help"), List.of("volume"), List.of("volume", "create", "--help"), List.of("volume", "ls", "--help"),
                List.of("volume", "inspect", "--help"), List.of("volume", "rm", "--help"), List.of("volume", "prune", "--help"),
                List.of("system", "prune", "--help"),
                List.of("volume", "ls"), List.of("volume", "ls", "-q"), List.of("volume", "ls", "--format", "json"),
                List.of("volume", "ls", "-f", "dangling=true"), List.of("volume", "ls", "-f", "label=com.example.tier-name", "-f", "driver=local"),
                List.of("volume", "ls", "-q", "--format", "{{.Name}}/{{.Driver}}/{{.Mountpoint}}/{{.Labels}}/{{.Links}}/{{.Size}}/{{.Group}}/{{.Status}}"),
                List.of("volume", "ls", "--format", "table {{.Name}}\\t{{.Label \"com.example.tier-name\"}}\\t{{.Scope}}"),
                List.of("volume", "ls", "-f", "bogus"), List.of("volume", "ls", "-f", "bogus=1"), List.of("volume", "ls", "--format", "{{.Nope}}"),
                List.of("volume", "inspect", "same-1", "same-2"), List.of("volume", "inspect", "-f", "json", "same-1"),
                List.of("volume", "inspect", "-f", "{{.Name}} {{.Labels}} {{.Options}} {{json .Labels}} {{.Labels.x}} {{.UsageData}} {{.Status}}", "same-1", "same-2"),
                List.of("volume", "inspect", "-f", "{{.Name}}{{.Nope}}", "same-1", "nosuch", "same-2"), List.of("volume", "inspect"),
                List.of("inspect", "--type", "volume", "same-1"), List.of("volume", "rm"), List.of("volume", "rm", "nosuch"),
                List.of("volume", "rm", "same-2"), List.of("volume", "create", "x1", "--name", "x2"), List.of("volume", "create", "x1", "x2"),
                List.of("volume", "create", "-o", "bad", "same-bad"), List.of("volume", "prune", "-f", "-a", "--filter", "all=1"),
                List.of("volume", "prune", "--filter", "bogus"), List.of("system", "prune", "accepts-none"),
                List.of("system", "prune", "--volumes", "--filter", "until=1h"),
                List.of("create", "--mount", "type=tmpfs,dst=/a,tmpfs-mode=9", "busybox"), List.of("create", "--mount", "dst=\"/a\"", "busybox"),
                List.of("create", "-v", "/x:/x:ro:z", "busybox"));
        List<String> differences = new ArrayList<>();
        for (List<String> line : lines) {
            String[] args = line.toArray(String[]::new);
            compare(differences, null, args);
        }
        compare(differences, "n\n", "volume", "prune");
        compare(differences, "n\n", "volume", "prune", "-a");
        compare(differences, "n\n", "system", "prune", "--volumes", "-a", "--filter", "label=a", "--filter", "label!=b");
        String df = section(docker(null, "system", "df", "-v").out());
        assertEquals(df, section(ok("system", "df", "-v")));
        assertTrue(df.matches("(?s).*\nsame-2 +1 +0B\n.*"), df);
        assertEquals(dockerOut("system", "df"), ok("system", "df").replace("berth", "docker"));
        assertTrue(differences.isEmpty(), String.join("\n", differences));
        ok("rm", "-v", user);
        ok("volume", "rm", "same-1", "same-2", "same-10", "same-keep");
    }

    private static String dockerOut(String... args) throws Exception {
        return docker(null, args).out();
    }

    /** The volume table of {@code system df -v}. */
    private static String section(String verbose) {
        int from = verbose.indexOf("Local Volumes space usage:");
        return verbose.substring(from, verbose.indexOf("Build cache usage:"));
    }

    private static void compare(List<String> differences, String stdin, String... args) throws Exception {
        Berthd.Result d = docker(stdin, args);
        Berthd.Result b = stdin == null ? berth(args) : berthWithInput(stdin, args);
        // the daemon's paths hold "berth" too: only the CLI's own name is swapped
        String tmp = berthd.tmp().toString();
        String dOut = d.out().replace(tmp, "TMP");
        String dErr = d.err().replace(tmp, "TMP");
        String bOut = b.out().replace(tmp, "TMP").replace("berth", "docker");
        String bErr = b.err().replace(tmp, "TMP").replace("berth", "docker");
        if (d.code() != b.code() || !dOut.equals(bOut) || !dErr.equals(bErr)) {
            differences.add(String.join(" ", Arrays.asList(args)) + ":\n  docker " + d.code() + " out=" + dOut + " err=" + dErr
                    + "\n  berth  " + b.code() + " out=" + bOut + " err=" + bErr);
        }
    }
}
