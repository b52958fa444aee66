package dev.berth.registry.server;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** Everything {@code berth registry serve} is told. {@code port} 0 asks the kernel for a free one. */
public record ServeOptions(String host, int port, Path root, Optional<Path> htpasswd,
                           Optional<Path> tlsCert, Optional<Path> tlsKey, Optional<URI> proxy) {
    public ServeOptions {
        if (tlsCert.isPresent() != tlsKey.isPresent()) throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("invalid port " + port);
    }

    /** Parses {@code HOST:PORT}, {@code :PORT} (all interfaces) or {@code [v6]:PORT}. */
    public static String[] splitAddress(String addr) {
        int colon = addr.lastIndexOf(':');
        if (colon < 0) throw new IllegalArgumentException("--addr must be HOST:PORT, got " + addr);
        String host = addr.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        return new String[] {host.isEmpty() ? "0.0.0.0" : host, addr.substring(colon + 1)};
    }
}
