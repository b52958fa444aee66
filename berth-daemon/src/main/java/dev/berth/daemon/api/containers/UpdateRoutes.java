package dev.berth.daemon.api.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.json.Json;
import dev.berth.daemon.api.Router;
import dev.berth.engine.container.ContainerSpec;
import dev.berth.engine.container.ResourceLimits;

import java.io.IOException;
import java.util.List;

/** {@code POST /containers/{id}/update}: docker update's resources and restart policy. */
public final class UpdateRoutes {
    /** What the update route needs of the engine. */
    public interface Backend {
        /** Returns dockerd's warnings; {@code restartPolicy} null keeps the container's. */
        List<String> update(String ref, ResourceLimits resources, ContainerSpec.RestartPolicy restartPolicy);
    }

    private final Backend containers;

    public UpdateRoutes(Backend containers) {
        this.containers = containers;
    }

    public void register(Router r) {
        r.add("POST", "/containers/(.+)/update", this::update);
    }

    private void update(Router.Call c) throws IOException {
        JsonNode body = Json.tree(c.req().bodyBytes());
        // the update body is a Resources object plus RestartPolicy: what berth does not limit is refused by name
        UnsupportedFields.refuseUpdate(body);
        ResourceLimits resources = ResourceFields.limits(body, true);
        JsonNode rp = body.path("RestartPolicy");
        String name = rp.path("Name").asText("");
        // an empty name is the docker CLI's "no --restart given"
        ContainerSpec.RestartPolicy policy = name.isEmpty() ? null : new ContainerSpec.RestartPolicy(name, rp.path("MaximumRetryCount").asInt(0));
        List<String> warnings = containers.update(c.group(1), resources, policy);
        ObjectNode out = Json.object();
        warnings.forEach(out.putArray("Warnings")::add);
        c.json(200, out);
    }
}
