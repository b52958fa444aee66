package dev.berth.engine.container;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.json.Json;
import dev.berth.oci.image.ImageConfig;

import java.util.List;

/**
 * A container's {@code Config} in Docker's JSON shape, as {@code docker commit} records it: the
 * committed image's starting config and its {@code container_config}.
 */
final class ContainerConfigJson {
    private ContainerConfigJson() {}

    static ObjectNode of(ContainerSpec spec, ImageConfig.Config image) {
        ObjectNode c = Json.object();
        c.put("Hostname", spec.hostname() == null ? "" : spec.hostname());
        c.put("Domainname", spec.domainname() == null ? "" : spec.domainname());
        c.put("User", spec.user() == null ? "" : spec.user());
        c.put("AttachStdin", spec.attach().stdin());
        c.put("AttachStdout", spec.attach().stdout());
        c.put("AttachStderr", spec.attach().stderr());
        if (!spec.exposedPorts().isEmpty()) {
            ObjectNode ports = c.putObject("ExposedPorts");
            spec.exposedPorts().forEach(p -> ports.putObject(p.contains("/") ? p : p + "/tcp"));
        }
        c.put("Tty", spec.tty());
        c.put("OpenStdin", spec.openStdin());
        c.put("StdinOnce", spec.stdinOnce());
        strings(c, "Env", spec.env());
        strings(c, "Cmd", spec.cmd());
        if (spec.healthCheck() != null) {
            ObjectNode h = c.putObject("Healthcheck");
            strings(h, "Test", spec.healthCheck().test());
            if (spec.healthCheck().intervalNanos() != 0) h.put("Interval", spec.healthCheck().intervalNanos());
            if (spec.healthCheck().timeoutNanos() != 0) h.put("Timeout", spec.healthCheck().timeoutNanos());
            if (spec.healthCheck().startPeriodNanos() != 0) h.put("StartPeriod", spec.healthCheck().startPeriodNanos());
            if (spec.healthCheck().startIntervalNanos() != 0) h.put("StartInterval", spec.healthCheck().startIntervalNanos());
            if (spec.healthCheck().retries() != 0) h.put("Retries", spec.healthCheck().retries());
        }
        c.put("Image", spec.imageName());
        if (image.volumes() != null && !image.volumes().isEmpty()) {
            ObjectNode vols = c.putObject("Volumes");
            image.volumes().keySet().forEach(vols::putObject);
        } else {
            c.putNull("Volumes");
        }
        c.put("WorkingDir", spec.workingDir() == null ? "" : spec.workingDir());
        strings(c, "Entrypoint", spec.entrypoint());
        c.putNull("OnBuild");
        ObjectNode labels = c.putObject("Labels");
        spec.labels().forEach(labels::put);
        if (spec.stopSignal() != null && !spec.stopSignal().isEmpty()) c.put("StopSignal", spec.stopSignal());
        if (spec.stopTimeout() != null) c.put("StopTimeout", spec.stopTimeout());
        return c;
    }

    private static void strings(ObjectNode into, String field, List<String> values) {
        if (values == null) {
            into.putNull(field);
            return;
        }
        ArrayNode a = into.putArray(field);
        values.forEach(a::add);
    }
}
