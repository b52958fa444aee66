package dev.berth.engine.runtime;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

/**
 * A client AF_UNIX SOCK_SEQPACKET socket, which the JDK does not offer: conmon's attach socket is
 * one. Calls block, so use it from platform threads (a blocked native call would pin a carrier).
 */
public final class SeqPacketSocket implements AutoCloseable {
    private static final int AF_UNIX = 1;
    private static final int SOCK_SEQPACKET = 5;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int SHUT_WR = 1;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CCS = Linker.Option.captureCallState("errno");
    private static final MethodHandle SOCKET = h("socket", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle CONNECT = h("connect", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle RECV = h("recv", FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle SEND = h("send", FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle SHUTDOWN = h("shutdown", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE = h("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final int EINTR = 4;
    private static final int MSG_NOSIGNAL = 0x4000;

    private final int fd;
    private final Arena arena = Arena.ofAuto();
    private final MemorySegment recvBuf = arena.allocate(8193 + 64);
    private volatile boolean closed;

    private static MethodHandle h(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), fd, CCS);
    }

    private SeqPacketSocket(int fd) {
        this.fd = fd;
    }

    public static SeqPacketSocket connect(String path) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(CAPTURE);
            int fd = (int) SOCKET.invokeExact(state, AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
            if (fd < 0) throw new IOException("socket: errno " + (int) ERRNO.get(state, 0L));
            byte[] p = path.getBytes(StandardCharsets.UTF_8);
            if (p.length >= 108) {
                CLOSE.invokeExact(state, fd);
                throw new IOException("socket path too long: " + path);
            }
            MemorySegment addr = a.allocate(110);
            addr.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
            MemorySegment.copy(p, 0, addr, ValueLayout.JAVA_BYTE, 2, p.length);
            int rc = (int) CONNECT.invokeExact(state, fd, addr, 110);
            if (rc != 0) {
                int errno = (int) ERRNO.get(state, 0L);
                int ignored = (int) CLOSE.invokeExact(state, fd);
                throw new IOException("connect " + path + ": errno " + errno);
            }
            return new SeqPacketSocket(fd);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    /** Receives one packet; returns null at end of stream. */
    public byte[] receive() throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(CAPTURE);
            while (true) {
                long n = (long) RECV.invokeExact(state, fd, recvBuf, recvBuf.byteSize(), 0);
                if (n > 0) return recvBuf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
                if (n == 0) return null;
                int errno = (int) ERRNO.get(state, 0L);
                if (errno == EINTR) continue;
                if (closed) return null;
                throw new IOException("recv: errno " + errno);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    /** Sends one packet (conmon reads at most 32 KiB per packet, so callers split larger writes). */
    public void send(byte[] data, int off, int len) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(CAPTURE);
            MemorySegment buf = a.allocate(Math.max(1, len));
            MemorySegment.copy(data, off, buf, ValueLayout.JAVA_BYTE, 0, len);
            long n = (long) SEND.invokeExact(state, fd, buf, (long) len, MSG_NOSIGNAL);
            if (n < 0) throw new IOException("send: errno " + (int) ERRNO.get(state, 0L));
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    /** Half-closes: conmon then closes the container's stdin. */
    public void shutdownOutput() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(CAPTURE);
            int ignored = (int) SHUTDOWN.invokeExact(state, fd, SHUT_WR);
        } catch (Throwable ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(CAPTURE);
            int ignored = (int) SHUTDOWN.invokeExact(state, fd, 2);
            int ignored2 = (int) CLOSE.invokeExact(state, fd);
        } catch (Throwable ignored) {
            // nothing to do
        }
    }
}
