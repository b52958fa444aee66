package dev.berth.daemon.api.volumes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;
import dev.berth.daemon.api.Router;
import dev.berth.dockerapi.Filters;
import dev.berth.engine.volume.Volume;
import dev.berth.engine.volume.Volumes;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code /volumes}: create, list, inspect, remove and prune local volumes, in dockerd's shapes.
 * Prune follows API 1.42+: anonymous volumes only unless the {@code all} filter asks for named
 * ones too; older API versions prune every unused volume, as dockerd did then.
 */
public final class VolumeRoutes {
    private static final Set<String> LIST_FILTERS = Set.of("dangling", "driver", "label", "name");
    private static final Set<String> PRUNE_FILTERS = Set.of("label", "label!", "all");
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    /** What the routes need of the volume service. */
    public interface Backend {
        Volume create(String name, String driver, Map<String, String> labels, Map<String, String> options);

        Volume inspect(String name);

        List<Volume> list();

        List<String> usedBy(String name);

        void remove(String name, boolean force);

        Volumes.Pruned prune(Predicate<Volume> which);
    }

    private final Backend volumes;

    public VolumeRoutes(Backend volumes) {
        this.volumes = volumes;
    }

    public void register(Router r) {
        r.add("GET", "/volumes/?", this::list);
        r.add("POST", "/volumes/create", this::create);
        r.add("POST", "/volumes/prune", this::prune);
        r.add("GET", "/volumes/([^/]+)", c -> c.json(200, json(volumes.inspect(c.group(1)))));
        r.add("DELETE", "/volumes/([^/]+)", c -> {
            volumes.remove(c.group(1), c.req().bool("force", false));
            c.res().empty(204);
        });
    }

    private void create(Router.Call c) throws IOException {
        JsonNode body = Json.tree(c.req().bodyBytes());
        if (body.path("ClusterVolumeSpec").size() > 0) {
            throw new BerthException.NotImplemented("berth: ClusterVolumeSpec (swarm cluster volumes) is not implemented");
        }
        Volume v = volumes.create(body.path("Name").asText(""), body.path("Driver").asText(""),
                strings(body.path("Labels")), strings(body.path("DriverOpts")));
        c.json(201, json(v));
    }

    private void list(Router.Call c) throws IOException {
        Filters f = Filters.parse(c.req().param("filters")).allow(LIST_FILTERS);
        Boolean dangling = f.has("dangling") ? Filters.bool("dangling", f.get("dangling").getLast()) : null;
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (Volume v : volumes.list()) {
            if (!f.matchLabels(v.labels())) continue;
            if (f.has("driver") && !f.get("driver").contains(v.driver())) continue;
            if (f.has("name") && !anyMatches(f.get("name"), v.name())) continue;
            if (dangling != null && volumes.usedBy(v.name()).isEmpty() != dangling) continue;
            list.add(json(v));
        }
        ObjectNode out = Json.object();
        out.set("Volumes", list);
        out.putArray("Warnings");
        c.json(200, out);
    }

    private void prune(Router.Call c) throws IOException {
        Filters f = Filters.parse(c.req().param("filters")).allow(PRUNE_FILTERS);
        boolean all = f.has("all") && Filters.bool("all", f.get("all").getLast());
        // before API 1.42 a prune took named volumes too
        boolean namedToo = all || !c.version().atLeast(1, 42);
        Volumes.Pruned pruned = volumes.prune(v -> f.matchLabels(v.labels()) && (namedToo || v.anonymous()));
        ObjectNode out = Json.object();
        if (pruned.names().isEmpty()) out.putNull("VolumesDeleted");
        else pruned.names().forEach(out.withArray("VolumesDeleted")::add);
        out.put("SpaceReclaimed", pruned.spaceReclaimed());
        c.json(200, out);
    }

    /** A volume in dockerd's shape; empty labels and options are null, as dockerd writes them. */
    public static ObjectNode json(Volume v) {
        ObjectNode n = Json.object();
        n.put("CreatedAt", v.createdAt().truncatedTo(ChronoUnit.SECONDS).atZone(ZoneId.systemDefault()).format(CREATED));
        n.put("Driver", v.driver());
        putMap(n, "Labels", v.labels());
        n.put("Mountpoint", v.mountpoint().toString());
        n.put("Name", v.name());
        putMap(n, "Options", v.options());
        n.put("Scope", "local");
        return n;
    }

    private static void putMap(ObjectNode n, String field, Map<String, String> map) {
        if (map.isEmpty()) {
            n.putNull(field);
        } else {
            ObjectNode o = n.putObject(field);
            map.forEach(o::put);
        }
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText("")));
        return out;
    }

    /** dockerd's {@code name} filter: a value matches exactly or as a regular expression found in it. */
    private static boolean anyMatches(List<String> patterns, String value) {
        for (String p : patterns) {
            if (p.equals(value)) return true;
            try {
                if (Pattern.compile(p).matcher(value).find()) return true;
            } catch (PatternSyntaxException ignored) {
                // not a pattern: only the exact match counts
            }
        }
        return false;
    }
}
