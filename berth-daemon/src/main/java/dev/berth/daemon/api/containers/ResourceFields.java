package dev.berth.daemon.api.containers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.engine.container.DeviceAccess;
import dev.berth.engine.container.ResourceLimits;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads Docker's {@code Resources} object (embedded in {@code HostConfig} at create, the whole
 * body of an update) into the engine's {@link ResourceLimits} and {@link DeviceAccess}. Clients
 * send explicit nulls (docker-java) or zeros (the docker CLI) for what they do not set; both mean
 * "not set", and so does the CLI's {@code MemorySwappiness -1}.
 */
final class ResourceFields {
    private ResourceFields() {}

    /**
     * @param r      the Resources fields (HostConfig, or an update body)
     * @param update whether this is an update, where {@code PidsLimit 0} means "lift the limit"
     *               rather than "none given"
     */
    static ResourceLimits limits(JsonNode r, boolean update) {
        Long pids = nullableLong(r.get("PidsLimit"));
        if (!update && pids != null && pids == 0) pids = null;
        JsonNode oom = r.get("OomKillDisable");
        return new ResourceLimits(
                r.path("Memory").asLong(0),
                r.path("MemoryReservation").asLong(0),
                r.path("MemorySwap").asLong(0),
                nullableLong(r.get("MemorySwappiness")),
                r.path("NanoCpus").asLong(0),
                r.path("CpuShares").asLong(0),
                r.path("CpuPeriod").asLong(0),
                r.path("CpuQuota").asLong(0),
                r.path("CpuRealtimePeriod").asLong(0),
                r.path("CpuRealtimeRuntime").asLong(0),
                r.path("CpusetCpus").asText(""),
                r.path("CpusetMems").asText(""),
                pids,
                r.path("BlkioWeight").asInt(0),
                oom == null || oom.isNull() ? null : oom.asBoolean(false),
                r.path("ShmSize").asLong(0));
    }

    /** {@code Devices} ({@code [{PathOnHost, PathInContainer, CgroupPermissions}]}) and {@code DeviceCgroupRules}. */
    static DeviceAccess devices(JsonNode r) {
        List<DeviceAccess.Mapping> devices = new ArrayList<>();
        for (JsonNode d : r.path("Devices")) {
            devices.add(new DeviceAccess.Mapping(d.path("PathOnHost").asText(""), d.path("PathInContainer").asText(""),
                    d.path("CgroupPermissions").asText("")));
        }
        List<String> rules = new ArrayList<>();
        r.path("DeviceCgroupRules").forEach(x -> rules.add(x.asText()));
        return new DeviceAccess(devices, rules);
    }

    private static Long nullableLong(JsonNode v) {
        return v == null || v.isNull() ? null : v.asLong();
    }
}
