package dev.berth.daemon.api.containers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.errors.BerthException;

import java.util.Map;
import java.util.Set;

/**
 * The create request's fields berth does not act on yet. Clients send every field, most at its
 * zero value (the docker CLI sends zeros, docker-java explicit nulls), so a field counts as asked
 * for only when its value differs from "unset": missing, null, false, 0, "", [] or {}, or the
 * listed default a client sends for it. A field that is asked for is refused (501, naming it):
 * never accepted and dropped.
 */
final class UnsupportedFields {
    /** Config (the body's top level) fields not acted on, with the values that mean "unset" beyond the zero ones. */
    private static final Map<String, Set<String>> CONFIG = Map.of(
            "NetworkDisabled", Set.of(),
            "OnBuild", Set.of(),
            "Shell", Set.of());

    private static final Map<String, Set<String>> HOST_CONFIG = Map.ofEntries(
            Map.entry("VolumeDriver", Set.of("local")),
            Map.entry("Cgroup", Set.of()),
            Map.entry("StorageOpt", Set.of()),
            Map.entry("UsernsMode", Set.of("host")),
            Map.entry("Runtime", Set.of("runc")),
            Map.entry("Isolation", Set.of("default")),
            Map.entry("CgroupParent", Set.of()),
            Map.entry("BlkioWeightDevice", Set.of()),
            Map.entry("BlkioDeviceReadBps", Set.of()),
            Map.entry("BlkioDeviceWriteBps", Set.of()),
            Map.entry("BlkioDeviceReadIOps", Set.of()),
            Map.entry("BlkioDeviceWriteIOps", Set.of()),
            Map.entry("CpuRealtimePeriod", Set.of()),
            Map.entry("CpuRealtimeRuntime", Set.of()),
            Map.entry("DeviceRequests", Set.of()),
            Map.entry("KernelMemory", Set.of()),
            Map.entry("KernelMemoryTCP", Set.of()),
            Map.entry("CpuCount", Set.of()),
            Map.entry("CpuPercent", Set.of()),
            Map.entry("IOMaximumIOps", Set.of()),
            Map.entry("IOMaximumBandwidth", Set.of()),
            Map.entry("MaskedPaths", Set.of()),
            Map.entry("ReadonlyPaths", Set.of()));

    /**
     * Resources an update cannot change, on top of those create refuses: dockerd ignores them in
     * an update body (its update copies only the limits {@code runc update} can write), berth
     * says so, naming the field.
     */
    private static final Map<String, Set<String>> UPDATE_ONLY = Map.of(
            "Devices", Set.of(),
            "DeviceCgroupRules", Set.of(),
            "MemorySwappiness", Set.of("-1"),
            "OomKillDisable", Set.of());

    private UnsupportedFields() {}

    /** Throws NotImplemented naming the first field of {@code body} that asks for what berth does not do yet. */
    static void refuse(JsonNode body) {
        check(body, "", CONFIG);
        check(body.path("HostConfig"), "HostConfig.", HOST_CONFIG);
    }

    /** The same for an update body, whose resource fields sit at its top level. */
    static void refuseUpdate(JsonNode body) {
        check(body, "", HOST_CONFIG);
        for (String field : UPDATE_ONLY.keySet().stream().sorted().toList()) {
            JsonNode v = body.get(field);
            if (isUnset(v) || UPDATE_ONLY.get(field).contains(v.asText())) continue;
            throw new BerthException.NotImplemented("berth: " + field + " cannot be changed by an update; recreate the container");
        }
    }

    private static void check(JsonNode node, String prefix, Map<String, Set<String>> fields) {
        for (String field : fields.keySet().stream().sorted().toList()) {
            JsonNode v = node.get(field);
            if (isUnset(v) || fields.get(field).contains(v.asText())) continue;
            throw new BerthException.NotImplemented("berth: " + prefix + field + " is not implemented yet");
        }
    }

    static boolean isUnset(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) return true;
        if (v.isBoolean()) return !v.booleanValue();
        if (v.isNumber()) return v.asDouble() == 0;
        if (v.isTextual()) return v.asText().isEmpty();
        if (v.isContainerNode()) return v.isEmpty();
        return false;
    }
}
