package dev.berth.daemon.api.swarm;

import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;
import dev.berth.daemon.api.Router;
import dev.berth.dockerapi.ApiVersion;
import dev.berth.dockerapi.Filters;

import java.io.IOException;

/**
 * berthd is never part of a swarm (its /info says {@code LocalNodeState: inactive}), so every
 * swarm-mode endpoint answers as dockerd does on such a node: 503 with dockerd's words. Clients
 * rely on exactly that, e.g. tear-downs that list services and treat 503 as "no swarm here", and
 * the docker CLI prints the message. Like dockerd, a request it cannot even read (bad filters or
 * JSON, no stream asked of a logs call) is a 400 first.
 *
 * <p>{@code swarm init} and {@code swarm join} are the exception: on such a node dockerd would form
 * or join a swarm, which berth cannot do, so they are refused as not implemented.
 */
public final class SwarmRoutes {
    /** dockerd's errNoManager for a node without a swarm (daemon/cluster). */
    static final String NOT_A_MANAGER = "This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\""
            + " to connect this node to swarm and try again.";
    /** dockerd's errNoSwarm: what leaving answers when there is nothing to leave. */
    static final String NO_SWARM = "This node is not part of a swarm";

    private static final String ID = "([^/]+)";

    public void register(Router r) {
        r.add("POST", "/swarm/init", c -> notImplemented("init"));
        r.add("POST", "/swarm/join", c -> notImplemented("join"));
        r.add("POST", "/swarm/leave", c -> {
            throw new BerthException.Unavailable(NO_SWARM);
        });
        r.add("GET", "/swarm", SwarmRoutes::noManager);
        r.add("GET", "/swarm/unlockkey", SwarmRoutes::noManager);
        r.add("POST", "/swarm/update", SwarmRoutes::withBody);
        r.add("POST", "/swarm/unlock", SwarmRoutes::withBody);
        objects(r, "services", null);
        r.add("GET", "/services/" + ID + "/logs", SwarmRoutes::logs);
        objects(r, "nodes", null);
        r.add("GET", "/tasks", SwarmRoutes::list);
        r.add("GET", "/tasks/" + ID, SwarmRoutes::noManager);
        r.add("GET", "/tasks/" + ID + "/logs", SwarmRoutes::logs);
        objects(r, "secrets", new ApiVersion(1, 25));
        objects(r, "configs", new ApiVersion(1, 30));
    }

    /** List, inspect, create (not for nodes), update and remove of one kind of swarm object. */
    private static void objects(Router r, String kind, ApiVersion since) {
        add(r, since, "GET", "/" + kind, "/" + kind, SwarmRoutes::list);
        add(r, since, "GET", "/" + kind + "/" + ID, "/" + kind + "/{id}", SwarmRoutes::noManager);
        add(r, since, "DELETE", "/" + kind + "/" + ID, "/" + kind + "/{id}", SwarmRoutes::noManager);
        add(r, since, "POST", "/" + kind + "/" + ID + "/update", "/" + kind + "/{id}/update", SwarmRoutes::withBody);
        // nodes join, they are not created
        if (!kind.equals("nodes")) add(r, since, "POST", "/" + kind + "/create", "/" + kind + "/create", SwarmRoutes::withBody);
    }

    private static void add(Router r, ApiVersion since, String method, String regex, String template, Router.Route route) {
        r.add(method, regex, since == null ? route : Router.since(since, method, template, route));
    }

    private static void noManager(Router.Call c) {
        throw new BerthException.Unavailable(NOT_A_MANAGER);
    }

    private static void list(Router.Call c) {
        Filters.parse(c.req().param("filters"));
        noManager(c);
    }

    private static void withBody(Router.Call c) throws IOException {
        Json.tree(c.req().bodyBytes());
        noManager(c);
    }

    private static void logs(Router.Call c) {
        if (!c.req().bool("stdout", false) && !c.req().bool("stderr", false)) {
            throw new BerthException.InvalidArgument("Bad parameters: you must choose at least one stream");
        }
        noManager(c);
    }

    private static void notImplemented(String verb) {
        throw new BerthException.NotImplemented("berth: swarm mode is not implemented; this node cannot " + verb + " a swarm");
    }
}
