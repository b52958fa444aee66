package dev.berth.client.http;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpCodecTest {
    private static InputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void writesRequestHeads() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "api.moby.localhost");
        h.put("Connection", "Upgrade");
        HttpCodec.writeHead(out, "POST", "/v1.44/containers/x/attach?stream=1", h);
        assertEquals("POST /v1.44/containers/x/attach?stream=1 HTTP/1.1\r\nHost: api.moby.localhost\r\nConnection: Upgrade\r\n\r\n",
                out.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void readsResponseHeadsIncludingUpgrades() throws IOException {
        InputStream s = in("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\nraw bytes");
        ResponseHead h = HttpCodec.readHead(s);
        assertEquals(101, h.status());
        assertEquals("UPGRADED", h.reason());
        assertEquals("application/vnd.docker.raw-stream", h.header("Content-Type"));
        assertEquals("raw bytes", new String(s.readAllBytes(), StandardCharsets.ISO_8859_1), "the stream stays positioned after the head");
        assertEquals(null, HttpCodec.readHead(in("")));
        assertThrows(IOException.class, () -> HttpCodec.readHead(in("garbage\r\n\r\n")));
    }

    @Test
    void chunkedBodiesInBothDirections() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ChunkedOutputStream c = new ChunkedOutputStream(wire);
        c.write("hello ".getBytes(StandardCharsets.UTF_8));
        c.write("world".getBytes(StandardCharsets.UTF_8));
        c.finish();
        assertEquals("6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n", wire.toString(StandardCharsets.ISO_8859_1));
        InputStream body = new ChunkedInputStream(new ByteArrayInputStream(wire.toByteArray()));
        assertEquals("hello world", new String(body.readAllBytes(), StandardCharsets.UTF_8));
        InputStream ext = new ChunkedInputStream(in("4;name=x\r\nabcd\r\n0\r\nTrailer: 1\r\n\r\nNEXT"));
        assertEquals("abcd", new String(ext.readAllBytes(), StandardCharsets.UTF_8));
        assertThrows(IOException.class, () -> new ChunkedInputStream(in("5\r\nab")).readAllBytes());
    }

    @Test
    void chunkedReadsReturnWhatIsAvailable() throws IOException {
        // a streamed wait body: the daemon flushes the headers, and the JSON only at exit
        InputStream body = new ChunkedInputStream(in("1e\r\n{\"Error\":null,\"StatusCode\":3}\n\r\n0\r\n\r\n"));
        byte[] buf = new byte[1024];
        int n = body.read(buf);
        assertEquals("{\"Error\":null,\"StatusCode\":3}\n", new String(buf, 0, n, StandardCharsets.UTF_8));
        assertEquals(-1, body.read(buf));
    }

    @Test
    void queriesAreEncodedLikeGo() {
        Query q = Query.of().add("filters", "{\"label\":{\"a=b\":true}}").flag("all", true).flag("size", false).addIfPresent("x", "");
        assertEquals("filters=%7B%22label%22%3A%7B%22a%3Db%22%3Atrue%7D%7D&all=1", q.encode());
        assertEquals("fromImage=docker.io%2Flibrary%2Fbusybox", Query.of().add("fromImage", "docker.io/library/busybox").encode());
        assertEquals("/images/127.0.0.1:5000/app:1/json", "/images/" + Paths.segment("127.0.0.1:5000/app:1") + "/json");
        assertTrue(Paths.segment("a b").equals("a%20b"));
    }
}
