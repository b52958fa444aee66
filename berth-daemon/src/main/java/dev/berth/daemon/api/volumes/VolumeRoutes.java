package dev.berth.daemon.api.volumes;

import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;
import dev.berth.daemon.api.Router;

/**
 * berth has no volumes yet (named volumes and their drivers come with the volumes issue), so no
 * volume can exist: the list is empty, a lookup is dockerd's "no such volume", a prune removes
 * nothing, and creating one answers 501. Clients ask even when they use no volume:
 * Testcontainers prunes volumes with its session label when the JVM exits.
 */
public final class VolumeRoutes {
    public void register(Router r) {
        r.add("GET", "/volumes/?", c -> {
            var out = Json.object();
            out.putArray("Volumes");
            out.putNull("Warnings");
            c.json(200, out);
        });
        r.add("GET", "/volumes/([^/]+)", c -> {
            throw noSuchVolume(c.group(1));
        });
        r.add("DELETE", "/volumes/([^/]+)", c -> {
            // with force dockerd does not mind a volume that is not there
            if (c.req().bool("force", false)) c.res().empty(204);
            else throw noSuchVolume(c.group(1));
        });
        r.add("POST", "/volumes/prune", c -> c.json(200, Json.object().putNull("VolumesDeleted").put("SpaceReclaimed", 0)));
        r.add("POST", "/volumes/create", c -> {
            throw new BerthException.NotImplemented("berth: volumes are not implemented yet");
        });
    }

    private static BerthException noSuchVolume(String name) {
        return new BerthException.NotFound("get " + name + ": no such volume");
    }
}
