package dev.berth.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * berthd keeps answering while many clients are blocked on streams (issue 9: two clients streaming
 * stdin once pinned both carrier threads in a native send and froze the daemon, _ping included).
 * Raw HTTP over the socket, as the docker CLI speaks it: attach with Upgrade, then start.
 */
@Tag("root")
class LivenessEndToEndTest {
    private static final int STREAMERS = Integer.getInteger("berth.liveness.streamers", 20);
    private static final int HOLDERS = Integer.getInteger("berth.liveness.holders", 20);
    private static final int STDIN_BYTES = 1 << 20;
    private static final Pattern ID = Pattern.compile("\"Id\":\"([0-9a-f]{64})\"");
    private static Berthd berthd;

    @BeforeAll
    static void startDaemon() throws Exception {
        Assumptions.assumeTrue(Berthd.isRoot(), "needs root: skipping berthd end-to-end tests");
        berthd = Berthd.start();
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (berthd != null) berthd.close();
    }

    @Test
    void pingAndPsAnswerWhileStreamsAreBlocked() throws Exception {
        // Holders first: exec and attach sessions that stay open, their clients sending nothing.
        String server = create("{\"Image\":\"busybox\",\"Cmd\":[\"cat\"],\"OpenStdin\":true}");
        expectStatus(berthd.http("POST", "/containers/" + server + "/start", null), "204");
        List<Hijacked> held = new ArrayList<>();
        for (int i = 0; i < HOLDERS; i++) {
            if (i % 2 == 0) {
                held.add(Hijacked.open("/containers/" + server + "/attach?stream=1&stdin=1&stdout=1&stderr=1", ""));
            } else {
                String exec = id(berthd.http("POST", "/containers/" + server + "/exec",
                        "{\"AttachStdin\":true,\"AttachStdout\":true,\"AttachStderr\":true,\"Cmd\":[\"cat\"]}"));
                held.add(Hijacked.open("/exec/" + exec + "/start", "{\"Detach\":false,\"Tty\":false}"));
            }
        }

        // Streamers: docker run -i's order (attach, then start), then 1 MiB of stdin into wc -c.
        List<String> streamed = new ArrayList<>();
        for (int i = 0; i < STREAMERS; i++) {
            streamed.add(create("{\"Image\":\"busybox\",\"Cmd\":[\"wc\",\"-c\"],\"OpenStdin\":true,\"StdinOnce\":true,"
                    + "\"AttachStdin\":true,\"AttachStdout\":true,\"AttachStderr\":true}"));
        }
        // Two phases. Starting: each client sends the first 700 KB before its container starts (docker
        // run -i copies stdin concurrently with the start: more than the pipe and socket hold, which
        // froze the daemon), then starts it; 20 runc creates at once saturate both CPUs meanwhile.
        // Streaming: with every container running, the rest of the 1 MiB flows while the probes run.
        AtomicBoolean streaming = new AtomicBoolean(false);
        AtomicBoolean done = new AtomicBoolean(false);
        AtomicBoolean streamsOver = new AtomicBoolean(false);
        List<Long> startingMillis = Collections.synchronizedList(new ArrayList<>());
        List<Long> pingMillis = Collections.synchronizedList(new ArrayList<>());
        List<Long> psMillis = Collections.synchronizedList(new ArrayList<>());
        int early = 700_000;
        CyclicBarrier allStarted = new CyclicBarrier(STREAMERS, () -> streaming.set(!streamsOver.get()));
        try (ExecutorService pool = Executors.newFixedThreadPool(2 * STREAMERS + 1)) {
            Future<?> prober = pool.submit(() -> {
                while (!done.get()) {
                    boolean steady = streaming.get() && !streamsOver.get();
                    long ping = timed("GET", "/_ping");
                    long ps = timed("GET", "/containers/json");
                    // a probe that overlapped the first exits belongs to the exit burst
                    steady = steady && streaming.get() && !streamsOver.get();
                    if (steady) {
                        pingMillis.add(ping);
                        psMillis.add(ps);
                    } else {
                        startingMillis.add(Math.max(ping, ps));
                    }
                    Thread.sleep(20);
                }
                return null;
            });
            List<Future<String>> outputs = new ArrayList<>();
            for (String id : streamed) {
                outputs.add(pool.submit(() -> {
                    try (Hijacked h = Hijacked.open("/containers/" + id + "/attach?stream=1&stdin=1&stdout=1&stderr=1", "")) {
                        Future<?> head = pool.submit(() -> {
                            h.send(new byte[early]);
                            return null;
                        });
                        expectStatus(berthd.http("POST", "/containers/" + id + "/start", null), "204");
                        head.get(60, TimeUnit.SECONDS);
                        allStarted.await(60, TimeUnit.SECONDS);
                        // paced, so the probes see the streams under way rather than just finished
                        for (int sent = early; sent < STDIN_BYTES; sent += 16 * 1024) {
                            h.send(new byte[Math.min(16 * 1024, STDIN_BYTES - sent)]);
                            Thread.sleep(30);
                        }
                        h.halfClose();
                        String out = h.readAll();
                        // the streams are over once one ends: 20 containers then exit at once, a burst like the start's
                        streaming.set(false);
                        streamsOver.set(true);
                        return out;
                    }
                }));
            }
            for (Future<String> out : outputs) assertEquals(Integer.toString(STDIN_BYTES), out.get(120, TimeUnit.SECONDS).trim());
            done.set(true);
            prober.get(10, TimeUnit.SECONDS);
        }

        // every held session still works: what its client sends comes back
        for (int i = 0; i < held.size(); i++) {
            Hijacked h = held.get(i);
            h.send(("still here " + i + "\n").getBytes(StandardCharsets.UTF_8));
            assertTrue(h.readUntil("still here " + i), "held session " + i + " (" + (i % 2 == 0 ? "attach" : "exec") + ") answers after the load");
        }
        for (Hijacked h : held) h.close();
        long worstStarting = startingMillis.isEmpty() ? 0 : Collections.max(startingMillis);
        long worstPing = Collections.max(pingMillis);
        long worstPs = Collections.max(psMillis);
        System.out.printf("liveness: while %d containers started with stdin queued, and while they exited: %d probes, worst %d ms; while %d clients streamed "
                        + "%d bytes each and %d sessions were held: %d pings (worst %d ms), %d ps (worst %d ms)%n",
                STREAMERS, startingMillis.size(), worstStarting, STREAMERS, STDIN_BYTES, HOLDERS, pingMillis.size(), worstPing, psMillis.size(), worstPs);
        assertTrue(pingMillis.size() >= 3, "probes ran while the streams were going");
        assertTrue(worstPing < 100, "_ping answered within 100 ms, worst was " + worstPing + " ms: " + pingMillis);
        assertTrue(worstPs < 100, "ps answered within 100 ms, worst was " + worstPs + " ms: " + psMillis);
        // the start and exit bursts are CPU-bound (runc, conmon, CNI plugins on 2 CPUs), not a freeze:
        // every probe answered, within seconds
        assertTrue(worstStarting < 3000, "probes answered during the start and exit bursts, worst was " + worstStarting + " ms");
    }

    private static long timed(String method, String path) throws IOException {
        long t0 = System.nanoTime();
        expectStatus(berthd.http(method, path, null), "200");
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static String create(String body) throws IOException {
        return id(berthd.http("POST", "/containers/create", body));
    }

    private static String id(Berthd.HttpReply reply) {
        Matcher m = ID.matcher(reply.body());
        assertTrue(m.find(), "an id in " + reply.status() + " " + reply.body());
        return m.group(1);
    }

    private static void expectStatus(Berthd.HttpReply reply, String code) {
        assertTrue(reply.status().startsWith("HTTP/1.1 " + code), reply.status() + " " + reply.body());
    }

    /** A hijacked connection (attach or exec start with Upgrade: tcp) reading Docker's multiplexed frames. */
    private static final class Hijacked implements AutoCloseable {
        private final SocketChannel channel;
        private final ByteArrayOutputStream payload = new ByteArrayOutputStream();
        private final ByteArrayOutputStream raw = new ByteArrayOutputStream();

        private Hijacked(SocketChannel channel) {
            this.channel = channel;
        }

        static Hijacked open(String path, String body) throws IOException {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(berthd.socket()));
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            String req = "POST " + path + " HTTP/1.1\r\nHost: berth\r\nUpgrade: tcp\r\nConnection: Upgrade\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + b.length + "\r\n\r\n";
            ch.write(ByteBuffer.wrap(req.getBytes(StandardCharsets.ISO_8859_1)));
            ch.write(ByteBuffer.wrap(b));
            Hijacked h = new Hijacked(ch);
            h.readHead();
            return h;
        }

        private void readHead() throws IOException {
            ByteBuffer one = ByteBuffer.allocate(1);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                one.clear();
                if (channel.read(one) < 0) throw new IOException("connection closed in the response head: " + head);
                head.write(one.array()[0]);
            }
            String status = head.toString(StandardCharsets.ISO_8859_1);
            if (!status.startsWith("HTTP/1.1 101") && !status.startsWith("HTTP/1.1 200")) throw new IOException("not hijacked: " + status);
        }

        void send(byte[] data) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(data);
            while (b.hasRemaining()) channel.write(b);
        }

        void halfClose() throws IOException {
            channel.shutdownOutput();
        }

        /** Everything the container printed, until the stream ends. */
        String readAll() throws IOException {
            while (readSome()) { /* until end of stream */ }
            return payload.toString(StandardCharsets.UTF_8);
        }

        boolean readUntil(String text) throws IOException {
            while (!payload.toString(StandardCharsets.UTF_8).contains(text)) {
                if (!readSome()) return false;
            }
            return true;
        }

        private boolean readSome() throws IOException {
            ByteBuffer buf = ByteBuffer.allocate(8192);
            int n = channel.read(buf);
            if (n < 0) return false;
            raw.write(buf.array(), 0, n);
            byte[] r = raw.toByteArray();
            int at = 0;
            while (r.length - at >= 8) {
                int len = ((r[at + 4] & 0xff) << 24) | ((r[at + 5] & 0xff) << 16) | ((r[at + 6] & 0xff) << 8) | (r[at + 7] & 0xff);
                if (r.length - at - 8 < len) break;
                payload.write(r, at + 8, len);
                at += 8 + len;
            }
            raw.reset();
            raw.write(r, at, r.length - at);
            return true;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
