package dev.berth.engine.runtime;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code posix_spawn(3)} through FFM, for the one spawn on the container start path (conmon).
 * {@link ProcessBuilder} goes through jspawnhelper (an extra exec) and cannot hand the child extra
 * file descriptors, which conmon's sync and start pipes need; here the child gets exactly: fd 0
 * and 1 on /dev/null, fd 2 and fd 3 on two pipes whose read ends we keep, fd 4 on the read end of
 * a third pipe whose write end we keep, every other fd closed, default signal dispositions and an
 * empty signal mask (the JVM's own must not leak into a daemon).
 */
final class Spawn {
    private static final int O_RDONLY = 0;
    private static final int O_WRONLY = 1;
    private static final int O_CLOEXEC = 0x80000;
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    /** glibc's posix_spawn_file_actions_t is 80 bytes and posix_spawnattr_t 336; sigset_t 128. */
    private static final long ACTIONS_SIZE = 128;
    private static final long ATTR_SIZE = 512;
    private static final long SIGSET_SIZE = 128;

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final MethodHandle PIPE2 = Libc.handle("pipe2", FunctionDescriptor.of(INT, ValueLayout.ADDRESS, INT));
    private static final MethodHandle READ = Libc.handle("read", FunctionDescriptor.of(ValueLayout.JAVA_LONG, INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle CLOSE = Libc.handle("close", FunctionDescriptor.of(INT, INT));
    private static final MethodHandle WRITE = Libc.handle("write", FunctionDescriptor.of(ValueLayout.JAVA_LONG, INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle WAITPID = Libc.handle("waitpid", FunctionDescriptor.of(INT, INT, ValueLayout.ADDRESS, INT));
    private static final MethodHandle FA_INIT = plain("posix_spawn_file_actions_init", FunctionDescriptor.of(INT, ValueLayout.ADDRESS));
    private static final MethodHandle FA_DESTROY = plain("posix_spawn_file_actions_destroy", FunctionDescriptor.of(INT, ValueLayout.ADDRESS));
    private static final MethodHandle FA_DUP2 = plain("posix_spawn_file_actions_adddup2", FunctionDescriptor.of(INT, ValueLayout.ADDRESS, INT, INT));
    private static final MethodHandle FA_OPEN = plain("posix_spawn_file_actions_addopen",
            FunctionDescriptor.of(INT, ValueLayout.ADDRESS, INT, ValueLayout.ADDRESS, INT, INT));
    private static final MethodHandle FA_CHDIR = plain("posix_spawn_file_actions_addchdir_np", FunctionDescriptor.of(INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle FA_CLOSEFROM = plain("posix_spawn_file_actions_addclosefrom_np", FunctionDescriptor.of(INT, ValueLayout.ADDRESS, INT));
    private static final MethodHandle ATTR_INIT = plain("posix_spawnattr_init", FunctionDescriptor.of(INT, ValueLayout.ADDRESS));
    private static final MethodHandle ATTR_DESTROY = plain("posix_spawnattr_destroy", FunctionDescriptor.of(INT, ValueLayout.ADDRESS));
    private static final MethodHandle ATTR_FLAGS = plain("posix_spawnattr_setflags", FunctionDescriptor.of(INT, ValueLayout.ADDRESS, ValueLayout.JAVA_SHORT));
    private static final MethodHandle ATTR_SIGMASK = plain("posix_spawnattr_setsigmask", FunctionDescriptor.of(INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle ATTR_SIGDEFAULT = plain("posix_spawnattr_setsigdefault", FunctionDescriptor.of(INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle SIGEMPTYSET = plain("sigemptyset", FunctionDescriptor.of(INT, ValueLayout.ADDRESS));
    private static final MethodHandle SIGFILLSET = plain("sigfillset", FunctionDescriptor.of(INT, ValueLayout.ADDRESS));
    private static final MethodHandle POSIX_SPAWN = plain("posix_spawn", FunctionDescriptor.of(INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
            ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));

    private Spawn() {}

    private static MethodHandle plain(String name, FunctionDescriptor fd) {
        return Libc.LINKER.downcallHandle(Libc.LINKER.defaultLookup().find(name).orElseThrow(), fd);
    }

    /** A spawned child: its pid, the read ends of its stderr (fd 2) and fd 3, the write end of its fd 4. */
    record Child(int pid, int stderr, int fd3, int fd4) {}

    /** Starts {@code argv} in {@code dir} with {@code env}. */
    static Child start(List<String> argv, Map<String, String> env, Path dir) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            int[][] pipes = new int[3][];
            try {
                for (int i = 0; i < pipes.length; i++) pipes[i] = pipe(arena);
            } catch (IOException e) {
                for (int[] p : pipes) {
                    if (p != null) for (int fd : p) closeQuietly(fd);
                }
                throw e;
            }
            int[] errPipe = pipes[0];
            int[] fd3Pipe = pipes[1];
            int[] fd4Pipe = pipes[2];
            MemorySegment actions = arena.allocate(ACTIONS_SIZE, 8);
            MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
            MemorySegment all = arena.allocate(SIGSET_SIZE, 8);
            MemorySegment none = arena.allocate(SIGSET_SIZE, 8);
            MemorySegment devNull = arena.allocateFrom("/dev/null");
            int rc;
            try {
                check("posix_spawn_file_actions_init", (int) FA_INIT.invokeExact(actions));
                check("posix_spawnattr_init", (int) ATTR_INIT.invokeExact(attr));
                try {
                    check("addopen", (int) FA_OPEN.invokeExact(actions, 0, devNull, O_RDONLY, 0));
                    check("addopen", (int) FA_OPEN.invokeExact(actions, 1, devNull, O_WRONLY, 0));
                    check("adddup2", (int) FA_DUP2.invokeExact(actions, errPipe[1], 2));
                    check("adddup2", (int) FA_DUP2.invokeExact(actions, fd3Pipe[1], 3));
                    check("adddup2", (int) FA_DUP2.invokeExact(actions, fd4Pipe[0], 4));
                    check("addclosefrom", (int) FA_CLOSEFROM.invokeExact(actions, 5));
                    check("addchdir", (int) FA_CHDIR.invokeExact(actions, arena.allocateFrom(dir.toString())));
                    check("sigfillset", (int) SIGFILLSET.invokeExact(all));
                    check("sigemptyset", (int) SIGEMPTYSET.invokeExact(none));
                    check("setsigdefault", (int) ATTR_SIGDEFAULT.invokeExact(attr, all));
                    check("setsigmask", (int) ATTR_SIGMASK.invokeExact(attr, none));
                    check("setflags", (int) ATTR_FLAGS.invokeExact(attr, (short) (POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)));
                    MemorySegment pid = arena.allocate(INT);
                    rc = (int) POSIX_SPAWN.invokeExact(pid, arena.allocateFrom(argv.getFirst()), actions, attr,
                            strings(arena, argv), strings(arena, env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
                    if (rc == 0) return new Child(pid.get(INT, 0), errPipe[0], fd3Pipe[0], fd4Pipe[1]);
                } finally {
                    int ignored = (int) FA_DESTROY.invokeExact(actions);
                    ignored = (int) ATTR_DESTROY.invokeExact(attr);
                    // the child holds its ends now (or there is no child)
                    closeQuietly(errPipe[1]);
                    closeQuietly(fd3Pipe[1]);
                    closeQuietly(fd4Pipe[0]);
                }
            } catch (IOException e) {
                for (int fd : new int[]{errPipe[0], fd3Pipe[0], fd4Pipe[1]}) closeQuietly(fd);
                throw e;
            } catch (Throwable t) {
                for (int fd : new int[]{errPipe[0], fd3Pipe[0], fd4Pipe[1]}) closeQuietly(fd);
                throw new IOException("posix_spawn: " + t, t);
            }
            for (int fd : new int[]{errPipe[0], fd3Pipe[0], fd4Pipe[1]}) closeQuietly(fd);
            throw new IOException("posix_spawn " + argv.getFirst() + ": " + dev.berth.engine.mount.Syscalls.describe(rc));
        }
    }

    /** Reads up to the first newline (excluded) or end of file; null if there was nothing. */
    static String readLine(int fd) throws IOException {
        byte[] line = readUntil(fd, true);
        return line.length == 0 ? null : new String(line, StandardCharsets.UTF_8);
    }

    /** Reads to end of file. */
    static String readAll(int fd) throws IOException {
        return new String(readUntil(fd, false), StandardCharsets.UTF_8);
    }

    private static byte[] readUntil(int fd, boolean stopAtNewline) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(stopAtNewline ? 1 : 4096);
            MemorySegment state = Libc.errnoState(arena);
            while (true) {
                long n;
                try {
                    n = (long) READ.invokeExact(state, fd, buf, buf.byteSize());
                } catch (Throwable t) {
                    throw new IOException("read: " + t, t);
                }
                if (n < 0) {
                    if (Libc.errno(state) == Libc.EINTR) continue;
                    throw Libc.failure("read", state);
                }
                if (n == 0) break;
                byte[] chunk = buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
                if (stopAtNewline && chunk[0] == '\n') break;
                out.write(chunk);
            }
        }
        return out.toByteArray();
    }

    /** Writes all of {@code data} to {@code fd}. */
    static void write(int fd, byte[] data) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocateFrom(ValueLayout.JAVA_BYTE, data);
            MemorySegment state = Libc.errnoState(arena);
            long off = 0;
            while (off < data.length) {
                long n;
                try {
                    n = (long) WRITE.invokeExact(state, fd, buf.asSlice(off), data.length - off);
                } catch (Throwable t) {
                    throw new IOException("write: " + t, t);
                }
                if (n < 0) {
                    if (Libc.errno(state) == Libc.EINTR) continue;
                    throw Libc.failure("write", state);
                }
                off += n;
            }
        }
    }

    /** Reaps the child; returns its wait status. */
    static int waitFor(int pid) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(INT);
            MemorySegment state = Libc.errnoState(arena);
            while (true) {
                int r;
                try {
                    r = (int) WAITPID.invokeExact(state, pid, status, 0);
                } catch (Throwable t) {
                    throw new IOException("waitpid: " + t, t);
                }
                if (r == pid) return status.get(INT, 0);
                if (Libc.errno(state) != Libc.EINTR) throw Libc.failure("waitpid", state);
            }
        }
    }

    static void closeQuietly(int fd) {
        if (fd < 0) return;
        try (Arena arena = Arena.ofConfined()) {
            int ignored = (int) CLOSE.invokeExact(Libc.errnoState(arena), fd);
        } catch (Throwable ignored) {
            // nothing to do about a failed close
        }
    }

    private static int[] pipe(Arena arena) throws IOException {
        MemorySegment fds = arena.allocate(INT, 2);
        MemorySegment state = Libc.errnoState(arena);
        int r;
        try {
            r = (int) PIPE2.invokeExact(state, fds, O_CLOEXEC);
        } catch (Throwable t) {
            throw new IOException("pipe2: " + t, t);
        }
        if (r != 0) throw Libc.failure("pipe2", state);
        return new int[]{fds.getAtIndex(INT, 0), fds.getAtIndex(INT, 1)};
    }

    private static MemorySegment strings(Arena arena, List<String> values) {
        MemorySegment array = arena.allocate(ValueLayout.ADDRESS, values.size() + 1);
        for (int i = 0; i < values.size(); i++) array.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(values.get(i)));
        array.setAtIndex(ValueLayout.ADDRESS, values.size(), MemorySegment.NULL);
        return array;
    }

    private static void check(String call, int rc) throws IOException {
        if (rc != 0) throw new IOException(call + ": " + dev.berth.engine.mount.Syscalls.describe(rc));
    }
}
