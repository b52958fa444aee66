package dev.berth.cli.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.format.Durations;
import dev.berth.cli.format.Ellipsis;
import dev.berth.cli.format.Ports;
import dev.berth.cli.format.Sizes;
import dev.berth.cli.template.GoFormat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.TreeSet;

/** One {@code docker ps} row: the fields a {@code --format} template can use, computed from a container summary. */
public final class ContainerRow implements TableRow {
    public static final String DEFAULT_TABLE = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";
    public static final Map<String, String> HEADERS = Map.ofEntries(
            Map.entry("ID", "CONTAINER ID"), Map.entry("Image", "IMAGE"), Map.entry("Command", "COMMAND"),
            Map.entry("CreatedAt", "CREATED AT"), Map.entry("RunningFor", "CREATED"), Map.entry("Ports", "PORTS"),
            Map.entry("State", "STATE"), Map.entry("Status", "STATUS"), Map.entry("Size", "SIZE"), Map.entry("Names", "NAMES"),
            Map.entry("Labels", "LABELS"), Map.entry("Mounts", "MOUNTS"), Map.entry("Networks", "NETWORKS"),
            Map.entry("LocalVolumes", "LOCAL VOLUMES"), Map.entry("Platform", "PLATFORM"));
    /** Go's {@code time.Time.String()}: {@code 2006-01-02 15:04:05 -0700 MST}. */
    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z z");

    private final JsonNode c;
    private final boolean trunc;
    private final Instant now;
    /** Resolved only when CreatedAt is printed: looking up the local zone costs ~70 ms of start-up. */
    private final Supplier<ZoneId> zone;

    public ContainerRow(JsonNode summary, boolean trunc, Instant now, Supplier<ZoneId> zone) {
        this.c = summary;
        this.trunc = trunc;
        this.now = now;
        this.zone = zone;
    }

    public String id() {
        String id = c.path("Id").asText();
        return trunc ? Ellipsis.shortId(id) : id;
    }

    public String image() {
        String image = c.path("Image").asText("");
        if (image.isEmpty()) return "<no image>";
        if (!trunc) return image;
        String imageId = c.path("ImageID").asText("");
        if (image.startsWith("sha256:") || Ellipsis.shortId(imageId).equals(Ellipsis.shortId(image))) return Ellipsis.shortId(image);
        int at = image.indexOf('@');
        return at > 0 ? image.substring(0, at) : image;
    }

    public String command() {
        String cmd = c.path("Command").asText("");
        return GoFormat.quote(trunc ? Ellipsis.cut(cmd, 20) : cmd);
    }

    private Instant created() {
        return Instant.ofEpochSecond(c.path("Created").asLong());
    }

    public String runningFor() {
        return Durations.human(Duration.between(created(), now)) + " ago";
    }

    public String createdAt() {
        return GO_TIME.format(created().atZone(zone.get()));
    }

    public String ports() {
        List<Ports.Port> ports = new ArrayList<>();
        for (JsonNode p : c.path("Ports")) {
            ports.add(new Ports.Port(p.path("IP").asText(""), p.path("PrivatePort").asInt(), p.path("PublicPort").asInt(), p.path("Type").asText("tcp")));
        }
        return Ports.display(ports);
    }

    /** Names without the leading slash; legacy link names ({@code /a/b}) are left out. */
    public String names() {
        List<String> names = new ArrayList<>();
        for (JsonNode n : c.path("Names")) {
            String name = n.asText();
            if (name.startsWith("/")) name = name.substring(1);
            if (!name.contains("/")) names.add(name);
        }
        return String.join(",", names);
    }

    public String size() {
        long rw = c.path("SizeRw").asLong(0);
        long rootfs = c.path("SizeRootFs").asLong(0);
        String s = Sizes.human(rw);
        return rootfs > 0 ? s + " (virtual " + Sizes.human(rootfs) + ")" : s;
    }

    public String labels() {
        List<String> out = new ArrayList<>();
        c.path("Labels").fields().forEachRemaining(e -> out.add(e.getKey() + "=" + e.getValue().asText()));
        return String.join(",", out);
    }

    public String label(String name) {
        return c.path("Labels").path(name).asText("");
    }

    public String mounts() {
        List<String> out = new ArrayList<>();
        for (JsonNode m : c.path("Mounts")) {
            String name = m.path("Name").asText("");
            if (name.isEmpty()) name = m.path("Source").asText("");
            out.add(trunc ? Ellipsis.cut(name, 15) : name);
        }
        return String.join(",", out);
    }

    public String localVolumes() {
        int n = 0;
        for (JsonNode m : c.path("Mounts")) if ("local".equals(m.path("Driver").asText())) n++;
        return Integer.toString(n);
    }

    public String networks() {
        TreeSet<String> names = new TreeSet<>();
        c.path("NetworkSettings").path("Networks").fieldNames().forEachRemaining(names::add);
        return String.join(",", names);
    }

    @Override
    public Object field(String name, List<Object> args) {
        if (name.equals("Label")) return args.size() == 1 ? label(GoFormat.print(args.getFirst())) : MISSING;
        if (!args.isEmpty()) return MISSING;
        return switch (name) {
            case "ID" -> id();
            case "Image" -> image();
            case "Command" -> command();
            case "CreatedAt" -> createdAt();
            case "RunningFor" -> runningFor();
            case "Ports" -> ports();
            case "State" -> c.path("State").asText("");
            case "Status" -> c.path("Status").asText("");
            case "Size" -> size();
            case "Names" -> names();
            case "Labels" -> labels();
            case "Mounts" -> mounts();
            case "LocalVolumes" -> localVolumes();
            case "Networks" -> networks();
            case "Platform" -> null;
            default -> MISSING;
        };
    }

    @Override
    public Map<String, String> headers() {
        return HEADERS;
    }

    @Override
    public String goType() {
        return "*formatter.ContainerContext";
    }
}
