package dev.berth.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Security options and bad values, through the docker CLI and raw API requests (issue 9): each was
 * accepted and silently ignored before.
 */
@Tag("root")
class SecurityEndToEndTest {
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

    private static String statusField(String field, String... runArgs) throws Exception {
        String[] args = new String[runArgs.length + 5];
        args[0] = "run";
        args[1] = "--rm";
        System.arraycopy(runArgs, 0, args, 2, runArgs.length);
        args[runArgs.length + 2] = "busybox";
        args[runArgs.length + 3] = "grep";
        args[runArgs.length + 4] = field;
        String[] withFile = java.util.Arrays.copyOf(args, args.length + 1);
        withFile[args.length] = "/proc/self/status";
        Berthd.Result r = docker(withFile);
        assertEquals(0, r.code(), r.err());
        return r.out().replace(field, "").trim();
    }

    @Test
    void noNewPrivilegesIsApplied() throws Exception {
        assertEquals("0", statusField("NoNewPrivs:"));
        assertEquals("1", statusField("NoNewPrivs:", "--security-opt", "no-new-privileges"));
        assertEquals("1", statusField("NoNewPrivs:", "--security-opt", "no-new-privileges:true"));
        assertEquals("0", statusField("NoNewPrivs:", "--security-opt", "no-new-privileges=false"));
        Berthd.Result bad = docker("run", "--rm", "--security-opt", "no-new-privileges=maybe", "busybox", "true");
        assertEquals(125, bad.code());
        assertTrue(bad.err().contains("invalid --security-opt 2: \"no-new-privileges=maybe\""), bad.err());
    }

    @Test
    void seccompProfilesAreLoadedAndShownInInspect() throws Exception {
        // a profile of Docker's format that allows everything but mkdir/mkdirat
        Path profile = berthd.tmp().resolve("no-mkdir.json");
        Files.writeString(profile, """
                {"defaultAction": "SCMP_ACT_ALLOW",
                 "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
                 "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO"}]}
                """);
        Berthd.Result refused = docker("run", "--rm", "--security-opt", "seccomp=" + profile, "busybox", "mkdir", "/tmp/x");
        assertEquals(1, refused.code(), refused.out() + refused.err());
        assertTrue(refused.err().contains("Operation not permitted"), refused.err());
        assertEquals(0, docker("run", "--rm", "busybox", "mkdir", "/tmp/x").code());

        assertEquals("2", statusField("Seccomp:"), "the default profile filters");
        assertEquals("0", statusField("Seccomp:", "--security-opt", "seccomp=unconfined"));

        Berthd.Result created = docker("create", "--security-opt", "seccomp=unconfined", "--security-opt", "no-new-privileges", "busybox", "true");
        assertEquals(0, created.code(), created.err());
        String id = created.out().trim();
        Berthd.Result opts = docker("inspect", "-f", "{{json .HostConfig.SecurityOpt}}", id);
        assertEquals("[\"seccomp=unconfined\",\"no-new-privileges\"]", opts.out().trim());
        assertEquals("null", docker("inspect", "-f", "{{json .HostConfig.SecurityOpt}}",
                docker("create", "busybox", "true").out().trim()).out().trim());

        Files.writeString(profile, "{not json");
        Berthd.Result broken = docker("run", "--rm", "--security-opt", "seccomp=" + profile, "busybox", "true");
        assertEquals(125, broken.code());
        assertTrue(broken.err().contains("compacting json for seccomp profile"), broken.err());
        var api = berthd.http("POST", "/containers/create",
                "{\"Image\":\"busybox\",\"Cmd\":[\"true\"],\"HostConfig\":{\"SecurityOpt\":[\"seccomp={\\\"defaultAction\\\":\\\"SCMP_ACT_BOGUS\\\"}\"]}}");
        assertTrue(api.status().startsWith("HTTP/1.1 400"), api.status() + " " + api.body());
    }

    @Test
    void securityModulesThisHostLacksAreRefusedNotIgnored() throws Exception {
        Berthd.Result apparmor = docker("run", "--rm", "--security-opt", "apparmor=docker-default", "busybox", "true");
        assertEquals(125, apparmor.code());
        assertTrue(apparmor.err().contains("apparmor profile \"docker-default\" cannot be applied"), apparmor.err());
        Berthd.Result label = docker("run", "--rm", "--security-opt", "label=type:svirt_apache_t", "busybox", "true");
        assertEquals(125, label.code());
        assertTrue(label.err().contains("cannot be applied"), label.err());
        // what Docker documents as "no confinement" is what the container gets here
        assertEquals(0, docker("run", "--rm", "--security-opt", "apparmor=unconfined", "--security-opt", "label=disable", "busybox", "true").code());
        Berthd.Result unknown = docker("run", "--rm", "--security-opt", "sandbox=yes", "busybox", "true");
        assertEquals(125, unknown.code());
        assertTrue(unknown.err().contains("invalid --security-opt 2: \"sandbox=yes\""), unknown.err());
    }

    @Test
    void readOnlyRootfsMakesTheEtcFilesReadOnly() throws Exception {
        for (String file : new String[]{"/etc/hosts", "/etc/hostname", "/etc/resolv.conf"}) {
            Berthd.Result r = docker("run", "--rm", "--read-only", "busybox", "sh", "-c", "echo x >> " + file);
            assertTrue(r.code() != 0 && r.err().contains("Read-only file system"), file + ": " + r.code() + " " + r.err());
        }
        assertEquals(0, docker("run", "--rm", "busybox", "sh", "-c", "echo '# ok' >> /etc/hosts").code());
    }

    @Test
    void resourceValuesOutOfRangeAreRefusedWithDockerdsMessages() throws Exception {
        String[][] cases = {
                {"\"Memory\":-1", "Minimum memory limit allowed is 6MB"},
                {"\"CpuShares\":-5", "invalid CPU shares (-5): value must be a positive integer"},
                {"\"NanoCpus\":1000000000000000000", "Range of CPUs is from 0.01 to "},
                {"\"Memory\":10000000,\"MemorySwap\":5000000", "Minimum memoryswap limit should be larger than memory limit"},
                {"\"ShmSize\":-1", "SHM size can not be less than 0"},
        };
        for (String[] c : cases) {
            var r = berthd.http("POST", "/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"],\"HostConfig\":{" + c[0] + "}}");
            assertTrue(r.status().startsWith("HTTP/1.1 400"), c[0] + ": " + r.status() + " " + r.body());
            assertTrue(r.body().contains(c[1]), c[0] + ": " + r.body());
        }
        Berthd.Result cli = docker("run", "--rm", "--cpus", "1000", "busybox", "true");
        assertEquals(125, cli.code());
        assertTrue(cli.err().contains("Range of CPUs is from 0.01 to"), cli.err());
        var list = berthd.http("GET", "/containers/json?all=1", null);
        assertTrue(!list.body().contains("\"Memory\":-1"), "no refused container was kept");
    }

    @Test
    void anOversizedRequestBodyGets413() throws Exception {
        String env = "\"A=" + "x".repeat(10 << 20) + "\"";
        var r = berthd.http("POST", "/containers/create", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"],\"Env\":[" + env + "]}");
        assertTrue(r.status().startsWith("HTTP/1.1 413"), r.status());
        assertTrue(r.body().contains("request body too large"), r.body());
        assertEquals("HTTP/1.1 200 OK", berthd.http("GET", "/_ping", null).status());
    }
}
