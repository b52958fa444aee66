package dev.berth.engine.runtime;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real conmon parked on its start pipe: abandoned, or let go on a bundle runc refuses. */
@Tag("root")
class ConmonTest {
    @TempDir
    Path dir;

    private Conmon.Pending spawn(String id) throws Exception {
        Path bundle = Files.createDirectories(dir.resolve(id));
        Conmon conmon = new Conmon(Path.of("/usr/bin/conmon"), new Runc(Path.of("/usr/sbin/runc"), dir.resolve("runc")), dir.resolve("exec"));
        return conmon.spawn(new Conmon.Launch(id, "test", bundle, "k8s-file:" + bundle.resolve("ctr.log"), false, false, false));
    }

    private static String id(char c) {
        return String.valueOf(c).repeat(64);
    }

    @Test
    @Timeout(20)
    void aParkedConmonWaitsAndIsKilledWhenAbandoned() throws Exception {
        Conmon.Pending p = spawn(id('a'));
        ProcessHandle conmon = ProcessHandle.of(p.pid()).orElseThrow();
        Thread.sleep(300);
        assertTrue(conmon.isAlive(), "waits on its start pipe");
        assertTrue(conmon.children().findAny().isEmpty(), "has forked nothing yet");
        p.close();
        assertFalse(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false), "killed and reaped");
        p.close(); // twice is harmless
    }

    @Test
    @Timeout(20)
    void letGoOnABundleWithoutConfigItReportsRuncsError() throws Exception {
        Conmon.Pending p = spawn(id('b'));
        Conmon.RuntimeCreateException e = assertThrows(Conmon.RuntimeCreateException.class, p::go);
        assertTrue(e.getMessage().contains("config.json"), e.getMessage());
        assertFalse(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false));
        p.close(); // after go: nothing to do
    }
}
