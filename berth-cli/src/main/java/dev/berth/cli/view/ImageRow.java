package dev.berth.cli.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.format.Durations;
import dev.berth.cli.format.Ellipsis;
import dev.berth.cli.format.Sizes;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** One {@code docker images} row: an image summary seen under one repository and tag. */
public final class ImageRow implements TableRow {
    public static final String DEFAULT_TABLE = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
    public static final String DIGESTS_TABLE = "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
    public static final Map<String, String> HEADERS = Map.ofEntries(
            Map.entry("ID", "IMAGE ID"), Map.entry("Repository", "REPOSITORY"), Map.entry("Tag", "TAG"), Map.entry("Digest", "DIGEST"),
            Map.entry("CreatedSince", "CREATED"), Map.entry("CreatedAt", "CREATED AT"), Map.entry("Size", "SIZE"),
            Map.entry("Containers", "CONTAINERS"), Map.entry("SharedSize", "SHARED SIZE"), Map.entry("UniqueSize", "UNIQUE SIZE"),
            Map.entry("VirtualSize", "VIRTUAL SIZE"));
    /** Go's {@code time.Time.String()}: {@code 2006-01-02 15:04:05 -0700 MST}. */
    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z z");

    private final JsonNode i;
    private final String repository;
    private final String tag;
    private final String digest;
    private final boolean trunc;
    private final Instant now;
    /** Resolved only when CreatedAt is printed: looking up the local zone costs ~70 ms of start-up. */
    private final Supplier<ZoneId> zone;

    private ImageRow(JsonNode summary, String repository, String tag, String digest, boolean trunc, Instant now, Supplier<ZoneId> zone) {
        this.i = summary;
        this.repository = repository;
        this.tag = tag;
        this.digest = digest;
        this.trunc = trunc;
        this.now = now;
        this.zone = zone;
    }

    /** One row per repository:tag of the image; a single {@code <none>} row for an untagged image. */
    public static List<ImageRow> of(JsonNode summary, boolean trunc, Instant now, Supplier<ZoneId> zone) {
        List<ImageRow> rows = new ArrayList<>();
        for (JsonNode t : summary.path("RepoTags")) {
            String ref = t.asText();
            if (ref.equals("<none>:<none>")) continue;
            int at = ref.lastIndexOf(':');
            if (at < 0 || ref.indexOf('/', at) >= 0) continue;
            rows.add(new ImageRow(summary, ref.substring(0, at), ref.substring(at + 1), "<none>", trunc, now, zone));
        }
        if (rows.isEmpty()) rows.add(new ImageRow(summary, "<none>", "<none>", "<none>", trunc, now, zone));
        return rows;
    }

    /** Dangling images ({@code <none>:<none>}) are listed; images without any tag or digest are intermediate. */
    public boolean dangling() {
        return repository.equals("<none>");
    }

    public String id() {
        String id = i.path("Id").asText();
        return trunc ? Ellipsis.shortId(id) : id;
    }

    private static String count(long n) {
        return n < 0 ? "N/A" : Long.toString(n);
    }

    @Override
    public Object field(String name, List<Object> args) {
        if (!args.isEmpty()) return MISSING;
        Instant created = Instant.ofEpochSecond(i.path("Created").asLong());
        long size = i.path("Size").asLong();
        long shared = i.path("SharedSize").asLong(-1);
        return switch (name) {
            case "ID" -> id();
            case "Repository" -> repository;
            case "Tag" -> tag;
            case "Digest" -> digest;
            case "CreatedSince" -> created.getEpochSecond() <= 0 ? "N/A" : Durations.human(Duration.between(created, now)) + " ago";
            case "CreatedAt" -> GO_TIME.format(created.atZone(zone.get()));
            case "Size" -> Sizes.human(size);
            case "Containers" -> count(i.path("Containers").asLong(-1));
            case "SharedSize" -> shared < 0 ? "N/A" : Sizes.human(shared, 4);
            case "UniqueSize" -> shared < 0 ? "N/A" : Sizes.human(size - shared, 4);
            case "VirtualSize" -> Sizes.human(i.has("VirtualSize") ? i.path("VirtualSize").asLong() : size, 4);
            default -> MISSING;
        };
    }

    @Override
    public Map<String, String> headers() {
        return HEADERS;
    }

    @Override
    public String goType() {
        return "*formatter.imageContext";
    }
}
