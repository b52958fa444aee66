package dev.berth.daemon.api;

import dev.berth.common.errors.BerthException;

import java.util.List;

/**
 * Endpoints of the Docker API that belong to later issues answer 501 with what is missing,
 * rather than dockerd's 404 "page not found" for a path it does not know: a client then reports
 * "not implemented" instead of a missing object.
 */
public final class LaterRoutes {
    private record Later(String method, String path, String what) {}

    private static final List<Later> LATER = List.of(
            new Later("POST", "/build", "build"),
            new Later("POST", "/build/cancel", "build"),
            new Later("POST", "/session", "build"),
            new Later("GET", "/images/search", "registry search"),
            new Later("GET", "/distribution/(.+)/json", "registry lookups"),
            new Later("GET", "/containers/(.+)/attach/ws", "websocket attach"),
            new Later("PUT", "/volumes/(.+)", "cluster volumes"));

    public void register(Router r) {
        for (Later l : LATER) {
            r.add(l.method(), l.path(), c -> {
                throw new BerthException.NotImplemented("berth: " + l.what() + " is not implemented yet");
            });
        }
    }
}
