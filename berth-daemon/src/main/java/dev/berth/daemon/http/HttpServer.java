package dev.berth.daemon.http;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * HTTP/1.1 on a unix domain socket, one virtual thread per connection, plain blocking I/O.
 * Hijacking (attach, exec) is just keeping the socket: no event loop to hand it back to.
 */
public final class HttpServer implements AutoCloseable {
    /** The longest socket path the JDK binds (measured on JDK 25; sun_path itself is 108 bytes). */
    private static final int MAX_SOCKET_PATH = 106;
    private static final String STAGING_PREFIX = ".berthd-";

    private final ServerSocketChannel server;
    private final Path socket;
    private final Thread acceptor;

    /** A socket of the daemon's own group. */
    public HttpServer(Path socket, HttpHandler handler, Map<String, String> commonHeaders) throws IOException {
        this(socket, SocketGroup.DAEMON, handler, commonHeaders);
    }

    /** A socket {@code rw-rw----} owned by {@code group}. */
    public HttpServer(Path socket, SocketGroup group, HttpHandler handler, Map<String, String> commonHeaders) throws IOException {
        this.socket = socket;
        Files.createDirectories(socket.getParent());
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        // bind() makes the file and listen() makes it answer: a client that sees the file in between
        // gets ECONNREFUSED. So the socket listens (with its final mode) under a private name first
        // and is renamed into place, making "the socket exists" mean "the daemon answers". Its group too
        // is set before the rename: the socket never shows up with another owner.
        Path staging = socket.resolveSibling(STAGING_PREFIX + ProcessHandle.current().pid() + ".sock");
        if (staging.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) staging = socket;
        sweepStaging(socket.getParent());
        try {
            Files.deleteIfExists(staging);
            server.bind(UnixDomainSocketAddress.of(staging), 128);
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rw-rw----"));
            group.applyTo(staging);
            if (!staging.equals(socket)) Files.move(staging, socket, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            server.close();
            if (!staging.equals(socket)) Files.deleteIfExists(staging);
            throw e;
        }
        acceptor = Thread.ofPlatform().name("api-accept-" + socket.getFileName()).start(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel ch = server.accept();
                    Thread.ofVirtual().name("api-conn").start(new HttpConnection(ch, handler, commonHeaders));
                } catch (IOException e) {
                    if (!server.isOpen()) return;
                }
            }
        });
    }

    /** Staging names of daemons that died between bind and rename; a live one renames within ms. */
    private static void sweepStaging(Path dir) {
        try (var entries = Files.newDirectoryStream(dir, STAGING_PREFIX + "*.sock")) {
            for (Path p : entries) {
                String pid = p.getFileName().toString().substring(STAGING_PREFIX.length()).replace(".sock", "");
                boolean alive = pid.matches("\\d+") && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // nothing to sweep, or not ours to sweep
        }
    }

    public Path socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
        acceptor.interrupt();
    }
}
