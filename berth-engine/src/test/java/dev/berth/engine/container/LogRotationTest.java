package dev.berth.engine.container;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogRotationTest {
    @TempDir
    Path dir;

    private Path log(String... lines) throws Exception {
        Path log = dir.resolve("ctr.log");
        StringBuilder b = new StringBuilder();
        for (String l : lines) b.append("2026-11-23T10:00:00.000000000Z stdout F ").append(l).append('\n');
        Files.writeString(log, b.toString());
        return log;
    }

    @Test
    void rotationKeepsMaxFilesAndReadersSeeOldestFirst() throws Exception {
        Path log = log("one");
        LogRotator.rotate(log, 3);
        log("two");
        LogRotator.rotate(log, 3);
        log("three");
        LogRotator.rotate(log, 3);
        log("four");
        assertTrue(Files.exists(dir.resolve("ctr.log.1")) && Files.exists(dir.resolve("ctr.log.2")));
        assertFalse(Files.exists(dir.resolve("ctr.log.3")), "max-file=3 keeps the live file and two rotated ones");
        List<String> seen = new ArrayList<>();
        LogFiles.read(log, new LogFiles.Query(true, true, null, null, -1, false), r -> seen.add(new String(r.data()).trim()), () -> false);
        assertEquals(List.of("two", "three", "four"), seen);
    }

    @Test
    void maxFileOneDropsTheOldContent() throws Exception {
        Path log = log("old");
        LogRotator.rotate(log, 1);
        assertFalse(Files.exists(dir.resolve("ctr.log.1")));
    }

    @Test
    void limitsComeFromLogOptions() {
        assertEquals(new LogRotator.Limits(10 * 1024 * 1024, 3), new LogRotator.Limits(Sizes.parse("10m"), 3));
        assertEquals(1536, Sizes.parse("1.5k"));
    }

    @Test
    void partialRecordsKeepTheirMissingNewline() {
        var r = LogFiles.parse("2026-11-23T10:00:00.5Z stderr P abc");
        assertEquals(2, r.stream());
        assertEquals("abc", new String(r.data()));
        assertEquals("abc\n", new String(LogFiles.parse("2026-11-23T10:00:00.5Z stdout F abc").data()));
    }
}
