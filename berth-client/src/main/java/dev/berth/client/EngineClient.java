package dev.berth.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.client.http.Connection;
import dev.berth.client.http.Request;
import dev.berth.client.http.ResponseHead;
import dev.berth.client.stream.HijackedStream;
import dev.berth.client.json.JsonNodes;
import dev.berth.dockerapi.ApiVersion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The Engine API client: opens connections to one daemon, negotiates the API version once (as the
 * docker CLI does: {@code HEAD /_ping}, then every path is prefixed with {@code /vX.Y} where X.Y is
 * the lower of the daemon's {@code Api-Version} and {@link ApiVersion#MAX}), and turns error
 * statuses into {@link ApiException}s carrying the daemon's message.
 *
 * <pre>
 *   client.json(Request.get("/containers/json", q))      → JsonNode
 *   client.open(Request.get("/containers/x/logs", q))    → Response (streamed body)
 *   client.hijack(Request.post("/containers/x/attach"))  → HijackedStream (raw two-way pipe)
 * </pre>
 */
public final class EngineClient {
    private final DockerHost host;
    private Ping ping;

    public EngineClient(DockerHost host) {
        this.host = host;
    }

    public DockerHost host() {
        return host;
    }

    /** Pings the daemon on first use; later calls return the cached answer. */
    public synchronized Ping ping() throws IOException {
        if (ping == null) ping = doPing();
        return ping;
    }

    /** The API version requests are sent with. */
    public ApiVersion version() throws IOException {
        ApiVersion server = ping().serverVersion();
        return server.compareTo(ApiVersion.MAX) < 0 ? server : ApiVersion.MAX;
    }

    private Ping doPing() throws IOException {
        ResponseHead head = null;
        for (String method : new String[]{"HEAD", "GET"}) {
            try (Connection c = connect()) {
                c.send(method, "/_ping", Map.of(), dev.berth.client.http.Body.NONE);
                head = c.readHead();
            }
            if (head.status() == 200) break;
        }
        String v = head.header("api-version");
        // a daemon that does not say is assumed to be the oldest we speak, as the docker CLI does
        ApiVersion server = v == null || v.isBlank() ? ApiVersion.MIN : ApiVersion.parse(v.trim());
        String os = head.header("ostype");
        return new Ping(server, os == null ? "linux" : os, "true".equals(head.header("docker-experimental")));
    }

    private Connection connect() {
        SocketChannel ch;
        try {
            ch = host.connect();
        } catch (IOException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage();
            if (msg.toLowerCase().contains("permission denied")) {
                throw new DaemonUnreachableException(host, "permission denied while trying to connect to the berth daemon socket at "
                        + host + ": connect: permission denied", e);
            }
            throw new DaemonUnreachableException(host, null, e);
        }
        return new Connection(ch);
    }

    private Connection sendRequest(Request r) throws IOException {
        String prefix = "/v" + version();
        Connection c = connect();
        try {
            c.send(r.method(), r.target(prefix), r.headers(), r.body());
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Sends the request and returns the response with its body unread; error statuses throw. */
    public Response open(Request r) throws IOException {
        Connection c = sendRequest(r);
        try {
            ResponseHead head = c.readHead();
            InputStream body = c.body(head, r.method().equals("HEAD"));
            if (head.status() >= 400) throw error(head.status(), body);
            return new Response(head, body, c);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Sends the request and reads the whole body as JSON (an empty body gives an empty object). */
    public JsonNode json(Request r) throws IOException {
        try (Response res = open(r)) {
            return JsonNodes.parse(res.body().readAllBytes());
        }
    }

    /** Sends the request and discards the body. Returns the status (304 means "nothing to do"). */
    public int call(Request r) throws IOException {
        try (Response res = open(r)) {
            res.body().transferTo(java.io.OutputStream.nullOutputStream());
            return res.status();
        }
    }

    /**
     * Sends an upgrading request (attach, exec start). The daemon answers {@code 101 UPGRADED} or,
     * for older servers, {@code 200}; after that the connection is a raw stream.
     */
    public HijackedStream hijack(Request r) throws IOException {
        Request upgrading = r.withHeader("Connection", "Upgrade").withHeader("Upgrade", "tcp");
        Connection c = sendRequest(upgrading);
        try {
            ResponseHead head = c.readHead();
            if (head.status() >= 400) throw error(head.status(), c.body(head, false));
            if (head.status() != 101 && head.status() != 200) {
                throw new IOException("unable to upgrade to tcp, received " + head.status());
            }
            return new HijackedStream(c, head.header("content-type"));
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static ApiException error(int status, InputStream body) throws IOException {
        byte[] raw = body.readAllBytes();
        String text = new String(raw, StandardCharsets.UTF_8).trim();
        try {
            JsonNode n = JsonNodes.parse(raw);
            if (n.hasNonNull("message")) return new ApiException(status, n.get("message").asText());
        } catch (RuntimeException notJson) {
            // fall through to the raw text
        }
        return new ApiException(status, text.isEmpty() ? "HTTP " + status : text);
    }
}
