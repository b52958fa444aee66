package dev.berth.engine.network.ports;

import dev.berth.common.errors.BerthException;

import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host ports published ports hold. Each is bound by berthd for as long as the container runs (a
 * listening TCP socket nobody accepts on, or a UDP socket nobody reads): the bind is how a port a
 * host process already holds is found, and it keeps any process from taking the port later. The
 * kernel's NAT rules forward the traffic before it ever reaches these sockets. Ports berthd holds for
 * another container are told apart first, with dockerd's "port is already allocated".
 *
 * <p>Binding is a plain non-blocking JDK channel call: safe on a virtual thread.
 */
final class HostPortReservations {
    private record Held(String owner, String proto, String ip, int port, Closeable socket) {}

    private final Map<String, List<Held>> byOwner = new HashMap<>();

    /**
     * Takes a host port for {@code owner}; returns the port bound. Fails with dockerd's messages:
     * another container's port is "already allocated", a host process's "address already in use".
     */
    synchronized int reserve(String owner, RequestedPort want, String endpointLabel) {
        if (want.ephemeral()) return bind(owner, want.proto(), want.hostIp(), 0, endpointLabel);
        BerthException last = null;
        for (int port = want.hostLow(); port <= want.hostHigh(); port++) {
            if (allocated(want.proto(), want.hostIp(), port)) {
                last = new BerthException.Internal(endpointLabel + "Bind for " + want.hostIp() + ":" + port + " failed: port is already allocated");
                continue;
            }
            try {
                return bind(owner, want.proto(), want.hostIp(), port, endpointLabel);
            } catch (BerthException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Takes again the exact ports a container held before a daemon restart; returns what could not be bound. */
    synchronized List<String> retake(String owner, List<PublishedPort> ports) {
        List<String> failed = new ArrayList<>();
        for (PublishedPort p : ports) {
            try {
                bind(owner, p.proto(), p.hostIp(), p.hostPort(), "");
            } catch (BerthException e) {
                failed.add(e.getMessage());
            }
        }
        return failed;
    }

    /** Closes every socket {@code owner} holds. */
    synchronized void release(String owner) {
        List<Held> held = byOwner.remove(owner);
        if (held == null) return;
        for (Held h : held) closeQuietly(h.socket());
    }

    synchronized void releaseAll() {
        for (String owner : List.copyOf(byOwner.keySet())) release(owner);
    }

    /** As dockerd's allocator: the same port on the same address, or on every address on either side. */
    private boolean allocated(String proto, String ip, int port) {
        for (List<Held> list : byOwner.values()) {
            for (Held h : list) {
                if (h.port() == port && h.proto().equals(proto)
                        && (h.ip().equals(ip) || h.ip().equals("0.0.0.0") || ip.equals("0.0.0.0"))) return true;
            }
        }
        return false;
    }

    private int bind(String owner, String proto, String ip, int port, String endpointLabel) {
        NetworkChannel ch = null;
        try {
            InetSocketAddress at = new InetSocketAddress(java.net.InetAddress.getByName(ip), port);
            if (proto.equals("udp")) {
                ch = DatagramChannel.open(StandardProtocolFamily.INET).bind(at);
            } else {
                ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.INET);
                ch = s;
                s.bind(at, 1);
            }
            int bound = ((InetSocketAddress) ch.getLocalAddress()).getPort();
            byOwner.computeIfAbsent(owner, k -> new ArrayList<>()).add(new Held(owner, proto, ip, bound, ch));
            return bound;
        } catch (IOException e) {
            closeQuietly(ch);
            // dockerd 25 names the listen of its userland proxy: "listen tcp4 0.0.0.0:8080: bind: address already in use"
            String reason = e instanceof BindException && e.getMessage() != null ? e.getMessage().toLowerCase(java.util.Locale.ROOT)
                    : String.valueOf(e.getMessage());
            throw new BerthException.Internal(endpointLabel + "Error starting userland proxy: listen " + proto + "4 " + ip + ":" + port
                    + ": bind: " + reason);
        }
    }

    private static void closeQuietly(Closeable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (IOException ignored) {
            // the port is free either way once the daemon exits
        }
    }
}
