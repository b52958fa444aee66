package dev.berth.daemon.assembly;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

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
    void pidfileOfALiveProcessIsRefusedAndAStaleOneReplaced() throws Exception {
        Path pid = dir.resolve("berthd.pid");
        Process other = new ProcessBuilder("sleep", "30").start();
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
}
