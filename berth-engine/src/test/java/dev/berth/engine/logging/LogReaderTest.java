package dev.berth.engine.logging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogReaderTest {
    @TempDir
    Path dir;

    private Path spool() {
        return dir.resolve("conmon.log");
    }

    /** conmon's CRI lines: second {@code i} after 10:00, odd ones on stderr. */
    private void conmonWrites(int from, int to) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            b.append(Instant.parse("2026-11-23T10:00:00Z").plusSeconds(i)).append(i % 2 == 0 ? " stdout F l" : " stderr F l").append(i).append('\n');
        }
        Files.writeString(spool(), b, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private LogReader.Source source(JsonLogFile.Limits limits, AtomicBoolean running) {
        return new LogReader.Source(dir.resolve("c-json.log"),
                new LogShipper(spool(), new JsonLogFile(dir.resolve("c-json.log"), limits), Map.of(), () -> { }), running::get);
    }

    private static List<String> read(LogReader.Source src, LogReader.Query q) throws Exception {
        List<String> out = new ArrayList<>();
        LogReader.read(src, q, r -> out.add(new String(r.data()).trim()), () -> { });
        return out;
    }

    @Test
    void tailSinceUntilAndStreamsApplyAcrossRotatedFiles() throws Exception {
        conmonWrites(0, 10);
        LogReader.Source src = source(new JsonLogFile.Limits(150, 5), new AtomicBoolean(false));
        assertEquals(List.of("l0", "l1", "l2", "l3", "l4", "l5", "l6", "l7", "l8", "l9"), read(src, new LogReader.Query(true, true, null, null, -1, false)));
        assertTrue(Files.exists(dir.resolve("c-json.log.2")), "the history spans rotated files");
        assertEquals(List.of("l7", "l8", "l9"), read(src, new LogReader.Query(true, true, null, null, 3, false)));
        assertEquals(List.of(), read(src, new LogReader.Query(true, true, null, null, 0, false)));
        assertEquals(List.of("l1", "l3", "l5", "l7", "l9"), read(src, new LogReader.Query(false, true, null, null, -1, false)));
        Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
        assertEquals(List.of("l4", "l5"), read(src, new LogReader.Query(true, true, t0.plusSeconds(4), t0.plusSeconds(6), -1, false)));
    }

    @Test
    void followLosesNothingWhenTheLogRotatesFasterThanItPolls() throws Exception {
        conmonWrites(0, 5);
        AtomicBoolean running = new AtomicBoolean(true);
        // ~3 lines per file and only 2 files kept: most files are gone before a poller could see them
        LogReader.Source src = source(new JsonLogFile.Limits(200, 2), running);
        List<String> seen = new CopyOnWriteArrayList<>();
        Thread follower = Thread.ofVirtual().start(() -> {
            try {
                LogReader.read(src, new LogReader.Query(true, true, null, null, 2, true), r -> seen.add(new String(r.data()).trim()), () -> { });
            } catch (Exception e) {
                seen.add("error " + e);
            }
        });
        List<String> expected = new ArrayList<>(List.of("l3", "l4"));
        for (int i = 0; i < 500 && seen.size() < 2; i++) Thread.sleep(10); // the history was sent: following now
        for (int i = 5; i < 400; i += 20) {
            conmonWrites(i, i + 20);
            for (int j = i; j < i + 20; j++) expected.add("l" + j);
            src.shipper().ship(); // the daemon's own pass, racing with the follower's
        }
        running.set(false);
        follower.join(5000);
        assertEquals(expected, seen);
    }
}
