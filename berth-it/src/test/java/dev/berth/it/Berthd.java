package dev.berth.it;

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real berthd (bin/berthd) on a temporary data root, exec root and socket, for end-to-end tests.
 * Each test class starts its own, so classes never see each other's containers; closing it stops
 * the daemon, removes what it left and fails loudly if a mount under the temporary root survived.
 */
final class Berthd implements AutoCloseable {
    record Result(int code, String out, String err) {}

    /** Status line, header block and body of one HTTP exchange. */
    record HttpReply(String status, String headers, String body) {}

    private final Path tmp;
    private final Path socket;
    private Process process;

    private Berthd(Path tmp) {
        this.tmp = tmp;
        this.socket = tmp.resolve("berth.sock");
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static boolean dockerCliOnPath() {
        return Files.isExecutable(Path.of("/usr/local/bin/docker")) || Files.isExecutable(Path.of("/usr/bin/docker"));
    }

    static Path repoRoot() {
        return Path.of("..").toAbsolutePath().normalize();
    }

    static Berthd start() throws IOException, InterruptedException {
        Berthd d = new Berthd(Files.createTempDirectory("berth-it-"));
        d.launch();
        return d;
    }

    /** Starts (or restarts, after {@link #kill9()}) the daemon on the same roots and socket. */
    void launch() throws IOException, InterruptedException {
        Files.deleteIfExists(socket);
        Path log = tmp.resolve("berthd.log");
        // in a session of its own, as under systemd or setsid: the daemon must never take a
        // container's terminal as its controlling terminal (and die of its hangup)
        process = new ProcessBuilder("setsid", repoRoot().resolve("bin/berthd").toString(),
                "--data-root", dataRoot().toString(), "--exec-root", execRoot().toString(), "-H", "unix://" + socket)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        for (int i = 0; i < 150 && !Files.exists(socket); i++) Thread.sleep(100);
        if (!Files.exists(socket)) throw new IllegalStateException("berthd did not create its socket: " + Files.readString(log));
    }

    /**
     * SIGKILLs the daemon, as a crash would; containers and their conmons must live on. The
     * signal goes to berthd's JVM itself, found by its command line: {@code setsid} and
     * bin/berthd exec into it (then it is {@link #process}), but should either ever fork, killing
     * {@link #process} would only kill a wrapper. Nothing else is killed: runc or conmon processes
     * the daemon had started live on, as after a real crash.
     */
    void kill9() throws InterruptedException {
        List<ProcessHandle> jvms = new java.util.ArrayList<>();
        java.util.stream.Stream.concat(java.util.stream.Stream.of(process.toHandle()), process.toHandle().descendants())
                .filter(h -> isDaemonJvm(h.pid())).forEach(jvms::add);
        // a wrapper that forked and exited leaves the JVM a child of init: find it by its data root
        if (jvms.isEmpty()) for (Proc p : processes()) if (isDaemonJvm(p.pid())) ProcessHandle.of(p.pid()).ifPresent(jvms::add);
        if (jvms.isEmpty() && process.isAlive()) throw new IllegalStateException("no berthd JVM under pid " + process.pid());
        for (ProcessHandle h : jvms) h.destroyForcibly();
        for (ProcessHandle h : jvms) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("berthd pid " + h.pid() + " survived SIGKILL", e);
            }
        }
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private boolean isDaemonJvm(long pid) {
        String cmd = cmdline(pid);
        return cmd.contains("dev.berth.daemon.Main") && cmd.contains(" --data-root " + dataRoot() + " ");
    }

    /** A process on the host, from /proc. */
    record Proc(long pid, long ppid, List<String> argv, String cgroups) {
        String cmdline() { return String.join(" ", argv) + " "; }

        /** The argument after {@code flag}, or null. */
        String argAfter(String flag) {
            int i = argv.indexOf(flag);
            return i >= 0 && i + 1 < argv.size() ? argv.get(i + 1) : null;
        }

        /** The container id of the first cgroup under {@code berth-<suffix>/<id>}, or null. */
        String containerCgroup(String suffix) {
            var m = java.util.regex.Pattern.compile("/berth-" + suffix + "/([0-9a-f]{64})").matcher(cgroups);
            return m.find() ? m.group(1) : null;
        }
    }

    /** Every process of the host (those that exit while being read are skipped). */
    static List<Proc> processes() {
        List<Proc> all = new java.util.ArrayList<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : dirs.toList()) {
                String name = d.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                try {
                    byte[] raw = Files.readAllBytes(d.resolve("cmdline"));
                    List<String> argv = new java.util.ArrayList<>();
                    int start = 0;
                    for (int i = 0; i < raw.length; i++) {
                        if (raw[i] == 0) {
                            argv.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                            start = i + 1;
                        }
                    }
                    if (start < raw.length) argv.add(new String(raw, start, raw.length - start, StandardCharsets.UTF_8));
                    String stat = Files.readString(d.resolve("stat"));
                    long ppid = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
                    all.add(new Proc(Long.parseLong(name), ppid, argv, Files.readString(d.resolve("cgroup"))));
                } catch (IOException | RuntimeException gone) {
                    // exited meanwhile, or a kernel thread
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return all;
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** The six hex digits berthd names its bridge ({@code berth<suffix>}) and cgroup parent ({@code berth-<suffix>}) after. */
    String cgroupSuffix() {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(dataRoot().toString().getBytes(StandardCharsets.UTF_8))).substring(0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Removes by force what containers of this daemon left on the host after the daemon's own
     * clean-up (a test that found leaks must not leave them to the next test or run): container
     * processes and conmons, runc state, rootfs mounts, container cgroups and directories. The
     * daemon keeps running; returns what was removed.
     */
    List<String> scrubContainerLeftovers() throws IOException, InterruptedException {
        List<String> done = new java.util.ArrayList<>();
        String suffix = cgroupSuffix();
        for (Proc p : processes()) {
            if (p.cmdline().contains("dev.berth.daemon.Main")) continue;
            if (p.containerCgroup(suffix) != null || (p.cmdline().contains(tmp + "/") && (p.cmdline().contains("conmon") || p.cmdline().contains("runc")))) {
                ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly);
                done.add("killed " + p.pid() + " " + p.cmdline().strip());
            }
        }
        Thread.sleep(300);
        Path runcRoot = execRoot().resolve("runc");
        if (Files.isDirectory(runcRoot)) {
            try (var s = Files.list(runcRoot)) {
                for (Path d : s.toList()) {
                    new ProcessBuilder("runc", "--root", runcRoot.toString(), "delete", "-f", d.getFileName().toString())
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
                    done.add("runc delete " + d.getFileName());
                }
            }
        }
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo")).reversed()) {
            String mp = line.split(" ")[4];
            if (mp.startsWith(dataRoot().resolve("containers") + "/")) {
                new ProcessBuilder("umount", "-l", mp).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
                done.add("umount " + mp);
            }
        }
        try (var hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path h : hierarchies.toList()) {
                Path parent = h.resolve("berth-" + suffix);
                if (!Files.isDirectory(parent)) continue;
                try (var s = Files.list(parent)) {
                    for (Path d : s.filter(Files::isDirectory).toList()) {
                        try (var walk = Files.walk(d)) {
                            for (Path x : walk.filter(Files::isDirectory).sorted(java.util.Comparator.reverseOrder()).toList()) {
                                try {
                                    Files.delete(x);
                                    done.add("rmdir " + x);
                                } catch (IOException busy) {
                                    done.add("could not rmdir " + x + ": " + busy.getMessage());
                                }
                            }
                        }
                    }
                }
            }
        }
        return done;
    }

    Path socket() { return socket; }
    Path tmp() { return tmp; }
    Path dataRoot() { return tmp.resolve("data"); }
    Path execRoot() { return tmp.resolve("run"); }
    String dockerHost() { return "unix://" + socket; }
    long pid() { return process.pid(); }

    /** The docker CLI against this daemon; a test using it is skipped where the CLI is not installed. */
    Result docker(String... args) throws IOException, InterruptedException {
        org.junit.jupiter.api.Assumptions.assumeTrue(dockerCliOnPath(), "docker CLI not on PATH");
        String[] cmd = new String[args.length + 1];
        cmd[0] = "docker";
        System.arraycopy(args, 0, cmd, 1, args.length);
        return run(cmd);
    }

    /** {@code docker ARGS}, which must succeed: its standard output, trimmed. */
    String dockerOut(String... args) throws IOException, InterruptedException {
        Result r = docker(args);
        if (r.code() != 0) throw new AssertionError(String.join(" ", args) + " exited " + r.code() + ": " + r.err());
        return r.out().trim();
    }

    /** A docker-java client of this daemon; the caller closes it. */
    com.github.dockerjava.api.DockerClient dockerJava() {
        var config = com.github.dockerjava.core.DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost()).build();
        return com.github.dockerjava.core.DockerClientImpl.getInstance(config,
                new com.github.dockerjava.zerodep.ZerodepDockerHttpClient.Builder().dockerHost(java.net.URI.create(dockerHost())).build());
    }

    /** Runs a client command with DOCKER_HOST pointing at this daemon; stdin is empty. */
    Result run(String... cmd) throws IOException, InterruptedException {
        return runWithInput(null, cmd);
    }

    Result runWithInput(String stdin, String... cmd) throws IOException, InterruptedException {
        return runWithEnv(Map.of(), stdin, cmd);
    }

    /** As {@link #runWithInput}, with more environment variables (DOCKER_CONFIG...). */
    Result runWithEnv(Map<String, String> extraEnv, String stdin, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("DOCKER_HOST", dockerHost());
        env.put("BERTH_HOST", dockerHost());
        env.putAll(extraEnv);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Path in = Files.createTempFile(tmp, "in", ".txt");
        if (stdin != null) Files.writeString(in, stdin);
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.from(in.toFile()))
                .start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", cmd));
        }
        try {
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            Files.deleteIfExists(in);
        }
    }

    /** One HTTP/1.1 request over the socket with Connection: close. */
    HttpReply http(String method, String path, String body) throws IOException {
        return http(method, path, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    HttpReply http(String method, String path, byte[] b, String contentType) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            String req = method + " " + path + " HTTP/1.1\r\nHost: berth\r\nConnection: close\r\nContent-Type: " + contentType + "\r\nContent-Length: " + b.length + "\r\n\r\n";
            ch.write(ByteBuffer.wrap(req.getBytes(StandardCharsets.ISO_8859_1)));
            ch.write(ByteBuffer.wrap(b));
            var all = new java.io.ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (ch.read(buf) > 0) {
                all.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            String resp = all.toString(StandardCharsets.UTF_8);
            int split = resp.indexOf("\r\n\r\n");
            return new HttpReply(resp.substring(0, resp.indexOf("\r\n")), resp.substring(0, split), resp.substring(split + 4));
        }
    }

    @Override
    public void close() throws Exception {
        if (process == null) return;
        // A daemon that died under a test is a finding, and its log the only witness: keep the log
        // for the failure, and relaunch so the clean-up below still removes what it left.
        // (exit 137 is a SIGKILL: after a kill9() whose test failed before relaunching, that test's doing)
        String death = process.isAlive() ? null
                : "berthd died during the tests (exit " + process.exitValue() + "); its log:\n" + Files.readString(tmp.resolve("berthd.log"));
        if (death != null) {
            try {
                launch();
            } catch (IOException | RuntimeException e) {
                throw new AssertionError(death + "\n(and it did not start again for the clean-up: " + e.getMessage() + ")", e);
            }
        }
        // Remove every container through the API so runc state, cgroups and veths go with them.
        HttpReply list = http("GET", "/containers/json?all=1", null);
        var ids = new java.util.ArrayList<String>();
        var m = java.util.regex.Pattern.compile("\"Id\":\"([0-9a-f]{64})\"").matcher(list.body());
        while (m.find()) ids.add(m.group(1));
        for (String id : ids) http("DELETE", "/containers/" + id + "?force=1&v=1", null);
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
        if (mounts.contains(" " + tmp)) throw new AssertionError("mounts under " + tmp + " survived the daemon");
        try {
            assertNoHostLeftovers();
        } finally {
            new ProcessBuilder("rm", "-rf", "--one-file-system", tmp.toString()).start().waitFor();
        }
        if (death != null) throw new AssertionError(death);
    }

    /** The bridge, its iptables rules and the cgroup parent are named after the data root; all must be gone. */
    private void assertNoHostLeftovers() throws Exception {
        String suffix = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(dataRoot().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 6);
        List<String> leftovers = new java.util.ArrayList<>();
        if (Files.exists(Path.of("/sys/class/net/berth" + suffix))) leftovers.add("bridge berth" + suffix);
        Result rules = run("iptables-save");
        if (rules.out().contains("berth:berth" + suffix)) leftovers.add("iptables rules berth:berth" + suffix);
        if (rules.out().contains("BERTH-ISO-berth" + suffix)) leftovers.add("iptables chain BERTH-ISO-berth" + suffix);
        // user-defined networks' bridges, as berthd recorded making them
        Path made = dataRoot().resolve("network/user/bridges-made");
        if (Files.exists(made)) {
            for (String br : Files.readAllLines(made)) {
                if (br.isBlank()) continue;
                if (Files.exists(Path.of("/sys/class/net", br))) leftovers.add("bridge " + br);
                if (rules.out().contains("berth:" + br + "\"") || rules.out().contains("berth:" + br + " ")) leftovers.add("iptables rules berth:" + br);
            }
        }
        try (var hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path h : hierarchies.toList()) if (Files.isDirectory(h.resolve("berth-" + suffix))) leftovers.add("cgroup " + h.resolve("berth-" + suffix));
        }
        if (!leftovers.isEmpty()) throw new AssertionError("berthd left host state behind: " + leftovers);
    }
}
