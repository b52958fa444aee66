package dev.berth.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.client.api.ContainerApi;
import dev.berth.client.api.PendingWait;
import dev.berth.client.http.Query;
import dev.berth.client.http.Request;
import dev.berth.client.stream.HijackedStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client against a scripted fake daemon on a unix socket: what it sends, and how it reads answers. */
class EngineClientTest {
    @TempDir
    Path dir;
    private ServerSocketChannel server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile String stdinSeen;

    @BeforeEach
    void start() throws IOException {
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(dir.resolve("fake.sock")));
        Thread.ofVirtual().start(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel c = server.accept();
                    Thread.ofVirtual().start(() -> serve(c));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    /** One request per connection, answered from a small script keyed by method and path. */
    private void serve(SocketChannel c) {
        try (c) {
            InputStream in = Channels.newInputStream(c);
            OutputStream out = Channels.newOutputStream(c);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
            String line = r.readLine();
            String h;
            boolean upgrade = false;
            while ((h = r.readLine()) != null && !h.isEmpty()) upgrade |= h.equalsIgnoreCase("Upgrade: tcp");
            requests.add(line);
            String target = line.split(" ")[1];
            String reply;
            if (line.startsWith("HEAD /_ping")) {
                reply = "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nOstype: linux\r\nContent-Length: 0\r\n\r\n";
            } else if (target.startsWith("/v1.41/containers/create")) {
                reply = json(409, "{\"message\":\"Conflict. The container name \\\"/web\\\" is already in use\"}\n");
            } else if (target.startsWith("/v1.41/containers/missing/json")) {
                reply = json(404, "{\"message\":\"No such container: missing\"}\n");
            } else if (target.startsWith("/v1.41/containers/web/json")) {
                reply = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "a\r\n{\"Id\":\"ab\"\r\n1\r\n}\r\n0\r\n\r\n";
            } else if (target.startsWith("/v1.41/containers/web/wait")) {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                Thread.sleep(200);
                reply = "1e\r\n{\"Error\":null,\"StatusCode\":7}\n\r\n0\r\n\r\n";
            } else if (target.startsWith("/v1.41/containers/web/attach") && upgrade) {
                out.write("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                // echo stdin until the client half-closes, framed as stdout
                String stdin = r.readLine();
                stdinSeen = stdin;
                byte[] p = (stdin + "\n").getBytes(StandardCharsets.UTF_8);
                out.write(new byte[]{1, 0, 0, 0, 0, 0, 0, (byte) p.length});
                out.write(p);
                out.flush();
                return;
            } else {
                reply = json(404, "{\"message\":\"page not found\"}\n");
            }
            out.write(reply.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException | InterruptedException ignored) {
            // test over
        }
    }

    private static String json(int status, String body) {
        return "HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private EngineClient client() {
        return new EngineClient(DockerHost.parse("unix://" + dir.resolve("fake.sock")));
    }

    @Test
    void negotiatesTheDaemonsOlderVersionOnce() throws IOException {
        EngineClient c = client();
        JsonNode n = c.json(Request.get("/containers/web/json", Query.of()));
        assertEquals("ab", n.path("Id").asText(), "chunked JSON bodies are reassembled");
        c.json(Request.get("/containers/web/json", Query.of()));
        assertEquals(List.of("HEAD /_ping HTTP/1.1", "GET /v1.41/containers/web/json HTTP/1.1", "GET /v1.41/containers/web/json HTTP/1.1"), requests);
    }

    @Test
    void errorsCarryStatusAndDaemonMessage() {
        ContainerApi api = new ContainerApi(client());
        ApiException notFound = assertThrows(ApiException.class, () -> api.inspect("missing", false));
        assertEquals(404, notFound.status());
        assertEquals("No such container: missing", notFound.getMessage());
        ApiException conflict = assertThrows(ApiException.class, () -> api.create("web", dev.berth.client.json.JsonNodes.object()));
        assertEquals(409, conflict.status());
        assertTrue(conflict.getMessage().startsWith("Conflict. The container name \"/web\""));
    }

    @Test
    void waitReturnsAfterHeadersAndDeliversTheStatusLater() throws IOException {
        ContainerApi api = new ContainerApi(client());
        long t0 = System.nanoTime();
        try (PendingWait w = api.waitFor("web", "next-exit")) {
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 150, "returns at the headers, before the body");
            assertEquals(new PendingWait.Result(7, null), w.await());
        }
        assertTrue(requests.contains("POST /v1.41/containers/web/wait?condition=next-exit HTTP/1.1"), requests.toString());
    }

    @Test
    void hijackedAttachIsATwoWayStreamWithHalfClose() throws IOException {
        ContainerApi api = new ContainerApi(client());
        try (HijackedStream h = api.attach("web", new ContainerApi.AttachOptions(true, true, true, false, null))) {
            assertEquals("application/vnd.docker.raw-stream", h.contentType());
            h.input().write("typed\n".getBytes(StandardCharsets.UTF_8));
            h.closeInput();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            dev.berth.client.stream.FrameDemuxer.copy(h.output(), out, OutputStream.nullOutputStream());
            assertEquals("typed\n", out.toString(StandardCharsets.UTF_8));
        }
        assertEquals("typed", stdinSeen);
        assertTrue(requests.contains("POST /v1.41/containers/web/attach?stderr=1&stdin=1&stdout=1&stream=1 HTTP/1.1"), requests.toString());
    }

    @Test
    void aMissingSocketIsAnUnreachableDaemon() {
        EngineClient c = new EngineClient(DockerHost.parse("unix://" + dir.resolve("nope.sock")));
        DaemonUnreachableException e = assertThrows(DaemonUnreachableException.class, c::ping);
        assertEquals("Cannot connect to the berth daemon at unix://" + dir.resolve("nope.sock") + ". Is the berth daemon running?", e.getMessage());
    }
}
