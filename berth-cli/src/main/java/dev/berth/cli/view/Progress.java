package dev.berth.cli.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.client.stream.JsonStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import dev.berth.cli.format.Sizes;

/**
 * Prints a JSON progress stream (pull, import) as the docker CLI does. Elsewhere than on a
 * terminal: {@code id: status} lines, byte-progress updates left out, {@code stream} text as is.
 * On a terminal: one line per id, rewritten in place (cursor up, clear line) with its bar.
 */
public final class Progress {
    private static final int BAR = 50;

    private Progress() {}

    /** Prints the messages as plain lines; returns the stream's error message, or null if it succeeded. */
    public static String print(InputStream body, PrintStream out) throws IOException {
        return print(body, out, false);
    }

    /** As {@link #print(InputStream, PrintStream)}, drawing bars when {@code terminal}. */
    public static String print(InputStream body, PrintStream out, boolean terminal) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonStream messages = new JsonStream(body)) {
            JsonNode m;
            while ((m = messages.next()) != null) {
                if (m.hasNonNull("errorDetail") || m.hasNonNull("error")) {
                    String msg = m.path("errorDetail").path("message").asText("");
                    return msg.isEmpty() ? m.path("error").asText() : msg;
                }
                JsonNode detail = m.path("progressDetail");
                long current = detail.path("current").asLong(0);
                long total = detail.path("total").asLong(0);
                boolean bytes = current > 0 || total > 0;
                String id = m.path("id").asText("");
                if (!terminal) {
                    if (bytes) continue;
                    plain(m, id, out);
                } else if (!id.isEmpty() && m.has("progressDetail")) {
                    redraw(out, lines, id, id + ": " + m.path("status").asText("") + (bytes ? " " + bar(current, total) : ""));
                } else {
                    lines.clear(); // a line without id ends the block of layer lines, as in docker
                    plain(m, id, out);
                }
                out.flush();
            }
        }
        return null;
    }

    private static void plain(JsonNode m, String id, PrintStream out) {
        StringBuilder line = new StringBuilder();
        if (!id.isEmpty()) line.append(id).append(": ");
        if (m.hasNonNull("stream")) {
            out.print(line.append(m.path("stream").asText()));
        } else {
            out.println(line.append(m.path("status").asText("")));
        }
    }

    /** Rewrites the line of {@code id} (a new id gets a new line at the bottom). */
    private static void redraw(PrintStream out, Map<String, Integer> lines, String id, String text) {
        Integer line = lines.get(id);
        if (line == null) {
            lines.put(id, lines.size());
            out.print(text + "\n");
            return;
        }
        int up = lines.size() - line;
        out.print("\u001b[" + up + "A\r\u001b[2K" + text + "\r\u001b[" + up + "B");
    }

    static String bar(long current, long total) {
        if (total <= 0) return Sizes.human(current);
        int filled = (int) Math.min(BAR, BAR * current / total);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < BAR; i++) sb.append(i < filled - 1 ? '=' : i == filled - 1 ? (filled == BAR ? '=' : '>') : ' ');
        return sb.append("] ").append(Sizes.human(current)).append('/').append(Sizes.human(total)).toString();
    }
}
