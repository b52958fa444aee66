package dev.berth.daemon.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpServerTest {
    @TempDir Path dir;

    private static final HttpHandler PONG = (req, resp) -> resp.send(200, "text/plain", "OK".getBytes(StandardCharsets.UTF_8));

    @Test
    void theSocketAppearsListeningWithItsModeAndNothingElseInItsDirectory() throws Exception {
        Path socket = dir.resolve("api.sock");
        Files.writeString(socket, "stale, as after a crash");
        Files.writeString(dir.resolve(".berthd-2147483646.sock"), "left by a daemon that died between bind and rename");
        try (HttpServer server = new HttpServer(socket, PONG, Map.of())) {
            assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            try (var listing = Files.list(dir)) {
                assertEquals(java.util.List.of(socket), listing.toList(), "the staging names, ours and the dead one's, are gone");
            }
            assertTrue(get(socket).startsWith("HTTP/1.1 200"));
        }
        assertFalse(Files.exists(socket), "closing removes the socket");
    }

    @Test
    void aPathTooLongForAStagingNameIsBoundInPlace() throws Exception {
        // the JDK binds paths of up to 106 bytes: leave room for the socket's own name but not for ".berthd-<pid>.sock"
        Path deep = dir;
        while (deep.toString().length() < 96) deep = deep.resolve("d");
        Files.createDirectories(deep);
        Path socket = deep.resolve("s".repeat(105 - deep.toString().length()));
        try (HttpServer server = new HttpServer(socket, PONG, Map.of())) {
            assertTrue(get(socket).startsWith("HTTP/1.1 200"));
        }
    }

    private static String get(Path socket) throws Exception {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap("GET /_ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            var all = new java.io.ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (ch.read(buf) > 0) {
                all.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}
