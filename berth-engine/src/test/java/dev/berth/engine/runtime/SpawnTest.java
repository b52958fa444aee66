package dev.berth.engine.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SpawnTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(10)
    void childGetsStderrFd3AndFd4PipesAndNothingElse() throws Exception {
        Path fds = dir.resolve("fds");
        // what the child sees: its cwd, its environment, what arrives on fd 4, its open fds (the listing's own fd aside)
        Spawn.Child c = Spawn.start(List.of("/bin/sh", "-c",
                        "read -r word <&4; echo \"$(pwd) $GREETING $word\" >&3; echo oops >&2; ls /proc/self/fd > fds; exit 3"),
                Map.of("GREETING", "hello", "PATH", "/usr/bin:/bin"), dir);
        try {
            Spawn.write(c.fd4(), "go\n".getBytes());
            Spawn.closeQuietly(c.fd4());
            assertEquals(dir + " hello go", Spawn.readLine(c.fd3()));
            assertNull(Spawn.readLine(c.fd3()), "fd 3 ends with the child");
            assertEquals("oops\n", Spawn.readAll(c.stderr()));
            int status = Spawn.waitFor(c.pid());
            assertEquals(3, (status >> 8) & 0xff);
        } finally {
            Spawn.closeQuietly(c.fd3());
            Spawn.closeQuietly(c.stderr());
        }
        List<String> open = Files.readAllLines(fds);
        // 0-4, plus the one ls opened to list the directory: nothing of the JVM's leaks in
        assertEquals(List.of("0", "1", "2", "3", "4", "5"), open.stream().sorted().toList());
    }

    @Test
    void aMissingProgramIsAnError() {
        assertThrows(java.io.IOException.class, () -> Spawn.start(List.of("/nonexistent/prog"), Map.of(), dir));
    }
}
