package dev.berth.daemon.api.containers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.errors.BerthException;
import dev.berth.engine.volume.MountRequest;
import dev.berth.engine.volume.MountRequests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The create body's mount fields ({@code HostConfig.Binds}, {@code HostConfig.Mounts},
 * {@code HostConfig.VolumesFrom}, {@code Config.Volumes}) in the engine's terms. Options of an
 * API mount that do not belong to its type are refused with dockerd's message; options berth does
 * not act on are refused naming them (501), never dropped.
 */
final class MountFields {
    private MountFields() {}

    static MountRequests parse(JsonNode body) {
        JsonNode hc = body.path("HostConfig");
        List<MountRequest> mounts = new ArrayList<>();
        for (JsonNode m : hc.path("Mounts")) mounts.add(mount(m));
        List<String> volumes = new ArrayList<>();
        body.path("Volumes").fieldNames().forEachRemaining(volumes::add);
        return new MountRequests(strings(hc.path("Binds")), mounts, volumes, strings(hc.path("VolumesFrom")));
    }

    private static MountRequest mount(JsonNode m) {
        String type = m.path("Type").asText("");
        JsonNode bind = m.path("BindOptions");
        JsonNode volume = m.path("VolumeOptions");
        JsonNode tmpfs = m.path("TmpfsOptions");
        if (type.equals("image") || type.equals("npipe") || type.equals("cluster")) {
            throw new BerthException.NotImplemented("berth: mounts of type \"" + type + "\" are not implemented");
        }
        if (!type.equals("bind") && present(bind)) throw notForType(type, "BindOptions");
        if (!type.equals("volume") && present(volume)) throw notForType(type, "VolumeOptions");
        if (!type.equals("tmpfs") && present(tmpfs)) throw notForType(type, "TmpfsOptions");
        for (String f : List.of("NonRecursive", "ReadOnlyNonRecursive", "ReadOnlyForceRecursive")) {
            if (bind.path(f).asBoolean(false)) throw notImplemented("BindOptions." + f);
        }
        if (!volume.path("Subpath").asText("").isEmpty()) throw notImplemented("VolumeOptions.Subpath");
        if (tmpfs.path("Options").size() > 0) throw notImplemented("TmpfsOptions.Options");
        JsonNode driver = volume.path("DriverConfig");
        return new MountRequest(type, m.path("Source").asText(""), m.path("Target").asText(""),
                m.path("ReadOnly").asBoolean(false), bind.path("Propagation").asText(""),
                bind.path("CreateMountpoint").asBoolean(false), volume.path("NoCopy").asBoolean(false),
                map(volume.path("Labels")), driver.path("Name").asText(""), map(driver.path("Options")),
                tmpfs.path("SizeBytes").asLong(0), tmpfs.path("Mode").asInt(0));
    }

    private static boolean present(JsonNode n) {
        return !n.isMissingNode() && !n.isNull();
    }

    private static BerthException notForType(String type, String field) {
        return new BerthException.InvalidArgument("invalid mount config for type \"" + type + "\": field " + field + " must not be specified");
    }

    private static BerthException notImplemented(String field) {
        return new BerthException.NotImplemented("berth: HostConfig.Mounts[]." + field + " is not implemented yet");
    }

    private static Map<String, String> map(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText("")));
        return out;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : n) out.add(s.asText());
        return out;
    }
}
