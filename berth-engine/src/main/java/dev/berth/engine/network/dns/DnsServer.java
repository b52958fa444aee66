package dev.berth.engine.network.dns;

import org.xbill.DNS.Message;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The embedded DNS server of one user-defined network: UDP and TCP on one address and port (the
 * network's gateway, port 53, in production). Names it owns come from a {@link NameLookup}
 * (TTL 600, as Docker); anything else is relayed to upstream servers by a {@link Forwarder}, and
 * a query nobody upstream answers gets SERVFAIL. Malformed packets get no reply.
 *
 * <p>Lifecycle: {@code new} → {@link #start} → {@link #stop}; the network that owns it starts it
 * when the network is created or restored and stops it when the network is removed. A stopped
 * server can be started again.
 *
 * <p>Threads: one virtual thread reads UDP, one accepts TCP, one serves each TCP connection, and
 * each forwarded UDP query gets its own (so a slow upstream holds up nobody else). Every wait is
 * in the JDK's NIO channels, which park virtual threads: nothing pins a carrier.
 *
 * <p>Example: {@code var s = new DnsServer(names, Upstreams.fromHost(), DnsServer.UPSTREAM_TIMEOUT);
 * s.start(new InetSocketAddress("172.20.0.1", 53)); ... s.stop();}
 */
public final class DnsServer implements AutoCloseable {
    /** Docker's extIOTimeout: how long one upstream server gets to answer. */
    public static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(4);
    /** Docker's maxConcurrent forwarded queries. */
    private static final int MAX_CONCURRENT = 1024;
    private static final Duration TCP_IDLE = Duration.ofSeconds(10);

    /**
     * What the server knows of one asking container: its own upstreams (a {@code --dns} on a
     * user network: Docker's ExtServers for that source address) and whether its resolv.conf sets
     * ndots itself.
     */
    public record Asker(List<InetSocketAddress> upstreams, boolean ndotsSet) {
        public Asker {
            upstreams = List.copyOf(upstreams);
        }
    }

    private final LocalAnswers answers;
    private final Forwarder forwarder;
    private final List<InetSocketAddress> upstreams;
    private final Map<InetAddress, Asker> askers = new ConcurrentHashMap<>();
    private final Semaphore forwarding = new Semaphore(MAX_CONCURRENT);
    private final Duration upstreamTimeout;
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile boolean forward = true;
    private DatagramChannel udp;
    private ServerSocketChannel tcp;

    /**
     * @param upstreams       servers for names not found locally ({@link Upstreams#fromHost()} in production)
     * @param upstreamTimeout how long each upstream gets ({@link #UPSTREAM_TIMEOUT} in production)
     */
    public DnsServer(NameLookup lookup, List<InetSocketAddress> upstreams, Duration upstreamTimeout) {
        this.answers = new LocalAnswers(lookup);
        this.forwarder = new Forwarder(upstreamTimeout);
        this.upstreams = List.copyOf(upstreams);
        this.upstreamTimeout = upstreamTimeout;
    }

    /** Binds UDP and TCP on {@code address} (port 0: any free port, the same for both) and starts serving. */
    public synchronized void start(InetSocketAddress address) throws IOException {
        if (udp != null) throw new IllegalStateException("DNS server already started on " + address());
        DatagramChannel u = DatagramChannel.open(address.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        ServerSocketChannel t = null;
        try {
            u.bind(address);
            t = ServerSocketChannel.open();
            t.bind(new InetSocketAddress(address.getAddress(), ((InetSocketAddress) u.getLocalAddress()).getPort()));
        } catch (IOException e) {
            u.close();
            if (t != null) t.close();
            throw e;
        }
        start(u, t);
    }

    /**
     * Serves on channels bound elsewhere: e.g. opened inside a container's network namespace for a
     * network whose gateway is not on this host (macvlan, ipvlan). The server owns them from now on.
     */
    public synchronized void start(DatagramChannel boundUdp, ServerSocketChannel boundTcp) {
        if (udp != null) throw new IllegalStateException("DNS server already started on " + address());
        udp = boundUdp;
        tcp = boundTcp;
        spawn("dns-udp", () -> serveUdp(boundUdp));
        spawn("dns-tcp", () -> acceptTcp(boundTcp));
    }

    /** Closes both sockets; queries being forwarded finish or time out on their own. Idempotent. */
    public synchronized void stop() {
        try {
            if (udp != null) udp.close();
            if (tcp != null) tcp.close();
        } catch (IOException e) {
            // closing a socket only fails if it is already unusable
        }
        udp = null;
        tcp = null;
        List<Thread> running = List.copyOf(threads);
        for (Thread t : running) t.interrupt();
        // a channel closed while a thread is blocked in it lets go of its port only when that thread
        // leaves the call: wait for them, so that the address is free again once stop returns
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
        for (Thread t : running) {
            long left = deadline - System.nanoTime();
            if (left <= 0) break;
            try {
                t.join(java.time.Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Where the server listens (UDP; TCP has the same port), or null when stopped. */
    public synchronized InetSocketAddress address() {
        try {
            return udp == null ? null : (InetSocketAddress) udp.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Whether names not found locally go upstream. Off for an {@code --internal} network: its
     * containers must not reach anything outside, so the server answers SERVFAIL, as Docker's
     * resolver does when its sandbox has no external access.
     */
    public void forwarding(boolean on) {
        forward = on;
    }

    /** Settings for one asking container (by its address); replaces earlier ones. */
    public void asker(InetAddress address, Asker settings) {
        askers.put(address, settings);
    }

    /** The container left: its settings go. */
    public void forgetAsker(InetAddress address) {
        askers.remove(address);
    }

    // ------------------------------------------------------------------ serving

    private void serveUdp(DatagramChannel ch) {
        ByteBuffer buf = ByteBuffer.allocate(65535);
        while (ch.isOpen()) {
            InetSocketAddress from;
            byte[] packet;
            try {
                buf.clear();
                from = (InetSocketAddress) ch.receive(buf);
                buf.flip();
                packet = new byte[buf.remaining()];
                buf.get(packet);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                continue;
            }
            Asker asker = askers.get(from.getAddress());
            LocalAnswers.Outcome o = answers.handle(packet, from.getAddress(), false, asker != null && asker.ndotsSet());
            switch (o) {
                case LocalAnswers.Outcome.Reply r -> send(ch, r.wire(), from);
                case LocalAnswers.Outcome.Drop d -> { }
                case LocalAnswers.Outcome.Forward f -> spawn("dns-forward", () -> send(ch, relay(packet, f.query(), from.getAddress(), false), from));
            }
        }
    }

    private void acceptTcp(ServerSocketChannel server) {
        while (server.isOpen()) {
            SocketChannel conn;
            try {
                conn = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                continue;
            }
            spawn("dns-tcp-conn", () -> serveTcp(conn));
        }
    }

    /** Length-prefixed queries, one after another, until the client closes or stays idle. */
    private void serveTcp(SocketChannel conn) {
        try (conn) {
            InetAddress from = ((InetSocketAddress) conn.getRemoteAddress()).getAddress();
            conn.socket().setSoTimeout((int) TCP_IDLE.toMillis());
            DataInputStream in = new DataInputStream(conn.socket().getInputStream());
            DataOutputStream out = new DataOutputStream(conn.socket().getOutputStream());
            while (true) {
                int len = in.readUnsignedShort();
                byte[] packet = in.readNBytes(len);
                if (packet.length < len) return;
                Asker asker = askers.get(from);
                byte[] reply = switch (answers.handle(packet, from, true, asker != null && asker.ndotsSet())) {
                    case LocalAnswers.Outcome.Reply r -> r.wire();
                    case LocalAnswers.Outcome.Drop d -> null;
                    case LocalAnswers.Outcome.Forward f -> relay(packet, f.query(), from, true);
                };
                if (reply == null) return;
                out.writeShort(reply.length);
                out.write(reply);
                out.flush();
            }
        } catch (EOFException | SocketTimeoutException | ClosedChannelException e) {
            // the client is done, idle, or the server stopped
        } catch (IOException e) {
            // a broken connection ends only itself
        }
    }

    /** The upstream's answer, or SERVFAIL (no upstream answered, forwarding is off, too many in flight: REFUSED). */
    private byte[] relay(byte[] packet, Message query, InetAddress from, boolean overTcp) {
        if (!forward) return LocalAnswers.serverFailure(query);
        Asker asker = askers.get(from);
        List<InetSocketAddress> servers = asker != null && !asker.upstreams().isEmpty() ? asker.upstreams() : upstreams;
        try {
            if (!forwarding.tryAcquire(upstreamTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                Message refused = LocalAnswers.response(query);
                refused.getHeader().setRcode(org.xbill.DNS.Rcode.REFUSED);
                return refused.toWire();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return LocalAnswers.serverFailure(query);
        }
        try {
            Optional<byte[]> answer = forwarder.forward(packet, query.getHeader().getID(), overTcp, servers);
            return answer.orElseGet(() -> LocalAnswers.serverFailure(query));
        } finally {
            forwarding.release();
        }
    }

    private static void send(DatagramChannel ch, byte[] wire, InetSocketAddress to) {
        try {
            ch.send(ByteBuffer.wrap(wire), to);
        } catch (IOException e) {
            // the asker is gone or the server stopped: nothing to tell anyone
        }
    }

    private void spawn(String name, Runnable r) {
        Thread t = Thread.ofVirtual().name(name).unstarted(() -> {
            try {
                r.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        });
        threads.add(t);
        t.start();
    }
}
