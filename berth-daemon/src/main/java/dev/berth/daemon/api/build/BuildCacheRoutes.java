package dev.berth.daemon.api.build;

import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;
import dev.berth.daemon.api.Router;
import dev.berth.daemon.api.Times;
import dev.berth.dockerapi.ApiVersion;
import dev.berth.dockerapi.Filters;

import java.time.Instant;
import java.util.Set;

/**
 * {@code POST /build/prune}. berth has no build cache yet (builds come with the build issue), so a
 * prune finds nothing and says so in dockerd's shape: {@code {"CachesDeleted":null,"SpaceReclaimed":0}}.
 * {@code docker system prune} ends with this call, and reported nothing when it failed. The request
 * is still read as dockerd reads it, so a malformed one is refused as dockerd would.
 */
public final class BuildCacheRoutes {
    /** The filters dockerd's builder accepts for a cache prune ({@code unused-for} is the old name of {@code until}). */
    private static final Set<String> FILTERS = Set.of("until", "unused-for", "label", "label!", "id", "parent", "type",
            "description", "inuse", "shared", "private");

    public void register(Router r) {
        r.add("POST", "/build/prune", Router.since(new ApiVersion(1, 31), "POST", "/build/prune", this::prune));
    }

    private void prune(Router.Call c) throws java.io.IOException {
        Filters f = Filters.parse(c.req().param("filters")).allow(FILTERS);
        if (f.has("until") && f.has("unused-for")) {
            throw new BerthException.InvalidArgument("conflicting filters: \"until\" and \"unused-for\"");
        }
        String untilKey = f.has("unused-for") ? "unused-for" : "until";
        if (f.get(untilKey).size() > 1) throw new BerthException.InvalidArgument("filters expect only one value");
        try {
            Times.untilFilter(f.get(untilKey), Instant.now());
        } catch (BerthException.InvalidArgument e) {
            throw new BerthException.InvalidArgument("\"" + untilKey + "\" filter expects a duration (e.g., '24h') or a timestamp");
        }
        // keep-storage is the only size bound of API versions before 1.48 (dockerd reads the others from 1.48)
        String keep = c.req().param("keep-storage");
        if (keep != null && !keep.isEmpty() && !keep.matches("-?[0-9]+")) {
            throw new BerthException.InvalidArgument("keep-storage is in bytes and expects an integer, got " + keep);
        }
        var out = Json.object();
        out.putNull("CachesDeleted");
        out.put("SpaceReclaimed", 0);
        c.json(200, out);
    }
}
