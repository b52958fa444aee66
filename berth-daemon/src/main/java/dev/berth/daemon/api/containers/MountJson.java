package dev.berth.daemon.api.containers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.json.Json;
import dev.berth.engine.container.ContainerSpec;
import dev.berth.engine.volume.MountPoint;
import dev.berth.engine.volume.MountRequest;
import dev.berth.engine.volume.MountRequests;

import java.nio.file.Path;
import java.util.List;

/**
 * A container's mounts in dockerd's shapes: {@code Mounts} of inspect and of the list (one entry
 * per bind, volume and {@code --mount} tmpfs), and the request's own fields as HostConfig and
 * Config show them back.
 */
public final class MountJson {
    private MountJson() {}

    /** {@code Mounts}; a volume's {@code Source} is its {@code _data} under {@code volumesRoot}. */
    static ArrayNode mounts(ContainerSpec spec, Path volumesRoot) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (MountPoint m : spec.mounts()) {
            ObjectNode n = out.addObject();
            n.put("Type", m.type());
            if (m.isVolume()) n.put("Name", m.name());
            n.put("Source", switch (m.type()) {
                case MountPoint.BIND -> m.source();
                case MountPoint.VOLUME -> volumesRoot.resolve(m.name()).resolve("_data").toString();
                default -> "";
            });
            n.put("Destination", m.destination());
            if (m.isVolume()) n.put("Driver", m.driver());
            n.put("Mode", m.mode());
            n.put("RW", m.rw());
            n.put("Propagation", m.propagation());
        }
        return out;
    }

    /** HostConfig's Binds, VolumesFrom and Mounts as the client sent them (null when absent, as dockerd). */
    static void hostConfig(ObjectNode hc, MountRequests req) {
        stringsOrNull(hc, "Binds", req.binds());
        stringsOrNull(hc, "VolumesFrom", req.volumesFrom());
        if (req.mounts().isEmpty()) return;
        ArrayNode mounts = hc.putArray("Mounts");
        for (MountRequest r : req.mounts()) {
            ObjectNode n = mounts.addObject();
            n.put("Type", r.type());
            if (!r.source().isEmpty()) n.put("Source", r.source());
            n.put("Target", r.target());
            if (r.readOnly()) n.put("ReadOnly", true);
            switch (r.type()) {
                case MountPoint.BIND -> {
                    if (!r.propagation().isEmpty() || r.createMountpoint()) {
                        ObjectNode b = n.putObject("BindOptions");
                        if (!r.propagation().isEmpty()) b.put("Propagation", r.propagation());
                        if (r.createMountpoint()) b.put("CreateMountpoint", true);
                    }
                }
                case MountPoint.VOLUME -> {
                    if (r.noCopy() || !r.volumeLabels().isEmpty() || !r.volumeDriver().isEmpty() || !r.volumeOptions().isEmpty()) {
                        ObjectNode v = n.putObject("VolumeOptions");
                        if (r.noCopy()) v.put("NoCopy", true);
                        if (!r.volumeLabels().isEmpty()) r.volumeLabels().forEach(v.putObject("Labels")::put);
                        if (!r.volumeDriver().isEmpty() || !r.volumeOptions().isEmpty()) {
                            ObjectNode d = v.putObject("DriverConfig");
                            if (!r.volumeDriver().isEmpty()) d.put("Name", r.volumeDriver());
                            if (!r.volumeOptions().isEmpty()) r.volumeOptions().forEach(d.putObject("Options")::put);
                        }
                    }
                }
                default -> {
                    if (r.tmpfsSize() > 0 || r.tmpfsMode() != 0) {
                        ObjectNode t = n.putObject("TmpfsOptions");
                        if (r.tmpfsSize() > 0) t.put("SizeBytes", r.tmpfsSize());
                        if (r.tmpfsMode() != 0) t.put("Mode", r.tmpfsMode());
                    }
                }
            }
        }
    }

    /** Config.Volumes: the request's anonymous volume paths, null when none. */
    static void configVolumes(ObjectNode config, MountRequests req) {
        if (req.volumes().isEmpty()) {
            config.putNull("Volumes");
            return;
        }
        ObjectNode v = config.putObject("Volumes");
        req.volumes().forEach(v::putObject);
    }

    private static void stringsOrNull(ObjectNode n, String field, List<String> values) {
        if (values.isEmpty()) n.putNull(field);
        else values.forEach(n.putArray(field)::add);
    }
}
