package dev.berth.engine.container;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;

import java.nio.charset.StandardCharsets;

/**
 * Reads container records written by older berthds. Until the full resource set was stored, a
 * spec's {@code host} held six limits as fields of its own ({@code memoryBytes},
 * {@code memorySwapBytes}, {@code nanoCpus}, {@code cpuShares}, {@code pidsLimit} with 0 for
 * "none", {@code shmSize}); they move into {@code host.resources} here, before binding, so such a
 * container keeps its limits. The row is rewritten in the new shape at its next change.
 */
final class LegacySpecs {
    private LegacySpecs() {}

    /** A stored spec, of either shape. */
    static ContainerSpec read(String json) {
        JsonNode tree = upgrade(Json.tree(json.getBytes(StandardCharsets.UTF_8)));
        try {
            return Json.MAPPER.treeToValue(tree, ContainerSpec.class);
        } catch (JsonProcessingException e) {
            throw new BerthException.Internal("unreadable container record: " + e.getMessage(), e);
        }
    }

    /** {@code spec}, upgraded in place when it is of the old shape; returned for chaining. */
    static JsonNode upgrade(JsonNode spec) {
        if (!(spec.get("host") instanceof ObjectNode host) || host.has("resources")) return spec;
        ObjectNode r = host.putObject("resources");
        r.put("memory", host.path("memoryBytes").asLong(0));
        r.put("memorySwap", host.path("memorySwapBytes").asLong(0));
        r.put("nanoCpus", host.path("nanoCpus").asLong(0));
        r.put("cpuShares", host.path("cpuShares").asLong(0));
        long pids = host.path("pidsLimit").asLong(0);
        if (pids != 0) r.put("pidsLimit", pids);
        r.put("shmSize", host.path("shmSize").asLong(0));
        for (String old : new String[]{"memoryBytes", "memorySwapBytes", "nanoCpus", "cpuShares", "pidsLimit", "shmSize"}) host.remove(old);
        return spec;
    }
}
