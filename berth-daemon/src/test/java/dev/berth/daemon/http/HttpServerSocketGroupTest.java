package dev.berth.daemon.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** -G/--group on a real socket: needs root to make a group and chown to it. */
@Tag("root")
class HttpServerSocketGroupTest {
    @TempDir Path dir;
    private String group;
    private int gid;
    private final List<String> warnings = new ArrayList<>();

    private static final HttpHandler PONG = (req, resp) -> resp.send(200, "text/plain", "OK".getBytes(StandardCharsets.UTF_8));

    @BeforeEach
    void makeGroup() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "skipped: needs root (groupadd, chown)");
        group = "berthtest" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        assertEquals(0, run("groupadd", group).code, "groupadd " + group);
        gid = Integer.parseInt(run("getent", "group", group).out.split(":")[2]);
    }

    @AfterEach
    void removeGroup() throws Exception {
        if (group != null) run("groupdel", group);
    }

    @Test
    void theSocketAppearsWithTheGroupAndMode0660() throws Exception {
        Path socket = dir.resolve("api.sock");
        try (HttpServer server = new HttpServer(socket, SocketGroup.resolve(group, warnings::add), PONG, Map.of())) {
            assertEquals(group + " 660", stat(socket));
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void aNumericGroupIsAGid() throws Exception {
        Path socket = dir.resolve("api.sock");
        try (HttpServer server = new HttpServer(socket, SocketGroup.resolve(Integer.toString(gid), warnings::add), PONG, Map.of())) {
            assertEquals(group + " 660", stat(socket));
        }
    }

    @Test
    void theDefaultGroupIsUsedWhenItExists() throws Exception {
        Path socket = dir.resolve("api.sock");
        try (HttpServer server = new HttpServer(socket, SocketGroup.resolve(group, group, warnings::add), PONG, Map.of())) {
            assertEquals(group + " 660", stat(socket));
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void withoutABerthGroupTheDefaultWarnsAndKeepsRoot() throws Exception {
        assumeTrue(run("getent", "group", SocketGroup.DEFAULT).code != 0, "skipped: this host has a berth group");
        Path socket = dir.resolve("api.sock");
        try (HttpServer server = new HttpServer(socket, SocketGroup.resolve(SocketGroup.DEFAULT, warnings::add), PONG, Map.of())) {
            assertEquals("root 660", stat(socket));
        }
        assertEquals(List.of("could not change the API socket's group to berth: group berth not found (it stays the daemon's)"), warnings);
        try (HttpServer server = new HttpServer(socket, SocketGroup.resolve("", warnings::add), PONG, Map.of())) {
            assertEquals("root 660", stat(socket), "an empty --group: the daemon's own group, silently");
        }
        assertEquals(1, warnings.size());
    }

    @Test
    void anUnknownGroupGivenExplicitlyFailsTheStart() throws Exception {
        String unknown = group + "x";
        var e = assertThrows(IllegalStateException.class, () -> SocketGroup.resolve(unknown, warnings::add));
        assertEquals("group " + unknown + " not found", e.getMessage());
        assertTrue(warnings.isEmpty());
    }

    private static String stat(Path socket) throws Exception {
        Result r = run("stat", "-c", "%G %a", socket.toString());
        assertEquals(0, r.code, r.out);
        return r.out.trim();
    }

    private record Result(int code, String out) {}

    private static Result run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }
}
