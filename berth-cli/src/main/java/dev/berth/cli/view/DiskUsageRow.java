package dev.berth.cli.view;

import dev.berth.cli.format.Sizes;

import java.util.List;
import java.util.Map;

/**
 * One row of {@code docker system df}: a kind of object, how many there are, how many are in use,
 * their size and how much of it removing the unused ones would free.
 */
public record DiskUsageRow(String type, long total, long active, long size, long reclaimable) implements TableRow {
    public static final String DEFAULT_TABLE = "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}";
    public static final Map<String, String> HEADERS = Map.of("Type", "TYPE", "TotalCount", "TOTAL", "Active", "ACTIVE",
            "Size", "SIZE", "Reclaimable", "RECLAIMABLE");

    @Override
    public Object field(String name, List<Object> args) {
        if (!args.isEmpty()) return MISSING;
        return switch (name) {
            case "Type" -> type;
            case "TotalCount" -> Long.toString(total);
            case "Active" -> Long.toString(active);
            case "Size" -> Sizes.human(size, 4);
            // docker adds the share of the total, except where nothing is stored
            case "Reclaimable" -> size > 0 ? Sizes.human(reclaimable, 4) + " (" + (reclaimable * 100 / size) + "%)" : Sizes.human(reclaimable, 4);
            default -> MISSING;
        };
    }

    @Override
    public Map<String, String> headers() {
        return HEADERS;
    }

    @Override
    public String goType() {
        return "*formatter.diskUsageContext";
    }
}
