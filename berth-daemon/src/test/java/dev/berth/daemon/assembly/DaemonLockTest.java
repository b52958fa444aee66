package dev.berth.daemon.assembly;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonLockTest {
    @TempDir Path dir;

    @Test
    void secondDaemonOnTheSameDataRootIsRefused() throws Exception {
        Path data = dir.resolve("data");
        try (DaemonLock first = DaemonLock.acquire(data, dir.resolve("a.pid"))) {
            var e = assertThrows(IllegalStateException.class, () -> DaemonLock.acquire(data, dir.resolve("b.pid")));
            assertEquals("another berthd is already using data root " + data, e.getMessage());
            assertFalse(Files.exists(dir.resolve("b.pid")), "the refused daemon wrote no pidfile");
        }
        // released: the next daemon gets it
        DaemonLock.acquire(data, dir.resolve("a.pid")).close();
    }

    @Test
    void pidfileOfALiveBerthdIsRefusedAndAStaleOneReplaced() throws Exception {
        Path pid = dir.resolve("berthd.pid");
        Process other = new ProcessBuilder(berthdNamedSleep().toString(), "30").start();
        try {
            Files.writeString(pid, Long.toString(other.pid()));
            var e = assertThrows(IllegalStateException.class, () -> DaemonLock.acquire(dir.resolve("data"), pid));
            assertEquals("pid file found, ensure berthd is not running or delete " + pid, e.getMessage());
        } finally {
            other.destroyForcibly().waitFor();
        }
        // the same file now names a dead process, as after a kill -9
        try (DaemonLock lock = DaemonLock.acquire(dir.resolve("data"), pid)) {
            assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(pid));
        }
        assertFalse(Files.exists(pid), "close removes the pidfile");
        Files.writeString(pid, "garbage");
        try (DaemonLock lock = DaemonLock.acquire(dir.resolve("data"), pid)) {
            assertTrue(Files.exists(pid));
        }
    }

    @Test
    void pidfileOfAJavaBerthdIsRefused() throws Exception {
        // what bin/berthd runs: a JVM whose command line names berthd's main class
        Path pid = dir.resolve("berthd.pid");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path classes = Path.of(Idle.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process jvm = new ProcessBuilder(java, "-cp", classes.toString(), Idle.class.getName(), dev.berth.daemon.Main.class.getName()).start();
        try {
            Files.writeString(pid, Long.toString(jvm.pid()));
            var e = assertThrows(IllegalStateException.class, () -> DaemonLock.acquire(dir.resolve("data"), pid));
            assertEquals("pid file found, ensure berthd is not running or delete " + pid, e.getMessage());
        } finally {
            jvm.destroyForcibly().waitFor();
        }
    }

    @Test
    void pidfileNamingALiveUnrelatedProcessDoesNotBlockTheStart() throws Exception {
        // after a kill -9 the pid went to someone else: it holds none of berthd's resources
        Path pid = dir.resolve("berthd.pid");
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(pid, Long.toString(sleep.pid()));
            try (DaemonLock lock = DaemonLock.acquire(dir.resolve("data"), pid)) {
                assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(pid));
            }
            assertTrue(sleep.isAlive(), "the other process is left alone");
        } finally {
            sleep.destroyForcibly().waitFor();
        }
    }

    @Test
    void pidfileNamingAZombieBerthdDoesNotBlockTheStart() throws Exception {
        // a berthd killed with -9 whose parent has not reaped it yet: still in /proc, state Z, named berthd
        Path pid = dir.resolve("berthd.pid");
        Process parent = new ProcessBuilder("sh", "-c", "'" + berthdNamedSleep() + "' 0 & echo $!; exec sleep 30").start();
        try {
            String child = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.US_ASCII)).readLine().trim();
            Path stat = Path.of("/proc", child, "stat");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!zombie(stat)) {
                assertTrue(System.nanoTime() < deadline, "the child became a zombie: " + Files.readString(stat));
                Thread.sleep(10);
            }
            assertTrue(Files.readString(stat).contains("(berthd)"), "the zombie keeps its name");
            Files.writeString(pid, child);
            try (DaemonLock lock = DaemonLock.acquire(dir.resolve("data"), pid)) {
                assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(pid));
            }
        } finally {
            parent.destroyForcibly().waitFor(); // its zombie child goes to init, which reaps it
        }
    }

    private static boolean zombie(Path stat) throws Exception {
        String s = Files.readString(stat);
        return s.charAt(s.lastIndexOf(')') + 2) == 'Z';
    }

    /** A copy of sleep(1) named berthd: its /proc/PID/stat and cmdline name it berthd. */
    private Path berthdNamedSleep() throws Exception {
        Path berthd = dir.resolve("bin/berthd");
        if (!Files.exists(berthd)) {
            Files.createDirectories(berthd.getParent());
            Files.copy(Path.of("/bin/sleep"), berthd, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return berthd;
    }

    /** A JVM that only waits; started with berthd's main class on its command line. */
    public static final class Idle {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(60_000);
        }
    }
}
