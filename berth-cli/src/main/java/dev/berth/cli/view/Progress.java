package dev.berth.cli.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.client.stream.JsonStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * Prints a JSON progress stream (pull, import) as the docker CLI does on a non-terminal:
 * {@code id: status} lines, progress-bar updates left out, {@code stream} text as is.
 */
public final class Progress {
    private Progress() {}

    /** Prints the messages; returns the stream's error message, or null if it succeeded. */
    public static String print(InputStream body, PrintStream out) throws IOException {
        try (JsonStream messages = new JsonStream(body)) {
            JsonNode m;
            while ((m = messages.next()) != null) {
                if (m.hasNonNull("errorDetail") || m.hasNonNull("error")) {
                    String msg = m.path("errorDetail").path("message").asText("");
                    return msg.isEmpty() ? m.path("error").asText() : msg;
                }
                JsonNode detail = m.path("progressDetail");
                if (detail.path("current").asLong(0) > 0 || detail.path("total").asLong(0) > 0) continue;
                StringBuilder line = new StringBuilder();
                if (!m.path("id").asText("").isEmpty()) line.append(m.path("id").asText()).append(": ");
                if (m.hasNonNull("stream")) {
                    out.print(line.append(m.path("stream").asText()));
                } else {
                    out.println(line.append(m.path("status").asText("")));
                }
                out.flush();
            }
        }
        return null;
    }
}
