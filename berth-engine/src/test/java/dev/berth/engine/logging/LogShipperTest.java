package dev.berth.engine.logging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogShipperTest {
    @TempDir
    Path dir;

    private Path spool() {
        return dir.resolve("conmon.log");
    }

    private Path json() {
        return dir.resolve("c-json.log");
    }

    /** What conmon does: appends CRI lines to whatever file is at {@code file}. */
    private static void conmonWrites(Path file, String... lines) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String l : lines) b.append("2026-11-23T10:00:00.000000001+00:00 stdout F ").append(l).append('\n');
        Files.writeString(file, b, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private List<String> shipped() throws IOException {
        return shipped(json());
    }

    static List<String> shipped(Path json) throws IOException {
        List<String> out = new ArrayList<>();
        LogReader.readFiles(json, r -> out.add(new String(r.data()).trim()));
        return out;
    }

    @Test
    void shipsCompleteLinesOnlyAndNeverTwice() throws Exception {
        LogShipper s = new LogShipper(spool(), new JsonLogFile(json(), JsonLogFile.Limits.UNLIMITED), Map.of(), () -> { });
        conmonWrites(spool(), "one", "two");
        Files.writeString(spool(), "2026-11-23T10:00:00.000000001+00:00 stdout F thr", StandardOpenOption.APPEND);
        s.ship();
        s.ship();
        assertEquals(List.of("one", "two"), shipped());
        Files.writeString(spool(), "ee\n", StandardOpenOption.APPEND);
        s.ship();
        assertEquals(List.of("one", "two", "three"), shipped());
        assertTrue(Files.readString(json()).startsWith("{\"log\":\"one\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-23T10:00:00.000000001Z\"}\n"));
    }

    @Test
    void aRestartedDaemonContinuesWhereTheLastOneStopped() throws Exception {
        conmonWrites(spool(), "one");
        new LogShipper(spool(), new JsonLogFile(json(), JsonLogFile.Limits.UNLIMITED), Map.of(), () -> { }).ship();
        conmonWrites(spool(), "two"); // written while berthd was down
        new LogShipper(spool(), new JsonLogFile(json(), JsonLogFile.Limits.UNLIMITED), Map.of(), () -> { }).ship();
        assertEquals(List.of("one", "two"), shipped());
    }

    @Test
    void aFullSpoolIsHandedBackToConmonWithoutLosingALine() throws Exception {
        AtomicInteger reopens = new AtomicInteger();
        LogShipper s = new LogShipper(spool(), new JsonLogFile(json(), JsonLogFile.Limits.UNLIMITED), Map.of(), reopens::incrementAndGet, 100);
        conmonWrites(spool(), "a1", "a2", "a3");
        s.ship();
        assertEquals(1, reopens.get());
        Path old = dir.resolve("conmon.log.old");
        assertTrue(Files.exists(old) && !Files.exists(spool()), "the spool was renamed away");
        // conmon has not reopened yet: it still writes the renamed file
        conmonWrites(old, "a4");
        s.ship();
        assertEquals(List.of("a1", "a2", "a3", "a4"), shipped());
        // the last line lands in the old file just before conmon reopens
        conmonWrites(old, "a5");
        conmonWrites(spool(), "b1");
        s.ship();
        assertFalse(Files.exists(old), "finished and deleted");
        assertEquals(List.of("a1", "a2", "a3", "a4", "a5", "b1"), shipped());
        assertEquals(1, reopens.get());
    }

    @Test
    void aDaemonKilledMidRotationResumesCorrectly() throws Exception {
        LogShipper s = new LogShipper(spool(), new JsonLogFile(json(), JsonLogFile.Limits.UNLIMITED), Map.of(), () -> { }, 100);
        conmonWrites(spool(), "a1", "a2", "a3");
        s.ship();
        conmonWrites(dir.resolve("conmon.log.old"), "a4");
        // berthd dies here; conmon reopens and writes on
        conmonWrites(spool(), "b1");
        new LogShipper(spool(), new JsonLogFile(json(), JsonLogFile.Limits.UNLIMITED), Map.of(), () -> { }, 100).ship();
        assertEquals(List.of("a1", "a2", "a3", "a4", "b1"), shipped());
    }

    @Test
    void resetShipsTheRestAndStartsAnEmptySpool() throws Exception {
        LogShipper s = new LogShipper(spool(), new JsonLogFile(json(), JsonLogFile.Limits.UNLIMITED), Map.of(), () -> { });
        conmonWrites(spool(), "first run");
        s.reset();
        assertFalse(Files.exists(spool()));
        conmonWrites(spool(), "second run");
        s.ship();
        assertEquals(List.of("first run", "second run"), shipped());
    }

    @Test
    void rotatesTheJsonFileByMaxSizeAndMaxFile() throws Exception {
        LogShipper s = new LogShipper(spool(), new JsonLogFile(json(), new JsonLogFile.Limits(200, 3)), Map.of(), () -> { });
        for (int i = 0; i < 20; i++) conmonWrites(spool(), "line-" + i);
        s.ship();
        assertTrue(Files.exists(dir.resolve("c-json.log.1")) && Files.exists(dir.resolve("c-json.log.2")));
        assertFalse(Files.exists(dir.resolve("c-json.log.3")), "max-file=3: the live file and two rotated ones");
        for (Path p : List.of(json(), dir.resolve("c-json.log.1"), dir.resolve("c-json.log.2"))) {
            // a file ends with the first line that reaches max-size
            assertTrue(Files.size(p) < 200 + 100, p + " is " + Files.size(p));
        }
        List<String> kept = shipped();
        assertEquals("line-19", kept.getLast());
        for (int i = 1; i < kept.size(); i++) {
            int prev = Integer.parseInt(kept.get(i - 1).substring(5));
            assertEquals(prev + 1, Integer.parseInt(kept.get(i).substring(5)), "oldest first, nothing skipped: " + kept);
        }
    }

    @Test
    void maxFileOneKeepsOnlyTheLiveFile() throws Exception {
        LogShipper s = new LogShipper(spool(), new JsonLogFile(json(), new JsonLogFile.Limits(100, 1)), Map.of(), () -> { });
        for (int i = 0; i < 5; i++) conmonWrites(spool(), "line-" + i);
        s.ship();
        assertFalse(Files.exists(dir.resolve("c-json.log.1")));
        assertEquals(List.of("line-4"), shipped());
    }
}
