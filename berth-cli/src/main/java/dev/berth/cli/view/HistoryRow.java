package dev.berth.cli.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.format.Durations;
import dev.berth.cli.format.Ellipsis;
import dev.berth.cli.format.Sizes;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** One {@code docker history} row: an entry of the image's config history, newest first. */
public final class HistoryRow implements TableRow {
    public static final String DEFAULT_TABLE = "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
    public static final Map<String, String> HEADERS = Map.of("ID", "IMAGE", "CreatedSince", "CREATED", "CreatedAt", "CREATED AT",
            "CreatedBy", "CREATED BY", "Size", "SIZE", "Comment", "COMMENT");

    /** With {@code -H=false} the CreatedSince column shows dates, and docker heads it so. */
    public static Map<String, String> headers(boolean human) {
        if (human) return HEADERS;
        Map<String, String> h = new java.util.HashMap<>(HEADERS);
        h.put("CreatedSince", "CREATED AT");
        return Map.copyOf(h);
    }

    private final JsonNode h;
    private final boolean trunc;
    private final boolean human;
    private final Instant now;
    private final Supplier<ZoneId> zone;

    public HistoryRow(JsonNode entry, boolean trunc, boolean human, Instant now, Supplier<ZoneId> zone) {
        this.h = entry;
        this.trunc = trunc;
        this.human = human;
        this.now = now;
        this.zone = zone;
    }

    public String id() {
        String id = h.path("Id").asText();
        return trunc && id.startsWith("sha256:") ? Ellipsis.shortId(id) : id;
    }

    @Override
    public Object field(String name, List<Object> args) {
        if (!args.isEmpty()) return MISSING;
        Instant created = Instant.ofEpochSecond(h.path("Created").asLong());
        return switch (name) {
            case "ID" -> id();
            case "CreatedSince" -> human ? Durations.human(Duration.between(created, now)) + " ago" : createdAt(created);
            case "CreatedAt" -> createdAt(created);
            case "CreatedBy" -> createdBy();
            case "Size" -> human ? Sizes.human(h.path("Size").asLong()) : Long.toString(h.path("Size").asLong());
            case "Comment" -> h.path("Comment").asText();
            default -> MISSING;
        };
    }

    /** Tabs as spaces, and at most 45 characters unless {@code --no-trunc}, as docker's history table. */
    private String createdBy() {
        String by = h.path("CreatedBy").asText().replace('\t', ' ');
        return trunc ? Ellipsis.cut(by, 45) : by;
    }

    private String createdAt(Instant created) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(created.atZone(zone.get()));
    }

    @Override
    public Map<String, String> headers() {
        return HEADERS;
    }

    @Override
    public String goType() {
        return "*formatter.historyContext";
    }
}
