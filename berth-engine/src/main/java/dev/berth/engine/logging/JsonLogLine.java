package dev.berth.engine.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * One line of Docker's json-file log: {@code {"log":"hi\n","stream":"stdout","attrs":{..},"time":"<RFC3339Nano>"}}.
 * Encoding follows dockerd's own writer so tools that read {@code <id>-json.log} directly see the same
 * bytes: {@code <}, {@code >} and {@code &} escaped as {@code \u003c}-style sequences, bytes that are not
 * UTF-8 replaced by U+FFFD, the time in UTC with trailing zero digits of the fraction dropped.
 */
public final class JsonLogLine {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonLogLine() {}

    /** The line for {@code r}, newline included; {@code attrs} may be empty. */
    public static byte[] encode(LogRecord r) {
        Map<String, String> attrs = r.attrs();
        StringBuilder b = new StringBuilder(r.data().length + 80);
        b.append("{\"log\":");
        appendString(b, new String(r.data(), StandardCharsets.UTF_8));
        b.append(",\"stream\":\"").append(r.stream() == 2 ? "stderr" : "stdout").append('"');
        if (!attrs.isEmpty()) {
            b.append(",\"attrs\":{");
            boolean first = true;
            for (Map.Entry<String, String> a : attrs.entrySet()) {
                if (!first) b.append(',');
                first = false;
                appendString(b, a.getKey());
                b.append(':');
                appendString(b, a.getValue());
            }
            b.append('}');
        }
        b.append(",\"time\":\"").append(rfc3339Nano(r.time())).append("\"}\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Go's {@code time.RFC3339Nano} in UTC: the fraction without trailing zeros, none at all for whole seconds. */
    public static String rfc3339Nano(Instant t) {
        StringBuilder b = new StringBuilder(30).append(SECONDS.format(t));
        int nanos = t.getNano();
        if (nanos != 0) {
            String frac = String.format("%09d", nanos);
            int end = frac.length();
            while (frac.charAt(end - 1) == '0') end--;
            b.append('.').append(frac, 0, end);
        }
        return b.append('Z').toString();
    }

    /** Parses a line (without its newline); null if it is not a log entry. */
    public static LogRecord decode(byte[] line, int offset, int length) {
        String log = null;
        int stream = 1;
        Instant time = null;
        Map<String, String> attrs = Map.of();
        try (JsonParser p = FACTORY.createParser(line, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "log" -> log = p.getText();
                    case "stream" -> stream = "stderr".equals(p.getText()) ? 2 : 1;
                    case "time" -> time = Instant.parse(p.getText());
                    case "attrs" -> attrs = readAttrs(p);
                    default -> {
                        if (value.isStructStart()) p.skipChildren();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (time == null) return null;
        return new LogRecord(time, stream, log == null ? new byte[0] : log.getBytes(StandardCharsets.UTF_8), attrs);
    }

    private static Map<String, String> readAttrs(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return Map.of();
        }
        Map<String, String> attrs = new java.util.LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if (p.currentToken().isStructStart()) p.skipChildren();
            else attrs.put(key, p.getText());
        }
        return attrs;
    }

    private static void appendString(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    // dockerd escapes HTML-significant characters and the JavaScript line separators too
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        b.append("\\u").append(HEX[c >> 12 & 15]).append(HEX[c >> 8 & 15]).append(HEX[c >> 4 & 15]).append(HEX[c & 15]);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
