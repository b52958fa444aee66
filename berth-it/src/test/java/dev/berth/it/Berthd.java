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

    /** SIGKILLs the daemon, as a crash would; containers and their conmons must live on. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    Path socket() { return socket; }
    Path tmp() { return tmp; }
    Path dataRoot() { return tmp.resolve("data"); }
    Path execRoot() { return tmp.resolve("run"); }
    String dockerHost() { return "unix://" + socket; }
    long pid() { return process.pid(); }

    /** Runs a client command with DOCKER_HOST pointing at this daemon; stdin is empty. */
    Result run(String... cmd) throws IOException, InterruptedException {
        return runWithInput(null, cmd);
    }

    Result runWithInput(String stdin, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("DOCKER_HOST", dockerHost());
        env.put("BERTH_HOST", dockerHost());
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
        try (var hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path h : hierarchies.toList()) if (Files.isDirectory(h.resolve("berth-" + suffix))) leftovers.add("cgroup " + h.resolve("berth-" + suffix));
        }
        if (!leftovers.isEmpty()) throw new AssertionError("berthd left host state behind: " + leftovers);
    }
}
