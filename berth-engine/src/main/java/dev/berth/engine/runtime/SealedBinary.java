package dev.berth.engine.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A read-only in-memory copy of the runc binary that runc recognises as safe to run containers from.
 *
 * <p>Every {@code runc init} (each container create and each exec) first makes sure the binary it
 * runs from cannot be overwritten from inside the container (CVE-2019-5736): unless
 * {@code /proc/self/exe} is already a memfd carrying exactly the seals seal, shrink, grow and write,
 * runc 1.1 copies or bind-mounts itself and executes itself a second time, ~4 ms per container here.
 * Sealing one copy at daemon start and running runc from it gives the same protection (a sealed
 * memfd cannot be written at all, which is why runc accepts it) and skips that step every time.
 * The copy is reached as {@code /proc/<berthd>/fd/<n>}; conmon and every runc berthd starts exec it
 * through a symlink with the binary's own name ({@code <dir>/runc}), since the kernel names a
 * process after the file it executes and "26" in {@code ps} would help nobody. Where memfds cannot
 * be executed the plain binary is used.
 */
final class SealedBinary {
    private static final MethodHandle MEMFD_CREATE = Libc.handle("memfd_create",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle FCNTL = Libc.handle("fcntl",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final int MFD_CLOEXEC = 0x1;
    private static final int MFD_ALLOW_SEALING = 0x2;
    /** Kernels from 6.3 warn about memfds created without saying whether they may be executed. */
    private static final int MFD_EXEC = 0x10;
    private static final int EINVAL = 22;
    private static final int F_ADD_SEALS = 1033;
    private static final int F_GET_SEALS = 1034;
    /** F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE: the set runc checks for, exactly. */
    static final int RUNC_SEALS = 0x1 | 0x2 | 0x4 | 0x8;

    private SealedBinary() {}

    /** A path to the sealed copy, a symlink in {@code linkDir}, or {@code binary} itself when a copy cannot be made or run. */
    static Path of(Path binary, Path linkDir) {
        try {
            Path copy = seal(binary);
            Path link = linkDir.resolve(binary.getFileName().toString());
            Files.createDirectories(linkDir);
            Path tmp = linkDir.resolve(link.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createSymbolicLink(tmp, copy);
            Files.move(tmp, link, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return runs(link) ? link : binary;
        } catch (IOException | RuntimeException e) {
            return binary;
        }
    }

    static Path seal(Path binary) throws IOException {
        int fd = memfd(binary.getFileName().toString());
        Path self = Path.of("/proc/self/fd/" + fd);
        try (OutputStream out = Files.newOutputStream(self)) {
            Files.copy(binary, out);
        }
        fcntl(fd, F_ADD_SEALS, RUNC_SEALS, "F_ADD_SEALS");
        // held open for the daemon's lifetime: the path below is valid as long as berthd runs
        return Path.of("/proc/" + ProcessHandle.current().pid() + "/fd/" + fd);
    }

    static int seals(Path copy) throws IOException {
        String s = copy.getFileName().toString();
        return fcntl(Integer.parseInt(s), F_GET_SEALS, 0, "F_GET_SEALS");
    }

    private static int memfd(String name) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.errnoState(arena);
            MemorySegment n = arena.allocateFrom(name);
            int fd = (int) MEMFD_CREATE.invokeExact(state, n, MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_EXEC);
            if (fd < 0 && Libc.errno(state) == EINVAL) {
                fd = (int) MEMFD_CREATE.invokeExact(state, n, MFD_CLOEXEC | MFD_ALLOW_SEALING); // before 6.3
            }
            if (fd < 0) throw Libc.failure("memfd_create", state);
            return fd;
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static int fcntl(int fd, int cmd, int arg, String what) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.errnoState(arena);
            int rc = (int) FCNTL.invokeExact(state, fd, cmd, arg);
            if (rc < 0) throw Libc.failure(what, state);
            return rc;
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** memfds may not be executable (vm.memfd_noexec, noexec policies): try it once. */
    private static boolean runs(Path copy) {
        try {
            Process p = new ProcessBuilder(copy.toString(), "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
