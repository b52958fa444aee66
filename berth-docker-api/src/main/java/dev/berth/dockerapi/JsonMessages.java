package dev.berth.dockerapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Docker's JSON-message stream (pull, push, load...): one object per message, {@code \r\n} after
 * each. A byte-progress message carries {@code progressDetail} {current,total}, from which the
 * docker CLI draws its bars on a terminal (and which it leaves out elsewhere), plus the
 * {@code progress} text dockerd renders for older clients.
 */
public final class JsonMessages {
    private static final int BAR_WIDTH = 50;

    private JsonMessages() {}

    public static byte[] status(String id, String status) {
        ObjectNode n = Json.object();
        n.put("status", status);
        if (id != null) {
            n.putObject("progressDetail");
            n.put("id", id);
        }
        return line(n);
    }

    public static byte[] progress(String id, String status, long current, long total) {
        ObjectNode n = Json.object();
        n.put("status", status);
        ObjectNode d = n.putObject("progressDetail");
        d.put("current", current);
        if (total > 0) d.put("total", total);
        n.put("progress", bar(current, total));
        n.put("id", id);
        return line(n);
    }

    public static byte[] error(String message) {
        ObjectNode n = Json.object();
        n.putObject("errorDetail").put("message", message);
        n.put("error", message);
        return line(n);
    }

    private static byte[] line(ObjectNode n) {
        return (Json.string(n) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code [=====>      ]  1.05MB/2.1MB}, as dockerd renders progress for clients that print it as is. */
    static String bar(long current, long total) {
        if (total <= 0) return humanSize(current);
        int filled = (int) Math.min(BAR_WIDTH, BAR_WIDTH * current / total);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < BAR_WIDTH; i++) sb.append(i < filled - 1 || (i == filled - 1 && filled == BAR_WIDTH) ? '=' : i == filled - 1 ? '>' : ' ');
        if (filled == 0) sb.setCharAt(1, '>');
        return sb.append("] ").append(String.format(Locale.ROOT, "%8s/%s", humanSize(current), humanSize(total))).toString();
    }

    /** Decimal sizes with four significant digits, as Go's units.HumanSize prints them. */
    public static String humanSize(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + units[u];
    }
}
