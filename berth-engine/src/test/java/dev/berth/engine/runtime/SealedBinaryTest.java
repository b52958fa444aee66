package dev.berth.engine.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SealedBinaryTest {
    private static final Path BINARY = Path.of("/bin/true");

    @Test
    void theCopyCarriesExactlyTheSealsRuncLooksFor() throws Exception {
        Path copy = SealedBinary.seal(BINARY);
        assertTrue(copy.toString().startsWith("/proc/" + ProcessHandle.current().pid() + "/fd/"));
        assertEquals(SealedBinary.RUNC_SEALS, SealedBinary.seals(copy));
        assertArrayEquals(Files.readAllBytes(BINARY), Files.readAllBytes(copy));
    }

    @Test
    void theCopyCannotBeWrittenButRuns() throws Exception {
        Path copy = SealedBinary.seal(BINARY);
        assertThrows(IOException.class, () -> Files.write(copy, new byte[]{0x7f}));
        assertEquals(0, new ProcessBuilder(copy.toString()).start().waitFor());
    }

    @Test
    void fallsBackToThePlainBinaryWhenNoCopyCanBeMade(@TempDir Path dir) {
        Path missing = Path.of("/nonexistent/runc");
        assertEquals(missing, SealedBinary.of(missing, dir));
    }

    @Test
    void runcRunsFromItsSealedCopy(@TempDir Path dir) throws Exception {
        Path runc = SealedBinary.of(Path.of("/usr/sbin/runc"), dir);
        assertEquals(dir.resolve("runc"), runc, "the copy passed its runc --version check");
        Path copy = Files.readSymbolicLink(runc);
        assertTrue(copy.toString().startsWith("/proc/" + ProcessHandle.current().pid() + "/fd/"), copy.toString());
        assertEquals(SealedBinary.RUNC_SEALS, SealedBinary.seals(copy));
    }

    @Test
    void processesAreNamedAfterTheLinkNotTheFdNumber(@TempDir Path dir) throws Exception {
        Path sleep = SealedBinary.of(Path.of("/bin/sleep"), dir);
        assertEquals(dir.resolve("sleep"), sleep);
        Process p = new ProcessBuilder(sleep.toString(), "30").start();
        try {
            assertEquals("sleep", Files.readString(Path.of("/proc/" + p.pid() + "/comm")).trim());
        } finally {
            p.destroyForcibly().waitFor();
        }
    }
}
