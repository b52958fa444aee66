package dev.berth.cli.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.format.Sizes;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code docker volume ls} row, from an entry of {@code GET /volumes}. Links and size are
 * known only where the daemon sent {@code UsageData} ({@code system df}); the cluster-volume
 * columns are always {@code N/A} on a daemon without swarm, as docker prints them.
 */
public record VolumeRow(JsonNode v) implements TableRow {
    public static final String DEFAULT_TABLE = "table {{.Driver}}\t{{.Name}}";
    public static final String QUIET = "{{.Name}}";
    public static final Map<String, String> HEADERS = Map.ofEntries(Map.entry("Name", "VOLUME NAME"), Map.entry("Driver", "DRIVER"),
            Map.entry("Scope", "SCOPE"), Map.entry("Mountpoint", "MOUNTPOINT"), Map.entry("Labels", "LABELS"), Map.entry("Links", "LINKS"),
            Map.entry("Size", "SIZE"), Map.entry("Group", "GROUP"), Map.entry("Availability", "AVAILABILITY"), Map.entry("Status", "STATUS"));
    private static final String NOT_APPLICABLE = "N/A";

    public String name() {
        return v.path("Name").asText();
    }

    @Override
    public Object field(String name, List<Object> args) {
        if (name.equals("Label")) {
            if (args.size() != 1) return MISSING;
            return v.path("Labels").path(String.valueOf(args.getFirst())).asText("");
        }
        if (!args.isEmpty()) return MISSING;
        JsonNode usage = v.path("UsageData");
        return switch (name) {
            case "Name" -> name();
            case "Driver" -> v.path("Driver").asText();
            case "Scope" -> v.path("Scope").asText();
            case "Mountpoint" -> v.path("Mountpoint").asText();
            case "Labels" -> labels();
            // -1 is the daemon's "not computed"
            case "Links" -> usage.isObject() && usage.path("RefCount").asLong(-1) >= 0 ? Long.toString(usage.path("RefCount").asLong()) : NOT_APPLICABLE;
            case "Size" -> usage.isObject() && usage.path("Size").asLong(-1) >= 0 ? Sizes.human(usage.path("Size").asLong(), 4) : NOT_APPLICABLE;
            case "Group", "Availability", "Status" -> NOT_APPLICABLE;
            default -> MISSING;
        };
    }

    /** {@code key=value} pairs joined by commas, sorted so the output is stable (Go's map order is random). */
    private String labels() {
        Map<String, String> sorted = new TreeMap<>();
        v.path("Labels").properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asText()));
        StringBuilder sb = new StringBuilder();
        sorted.forEach((k, val) -> sb.append(sb.isEmpty() ? "" : ",").append(k).append('=').append(val));
        return sb.toString();
    }

    @Override
    public Map<String, String> headers() {
        return HEADERS;
    }

    @Override
    public String goType() {
        return "*formatter.volumeContext";
    }
}
