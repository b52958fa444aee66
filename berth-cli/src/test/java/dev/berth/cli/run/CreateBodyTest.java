package dev.berth.cli.run;

import dev.berth.client.json.JsonNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The create body berth sends must be the one the docker CLI sends for the same flags, byte for
 * byte: the golden files are bodies docker 28.2.2 sent (resources/.../docker-create).
 */
class CreateBodyTest {
    @Command(name = "create")
    static final class Flags {
        @Mixin ContainerOptions options;

        @Parameters(index = "0", arity = "1")
        String image;

        @Parameters(index = "1..*", arity = "0..*")
        List<String> args = new ArrayList<>();
    }

    private static String body(CreateBody.Mode mode, int[] console, Map<String, String> env, String... argv) {
        Flags f = new Flags();
        new CommandLine(f).setStopAtPositional(true).parseArgs(argv);
        return JsonNodes.string(CreateBody.build(f.options, f.image, f.args, mode, console, env));
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = CreateBodyTest.class.getResourceAsStream("docker-create/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    @Test
    void plainCreate() throws IOException {
        assertEquals(golden("basic"), body(CreateBody.Mode.CREATE, null, Map.of(), "--name", "g1", "busybox", "echo", "hi"));
    }

    @Test
    void everyResourceAndProcessFlag() throws IOException {
        assertEquals(golden("full"), body(CreateBody.Mode.CREATE, null, Map.of(),
                "-i", "-t", "-e", "A=1", "-e", "B", "-w", "/tmp", "-u", "1000:1000", "--entrypoint", "sh", "-h", "myhost",
                "-l", "a=b", "-l", "c", "--restart", "on-failure:3", "-m", "64m", "--memory-swap", "128m", "--cpus", "1.5",
                "-c", "512", "--pids-limit", "100", "--read-only", "--cap-add", "NET_ADMIN", "--cap-drop", "MKNOD", "--privileged",
                "--init", "--stop-signal", "SIGUSR1", "--stop-timeout", "5", "--network", "none", "--log-opt", "max-size=1m",
                "--log-driver", "json-file", "busybox", "-c", "echo x"));
    }

    @Test
    void cgroupResourceAndDeviceFlags() throws IOException {
        assertEquals(golden("resources"), body(CreateBody.Mode.CREATE, null, Map.of(),
                "--cpuset-cpus", "0", "--cpuset-mems", "0", "--cpu-period", "50000", "--cpu-quota", "25000",
                "--memory-reservation", "32m", "--memory-swappiness", "10", "--oom-kill-disable", "--oom-score-adj", "100",
                "--blkio-weight", "300", "--device", "/dev/null:/dev/mynull:rw", "--device", "/dev/fuse",
                "--device-cgroup-rule", "c 42:* rmw", "busybox"));
    }

    @Test
    void deviceSpecsAreCheckedAsDockerChecksThem() {
        assertEquals(new DeviceSpecs.Device("/dev/sda", "/dev/xvda", "r"), DeviceSpecs.Device.parse("/dev/sda:/dev/xvda:r"));
        assertEquals(new DeviceSpecs.Device("/dev/sda", "/dev/sda", "rw"), DeviceSpecs.Device.parse("/dev/sda:rw"));
        assertEquals(new DeviceSpecs.Device("/dev/sda", "/dev/sda", "rwm"), DeviceSpecs.Device.parse("/dev/sda"));
        assertEquals("bad format for path: a:b:c:d", assertThrows(IllegalArgumentException.class, () -> DeviceSpecs.Device.parse("a:b:c:d")).getMessage());
        assertEquals("bad mode specified: rx", assertThrows(IllegalArgumentException.class, () -> DeviceSpecs.Device.parse("/a:/b:rx")).getMessage());
        assertEquals("dev is not an absolute path", assertThrows(IllegalArgumentException.class, () -> DeviceSpecs.Device.parse("/a:dev")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> DeviceSpecs.Device.parse("/a:/b:rr"));
        var rule = new DeviceSpecs.CgroupRuleConverter();
        assertEquals("b *:* m", rule.convert("b *:* m"));
        assertEquals("invalid device cgroup format 'c 42 rwm'",
                assertThrows(CommandLine.TypeConversionException.class, () -> rule.convert("c 42 rwm")).getMessage());
    }

    @Test
    void emptyEntrypointIsAListWithAnEmptyString() throws IOException {
        assertEquals(golden("emptyep"), body(CreateBody.Mode.CREATE, null, Map.of(), "--entrypoint", "", "busybox", "echo"));
    }

    @Test
    void attachFlagsSelectStreams() throws IOException {
        assertEquals(golden("attach"), body(CreateBody.Mode.CREATE, null, Map.of(), "-a", "stdout", "--rm", "busybox"));
        assertEquals(golden("astdin"), body(CreateBody.Mode.CREATE, null, Map.of(), "-a", "stdin", "busybox"));
    }

    @Test
    void volumesPortsAndMounts() throws IOException {
        assertEquals(golden("mounts"), body(CreateBody.Mode.CREATE, null, Map.of(), "-v", "/tmp:/x:ro", "-v", "/anon", "-p", "8080:80",
                "-p", "127.0.0.1::53/udp", "--mount", "type=tmpfs,destination=/t", "busybox"));
    }

    @Test
    void networks() throws IOException {
        assertEquals(golden("netalias"), body(CreateBody.Mode.CREATE, null, Map.of(), "--network", "mynet", "--network-alias", "x",
                "--net-alias", "y", "busybox"));
        assertEquals(golden("nethost"), body(CreateBody.Mode.CREATE, null, Map.of(), "--net", "host", "busybox"));
    }

    @Test
    void filesHostsLinksAndLimits(@TempDir Path dir) throws IOException {
        Path envFile = dir.resolve("envfile");
        Files.writeString(envFile, "FOO=bar\n# comment\n\nEMPTY=\nBAR\n");
        Path labelFile = dir.resolve("labelfile");
        Files.writeString(labelFile, "lk=lv\n");
        assertEquals(golden("misc"), body(CreateBody.Mode.CREATE, null, Map.of("BAR", "frombar"),
                "--tmpfs", "/run", "--tmpfs", "/t:size=1m", "--add-host", "h:1.2.3.4", "--link", "a:b", "--dns", "8.8.8.8",
                "--expose", "80", "-P", "--label-file", labelFile.toString(), "--env-file", envFile.toString(), "-e", "X=1",
                "--shm-size", "64m", "--memory-swap", "-1", "-m", "32m", "--restart", "always", "--volumes-from", "c1",
                "--stop-timeout", "-1", "--pids-limit", "-1", "busybox"));
        assertEquals(golden("restartbad"), body(CreateBody.Mode.CREATE, null, Map.of(), "--restart", "on-failure", "busybox"));
    }

    @Test
    void runModes() throws IOException {
        assertEquals(golden("rund2"), body(CreateBody.Mode.RUN_DETACHED, null, Map.of(), "--rm", "-i", "-t", "busybox", "true"));
        assertEquals(golden("runit"), body(CreateBody.Mode.RUN, new int[]{30, 100}, Map.of(), "-i", "-t", "--rm", "busybox", "true"));
    }

    @Test
    void healthchecks() throws IOException {
        assertEquals(golden("health"), body(CreateBody.Mode.CREATE, null, Map.of(), "--health-cmd", "wget -q localhost || exit 1",
                "--health-interval", "5s", "--health-timeout", "3s", "--health-retries", "4", "--health-start-period", "10s",
                "--health-start-interval", "1s", "busybox"));
        assertEquals(golden("health2"), body(CreateBody.Mode.CREATE, null, Map.of(), "--health-cmd", "true", "busybox"));
        assertEquals(golden("health3"), body(CreateBody.Mode.CREATE, null, Map.of(), "--health-retries", "2", "busybox"));
        assertEquals(golden("nohealth"), body(CreateBody.Mode.CREATE, null, Map.of(), "--no-healthcheck", "busybox"));
        assertEquals("--no-healthcheck conflicts with --health-* options",
                assertThrows(ConfigException.class, () -> body(CreateBody.Mode.CREATE, null, Map.of(), "--no-healthcheck", "--health-cmd", "x", "busybox")).getMessage());
        assertEquals("--health-interval cannot be negative",
                assertThrows(ConfigException.class, () -> body(CreateBody.Mode.CREATE, null, Map.of(), "--health-interval", "-1s", "busybox")).getMessage());
        assertEquals("time: unknown unit \"x\" in duration \"1x\"", assertThrows(CommandLine.ParameterException.class,
                () -> body(CreateBody.Mode.CREATE, null, Map.of(), "--health-interval", "1x", "busybox")).getCause().getMessage());
    }

    @Test
    void flagValuesDockerRejects() {
        assertEquals("conflicting options: cannot specify both --restart and --rm",
                assertThrows(ConfigException.class, () -> body(CreateBody.Mode.RUN, null, Map.of(), "--rm", "--restart", "always", "busybox")).getMessage());
        assertEquals("invalid restart policy format: maximum retry count must be an integer",
                assertThrows(ConfigException.class, () -> body(CreateBody.Mode.RUN, null, Map.of(), "--restart", "on-failure:x", "busybox")).getMessage());
        assertEquals("invalid containerPort: abc",
                assertThrows(ConfigException.class, () -> body(CreateBody.Mode.RUN, null, Map.of(), "-p", "abc", "busybox")).getMessage());
        assertEquals("invalid hostPort: 99999",
                assertThrows(ConfigException.class, () -> body(CreateBody.Mode.RUN, null, Map.of(), "-p", "99999:80", "busybox")).getMessage());
        assertEquals("invalid spec: :/x: empty section between colons",
                assertThrows(ConfigException.class, () -> body(CreateBody.Mode.RUN, null, Map.of(), "-v", ":/x", "busybox")).getMessage());
        assertEquals("open /nonexist: no such file or directory",
                assertThrows(ConfigException.class, () -> body(CreateBody.Mode.RUN, null, Map.of(), "--env-file", "/nonexist", "busybox")).getMessage());
    }

    @Test
    void flagParsingErrors() {
        CommandLine.ParameterException cpus = assertThrows(CommandLine.ParameterException.class, () -> body(CreateBody.Mode.RUN, null, Map.of(), "--cpus", "1.23456789999", "busybox"));
        assertEquals("value is too precise", cpus.getCause().getMessage());
        CommandLine.ParameterException mem = assertThrows(CommandLine.ParameterException.class, () -> body(CreateBody.Mode.RUN, null, Map.of(), "-m", "6x", "busybox"));
        assertEquals("invalid suffix: 'x'", mem.getCause().getMessage());
        CommandLine.ParameterException attach = assertThrows(CommandLine.ParameterException.class, () -> body(CreateBody.Mode.RUN, null, Map.of(), "-a", "foo", "busybox"));
        assertEquals("valid streams are STDIN, STDOUT and STDERR", attach.getCause().getMessage());
        CommandLine.ParameterException mount = assertThrows(CommandLine.ParameterException.class, () -> body(CreateBody.Mode.RUN, null, Map.of(), "--mount", "type=bind", "busybox"));
        assertEquals("target is required", mount.getCause().getMessage());
    }

    @Test
    void cpusAndMemory() {
        assertEquals(1_500_000_000L, Resources.NanoCpus.parse("1.5").value());
        assertEquals(500_000_000L, Resources.NanoCpus.parse("0.5").value());
        assertEquals(2_000_000_000L, Resources.NanoCpus.parse("2").value());
        assertEquals(1_500_000_000L, Resources.NanoCpus.parse("3/2").value());
        assertEquals(1, Resources.NanoCpus.parse("0.000000001").value());
        assertEquals(-1, Resources.SwapBytes.parse("-1").value());
        assertEquals(1L << 30, Resources.SwapBytes.parse("1g").value());
        assertEquals(6L << 20, Resources.Bytes.parse("6m").value());
    }
}
