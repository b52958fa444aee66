package dev.berth.engine.logging;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class JsonLogLineTest {
    private static final Instant T = Instant.parse("2026-11-23T10:15:30.123456780Z");

    private static String encode(LogRecord r) {
        return new String(JsonLogLine.encode(r), StandardCharsets.UTF_8);
    }

    @Test
    void encodesLikeDockerdsJsonFileDriver() {
        assertEquals("{\"log\":\"hello\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-23T10:15:30.12345678Z\"}\n",
                encode(new LogRecord(T, 1, "hello\n".getBytes())));
        assertEquals("{\"log\":\"oops\",\"stream\":\"stderr\",\"attrs\":{\"tier\":\"web\"},\"time\":\"2026-11-23T10:15:30Z\"}\n",
                encode(new LogRecord(Instant.parse("2026-11-23T10:15:30Z"), 2, "oops".getBytes(), Map.of("tier", "web"))));
    }

    @Test
    void escapesAsDockerdDoes() {
        String line = encode(new LogRecord(T, 1, "<a & b>\t\"q\"\\ \u0001\r\u2028é\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("{\"log\":\"\\u003ca \\u0026 b\\u003e\\t\\\"q\\\"\\\\ \\u0001\\r\\u2028é\\n\"", line.substring(0, line.indexOf(",\"stream\"")));
    }

    @Test
    void bytesThatAreNotUtf8BecomeReplacementCharacters() {
        String line = encode(new LogRecord(T, 1, new byte[]{'a', (byte) 0xff, 'b'}));
        assertEquals("{\"log\":\"a\uFFFDb\"", line.substring(0, line.indexOf(",\"stream\"")));
    }

    @Test
    void decodesWhatItEncodesAndWhatDockerdWrote() {
        LogRecord r = new LogRecord(T, 2, "x <y>\n".getBytes(), Map.of("a", "1"));
        byte[] line = JsonLogLine.encode(r);
        LogRecord back = JsonLogLine.decode(line, 0, line.length - 1);
        assertNotNull(back);
        assertEquals(T, back.time());
        assertEquals(2, back.stream());
        assertArrayEquals(r.data(), back.data());
        assertEquals(Map.of("a", "1"), back.attrs());
        // a line as dockerd 20.10 writes it, with a field berth does not know
        byte[] docker = "{\"log\":\"hi\\u0026\\n\",\"stream\":\"stdout\",\"extra\":{\"x\":[1]},\"time\":\"2021-06-01T08:00:00.5Z\"}".getBytes();
        LogRecord d = JsonLogLine.decode(docker, 0, docker.length);
        assertNotNull(d);
        assertEquals("hi&\n", new String(d.data()));
        assertEquals(Instant.parse("2021-06-01T08:00:00.5Z"), d.time());
    }

    @Test
    void rejectsWhatIsNotALogEntry() {
        byte[] garbage = "not json".getBytes();
        assertNull(JsonLogLine.decode(garbage, 0, garbage.length));
        byte[] noTime = "{\"log\":\"x\"}".getBytes();
        assertNull(JsonLogLine.decode(noTime, 0, noTime.length));
    }

    @Test
    void formatsTimesAsGoRfc3339Nano() {
        assertEquals("2026-11-23T10:15:30Z", JsonLogLine.rfc3339Nano(Instant.parse("2026-11-23T10:15:30Z")));
        assertEquals("2026-11-23T10:15:30.1Z", JsonLogLine.rfc3339Nano(Instant.parse("2026-11-23T10:15:30.100Z")));
        assertEquals("2026-11-23T10:15:30.000000001Z", JsonLogLine.rfc3339Nano(Instant.parse("2026-11-23T10:15:30.000000001Z")));
    }

    @Test
    void parsesConmonsCriLines() {
        LogRecord full = CriLogLine.parse("2026-11-23T19:27:08.600748433+00:00 stdout F hello");
        assertNotNull(full);
        assertEquals(1, full.stream());
        assertEquals("hello\n", new String(full.data()));
        LogRecord partial = CriLogLine.parse("2026-11-23T19:27:08.600748433+00:00 stderr P part");
        assertNotNull(partial);
        assertEquals(2, partial.stream());
        assertEquals("part", new String(partial.data()));
        assertNull(CriLogLine.parse("garbage"));
    }
}
