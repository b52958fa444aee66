package dev.berth.cli.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.format.Ellipsis;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** One {@code docker network ls} row. */
public final class NetworkRow implements TableRow {
    public static final String DEFAULT_TABLE = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}";
    public static final Map<String, String> HEADERS = Map.of("ID", "NETWORK ID", "Name", "NAME", "Driver", "DRIVER", "Scope", "SCOPE",
            "IPv6", "IPV6", "Internal", "INTERNAL", "Labels", "LABELS", "CreatedAt", "CREATED AT");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("Z z");

    private final JsonNode n;
    private final boolean trunc;
    private final Supplier<ZoneId> zone;

    public NetworkRow(JsonNode network, boolean trunc, Supplier<ZoneId> zone) {
        this.n = network;
        this.trunc = trunc;
        this.zone = zone;
    }

    public String id() {
        String id = n.path("Id").asText();
        return trunc ? Ellipsis.shortId(id) : id;
    }

    @Override
    public Object field(String name, List<Object> args) {
        if (name.equals("Label")) {
            if (args.size() != 1) return MISSING;
            return n.path("Labels").path(String.valueOf(args.getFirst())).asText("");
        }
        if (!args.isEmpty()) return MISSING;
        return switch (name) {
            case "ID" -> id();
            case "Name" -> n.path("Name").asText();
            case "Driver" -> n.path("Driver").asText();
            case "Scope" -> n.path("Scope").asText();
            case "IPv6" -> Boolean.toString(n.path("EnableIPv6").asBoolean());
            case "Internal" -> Boolean.toString(n.path("Internal").asBoolean());
            case "Labels" -> labels();
            case "CreatedAt" -> goTime(Instant.parse(n.path("Created").asText()).atZone(zone.get()));
            default -> MISSING;
        };
    }

    /** Go's {@code time.Time.String()}: the fraction of a second without trailing zeros, none when zero. */
    static String goTime(java.time.ZonedDateTime t) {
        String fraction = t.getNano() == 0 ? "" : ("." + String.format("%09d", t.getNano())).replaceAll("0+$", "");
        return SECONDS.format(t) + fraction + " " + ZONE.format(t);
    }

    private String labels() {
        StringBuilder sb = new StringBuilder();
        n.path("Labels").properties().forEach(e -> sb.append(sb.isEmpty() ? "" : ",").append(e.getKey()).append('=').append(e.getValue().asText()));
        return sb.toString();
    }

    @Override
    public Map<String, String> headers() {
        return HEADERS;
    }

    @Override
    public String goType() {
        return "*formatter.networkContext";
    }
}
