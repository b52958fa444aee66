package dev.berth.client;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.io.IOException;

/**
 * Where the daemon listens, in Docker's {@code -H} syntax: {@code unix:///path/to.sock} or
 * {@code tcp://host:port}. A bare absolute path is taken as a unix socket, as dockerd does.
 */
public record DockerHost(Kind kind, String address, int port) {
    /** The default socket of berthd. */
    public static final String DEFAULT = "unix:///run/berth/berth.sock";

    public enum Kind { UNIX, TCP }

    public DockerHost {
        if (address == null || address.isEmpty()) throw new IllegalArgumentException("empty daemon address");
    }

    public static DockerHost parse(String spec) {
        String s = spec.trim();
        if (s.startsWith("unix://")) return new DockerHost(Kind.UNIX, s.substring("unix://".length()), 0);
        if (s.startsWith("/")) return new DockerHost(Kind.UNIX, s, 0);
        if (s.startsWith("tcp://") || s.startsWith("http://")) {
            String rest = s.substring(s.indexOf("://") + 3);
            int slash = rest.indexOf('/');
            if (slash >= 0) rest = rest.substring(0, slash);
            int colon = rest.lastIndexOf(':');
            if (colon < 0) return new DockerHost(Kind.TCP, rest, 2375);
            try {
                return new DockerHost(Kind.TCP, rest.substring(0, colon), Integer.parseInt(rest.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid port in daemon address: " + spec);
            }
        }
        throw new IllegalArgumentException("unsupported daemon address " + spec + ": use unix:///path or tcp://host:port");
    }

    /** Opens a blocking channel to the daemon. */
    public SocketChannel connect() throws IOException {
        SocketAddress target = kind == Kind.UNIX ? UnixDomainSocketAddress.of(address) : new InetSocketAddress(address, port);
        SocketChannel ch = SocketChannel.open(kind == Kind.UNIX ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
        try {
            ch.connect(target);
            return ch;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return kind == Kind.UNIX ? "unix://" + address : "tcp://" + address + ":" + port;
    }
}
