package dev.berth.engine.runtime;

import org.junit.jupiter.api.Test;

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
    void fallsBackToThePlainBinaryWhenNoCopyCanBeMade() {
        Path missing = Path.of("/nonexistent/runc");
        assertEquals(missing, SealedBinary.of(missing));
    }

    @Test
    void runcRunsFromItsSealedCopy() {
        Path runc = SealedBinary.of(Path.of("/usr/sbin/runc"));
        assertTrue(runc.toString().startsWith("/proc/"), runc + " is the copy, checked with runc --version");
    }
}
