package dev.berth.cli.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.client.json.JsonNodes;

import java.util.Iterator;
import java.util.Map;

/**
 * Pretty-prints JSON the way Go's {@code json.Indent} does for {@code docker inspect}: four-space
 * indentation, {@code "key": value}, empty objects and arrays kept as {@code {}} and {@code []},
 * and the daemon's field order.
 */
public final class JsonIndent {
    private JsonIndent() {}

    public static String indent(JsonNode n) {
        StringBuilder sb = new StringBuilder();
        write(sb, n, "");
        return sb.toString();
    }

    private static void write(StringBuilder sb, JsonNode n, String pad) {
        if (n.isObject()) {
            if (n.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            String inner = pad + "    ";
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sb.append(inner).append(JsonNodes.string(e.getKey())).append(": ");
                write(sb, e.getValue(), inner);
                if (it.hasNext()) sb.append(',');
                sb.append('\n');
            }
            sb.append(pad).append('}');
        } else if (n.isArray()) {
            if (n.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            String inner = pad + "    ";
            for (int i = 0; i < n.size(); i++) {
                sb.append(inner);
                write(sb, n.get(i), inner);
                if (i < n.size() - 1) sb.append(',');
                sb.append('\n');
            }
            sb.append(pad).append(']');
        } else {
            sb.append(JsonNodes.string(n));
        }
    }
}
