package dev.berth.engine.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * dockerd's commit merge: what the user's config (the request's Config with the changes applied)
 * leaves unset is taken from the container's config; Env, Labels, ExposedPorts and Volumes are
 * merged key by key, the user's value winning.
 */
public final class ConfigMerge {
    private ConfigMerge() {}

    /** Fills {@code user} (changed in place, returned) from {@code container}. */
    public static ObjectNode merge(ObjectNode user, ObjectNode container) {
        if (blank(user, "User")) copy(user, container, "User");
        mergeKeys(user, container, "ExposedPorts");
        if (empty(user, "Env")) {
            copy(user, container, "Env");
        } else if (container.path("Env").isArray()) {
            ArrayNode env = (ArrayNode) user.get("Env");
            for (JsonNode e : container.get("Env")) {
                String key = e.asText().split("=", 2)[0];
                boolean found = false;
                for (JsonNode u : env) found |= u.asText().split("=", 2)[0].equals(key);
                if (!found) env.add(e.asText());
            }
        }
        if (!(user.get("Labels") instanceof ObjectNode)) user.putObject("Labels");
        mergeKeys(user, container, "Labels");
        if (empty(user, "Entrypoint")) {
            if (empty(user, "Cmd")) copy(user, container, "Cmd");
            if (user.path("Entrypoint").isMissingNode() || user.path("Entrypoint").isNull()) copy(user, container, "Entrypoint");
        }
        if (user.path("Healthcheck").isMissingNode() || user.path("Healthcheck").isNull()) copy(user, container, "Healthcheck");
        if (blank(user, "WorkingDir")) copy(user, container, "WorkingDir");
        mergeKeys(user, container, "Volumes");
        if (blank(user, "StopSignal")) copy(user, container, "StopSignal");
        return user;
    }

    /** Keys of the container's object missing from the user's are added (the user's object made if absent). */
    private static void mergeKeys(ObjectNode user, ObjectNode container, String field) {
        if (!(container.get(field) instanceof ObjectNode from) || from.isEmpty()) return;
        ObjectNode into = user.get(field) instanceof ObjectNode o ? o : user.putObject(field);
        from.properties().forEach(e -> {
            if (!into.has(e.getKey())) into.set(e.getKey(), e.getValue().deepCopy());
        });
    }

    private static boolean blank(ObjectNode n, String field) {
        return n.path(field).asText("").isEmpty();
    }

    private static boolean empty(ObjectNode n, String field) {
        return !n.path(field).isArray() || n.get(field).isEmpty();
    }

    private static void copy(ObjectNode to, ObjectNode from, String field) {
        JsonNode v = from.get(field);
        if (v != null) to.set(field, v.deepCopy());
    }
}
