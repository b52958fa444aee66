package dev.berth.engine.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * A pseudo-terminal pair berthd opens for {@code exec -t}. runc refuses a console socket unless it
 * detaches, and a detached runc leaves nobody to collect the exit code; so runc runs in the
 * foreground with the slave as its stdio, relays the container's own pty through it, and returns
 * the exit code. berthd talks to the master. Reads block in native code: pump from a platform
 * thread. Once every slave fd is closed (runc exited) a read fails with EIO: end of stream.
 */
public final class PtyMaster implements AutoCloseable {
    private static final long TIOCSWINSZ = 0x5414;
    private static final MethodHandle READ = Libc.handle("read", FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle WRITE = Libc.handle("write", FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle IOCTL = Libc.handle("ioctl", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
            Linker.Option.firstVariadicArg(2));

    private static final MethodHandle POSIX_OPENPT = Libc.handle("posix_openpt", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle GRANTPT = Libc.handle("grantpt", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle UNLOCKPT = Libc.handle("unlockpt", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle PTSNAME_R = Libc.handle("ptsname_r", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle TCGETATTR = Libc.handle("tcgetattr", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle TCSETATTR = Libc.handle("tcsetattr", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle CFMAKERAW = Libc.LINKER.downcallHandle(Libc.LINKER.defaultLookup().find("cfmakeraw").orElseThrow(),
            FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
    private static final MethodHandle CLOSE = Libc.handle("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final int O_RDWR = 2;
    private static final int O_NOCTTY = 0400;
    private static final int O_CLOEXEC = 02000000;

    private final int fd;
    private final String slavePath;
    private volatile boolean closed;

    private PtyMaster(int fd, String slavePath) {
        this.fd = fd;
        this.slavePath = slavePath;
    }

    /** Opens a new pty pair in raw mode (bytes pass untouched both ways) with the given size. */
    public static PtyMaster open(int height, int width) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.errnoState(a);
            int fd = (int) POSIX_OPENPT.invokeExact(st, O_RDWR | O_NOCTTY | O_CLOEXEC);
            if (fd < 0) throw Libc.failure("posix_openpt", st);
            PtyMaster pty = null;
            try {
                MemorySegment name = a.allocate(128);
                if ((int) GRANTPT.invokeExact(st, fd) != 0 || (int) UNLOCKPT.invokeExact(st, fd) != 0
                        || (int) PTSNAME_R.invokeExact(st, fd, name, 128L) != 0) {
                    throw Libc.failure("unlockpt", st);
                }
                MemorySegment termios = a.allocate(64);
                if ((int) TCGETATTR.invokeExact(st, fd, termios) != 0) throw Libc.failure("tcgetattr", st);
                CFMAKERAW.invokeExact(termios);
                if ((int) TCSETATTR.invokeExact(st, fd, 0, termios) != 0) throw Libc.failure("tcsetattr", st);
                pty = new PtyMaster(fd, name.getString(0));
                if (height > 0 && width > 0) pty.resize(height, width);
                return pty;
            } finally {
                if (pty == null) {
                    int ignored = (int) CLOSE.invokeExact(st, fd);
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    /** The slave's path, for a child process's stdio. */
    public java.io.File slave() {
        return new java.io.File(slavePath);
    }

    public void resize(int height, int width) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.errnoState(a);
            MemorySegment ws = a.allocate(8);
            ws.set(ValueLayout.JAVA_SHORT, 0, (short) height);
            ws.set(ValueLayout.JAVA_SHORT, 2, (short) width);
            if ((int) IOCTL.invokeExact(st, fd, TIOCSWINSZ, ws) != 0) throw Libc.failure("ioctl TIOCSWINSZ", st);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    public InputStream input() {
        return new InputStream() {
            private final Arena arena = Arena.ofShared();
            private final MemorySegment buf = arena.allocate(32 * 1024);

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (closed) return -1;
                try (Arena a = Arena.ofConfined()) {
                    MemorySegment st = Libc.errnoState(a);
                    long n;
                    do {
                        n = (long) READ.invokeExact(st, fd, buf, (long) Math.min(len, (int) buf.byteSize()));
                    } while (n < 0 && Libc.errno(st) == Libc.EINTR);
                    if (n <= 0) return -1; // EIO: the other side is gone
                    MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, 0, b, off, (int) n);
                    return (int) n;
                } catch (Throwable t) {
                    throw new IOException(t);
                }
            }
        };
    }

    public OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try (Arena a = Arena.ofConfined()) {
                    MemorySegment st = Libc.errnoState(a);
                    MemorySegment seg = a.allocate(Math.max(1, len));
                    MemorySegment.copy(b, off, seg, ValueLayout.JAVA_BYTE, 0, len);
                    long done = 0;
                    while (done < len) {
                        long n = (long) WRITE.invokeExact(st, fd, seg.asSlice(done), (long) len - done);
                        if (n < 0 && Libc.errno(st) == Libc.EINTR) continue;
                        if (n < 0) throw Libc.failure("write pty", st);
                        done += n;
                    }
                } catch (IOException e) {
                    throw e;
                } catch (Throwable t) {
                    throw new IOException(t);
                }
            }
        };
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try (Arena a = Arena.ofConfined()) {
            int ignored = (int) CLOSE.invokeExact(Libc.errnoState(a), fd);
        } catch (Throwable ignored) {
            // already closed
        }
    }
}
