package dev.berth.engine.network.dns;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Rcode;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Relays a query to upstream servers as Docker's resolver does: at most three servers in order,
 * each with its own timeout; a server that answers SERVFAIL or REFUSED, or not at all, passes the
 * query to the next; any other answer (NXDOMAIN included) is relayed as it came. UDP queries go
 * out over UDP, TCP ones over TCP; a truncated UDP answer is relayed truncated, and the client
 * retries over TCP.
 *
 * <p>Runs on virtual threads: {@link DatagramSocket} and {@link Socket} are built on the JDK's NIO
 * implementation since JDK 17/13 and park a virtual thread while they wait (their timeouts
 * included) instead of blocking its carrier in a native call.
 */
final class Forwarder {
    /** Docker's maxExtDNS. */
    static final int MAX_SERVERS = 3;
    private static final int MAX_UDP = 65535;
    private final Duration timeout;

    Forwarder(Duration timeout) {
        this.timeout = timeout;
    }

    /** The first usable answer, or empty when every server failed (the caller answers SERVFAIL). */
    Optional<byte[]> forward(byte[] query, int id, boolean tcp, List<InetSocketAddress> upstreams) {
        int tried = 0;
        for (InetSocketAddress server : upstreams) {
            if (tried++ == MAX_SERVERS) break;
            byte[] answer;
            try {
                answer = tcp ? overTcp(query, server) : overUdp(query, id, server);
            } catch (IOException e) {
                continue;
            }
            if (answer == null || answer.length < Header.LENGTH) continue;
            try {
                Header h = new Header(java.util.Arrays.copyOf(answer, Header.LENGTH));
                if (h.getID() != id || !h.getFlag(Flags.QR)) continue;
                int rcode = h.getRcode();
                if (rcode == Rcode.SERVFAIL || rcode == Rcode.REFUSED) continue;
            } catch (IOException e) {
                continue;
            }
            return Optional.of(answer);
        }
        return Optional.empty();
    }

    private byte[] overUdp(byte[] query, int id, InetSocketAddress server) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(server);
            s.setSoTimeout((int) timeout.toMillis());
            s.send(new DatagramPacket(query, query.length));
            byte[] buf = new byte[MAX_UDP];
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                s.receive(p);
                // a stray datagram with another id (a late answer to an earlier try) is not ours
                if (p.getLength() >= 2 && (((buf[0] & 0xff) << 8) | (buf[1] & 0xff)) == id) {
                    return java.util.Arrays.copyOf(buf, p.getLength());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) return null;
                s.setSoTimeout((int) Math.max(1, left / 1_000_000));
            }
        }
    }

    private byte[] overTcp(byte[] query, InetSocketAddress server) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(server, (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeShort(query.length);
            out.write(query);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            int len = in.readUnsignedShort();
            return in.readNBytes(len);
        }
    }
}
