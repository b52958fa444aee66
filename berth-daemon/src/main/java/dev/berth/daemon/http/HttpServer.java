package dev.berth.daemon.http;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * HTTP/1.1 on a unix domain socket, one virtual thread per connection, plain blocking I/O.
 * Hijacking (attach, exec) is just keeping the socket: no event loop to hand it back to.
 */
public final class HttpServer implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Path socket;
    private final Thread acceptor;

    public HttpServer(Path socket, HttpHandler handler, Map<String, String> commonHeaders) throws IOException {
        this.socket = socket;
        Files.createDirectories(socket.getParent());
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket), 128);
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
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
