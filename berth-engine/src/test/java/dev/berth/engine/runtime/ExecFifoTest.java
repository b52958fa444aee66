package dev.berth.engine.runtime;

import dev.berth.common.errors.BerthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** runc's start handshake against a real fifo, with a real process standing in for runc init's liveness. */
class ExecFifoTest {
    @TempDir
    Path dir;

    private Path fifo() throws Exception {
        Path f = dir.resolve("exec.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", f.toString()).start().waitFor());
        return f;
    }

    @Test
    @Timeout(10)
    void readsInitsByteAndRemovesTheFifo() throws Exception {
        Path f = fifo();
        Process init = new ProcessBuilder("sleep", "30").start();
        try {
            // runc init: opens its end (blocking until we read), writes one byte, closes at exec
            Thread writer = Thread.ofVirtual().start(() -> {
                try (OutputStream out = Files.newOutputStream(f)) {
                    out.write('0');
                } catch (Exception ignored) {
                    // the test fails on its own if nothing arrives
                }
            });
            ExecFifo.release(f, (int) init.pid());
            writer.join();
            assertFalse(Files.exists(f), "runc reports running once the fifo is gone");
        } finally {
            init.destroy();
        }
    }

    @Test
    @Timeout(10)
    void aDeadInitCannotHangTheStart() throws Exception {
        Path f = fifo();
        Process init = new ProcessBuilder("true").start();
        init.waitFor();
        BerthException e = assertThrows(BerthException.class, () -> ExecFifo.release(f, (int) init.pid()));
        assertEquals("runc start failed: container process is already dead", e.getMessage());
    }
}
