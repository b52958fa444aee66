package dev.berth.engine.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Invokes a CNI plugin binary exactly as the CNI spec says: config on stdin, parameters in env. */
public final class Cni {
    private final Path pluginDir;

    public Cni(Path pluginDir) {
        this.pluginDir = pluginDir;
    }

    public JsonNode invoke(String command, String containerId, String netns, String ifname, JsonNode config) {
        return invoke(command, containerId, netns, ifname, config, "");
    }

    /** {@code cniArgs}: {@code CNI_ARGS} ({@code IgnoreUnknown=1;IP=...;MAC=...}), empty for none. */
    public JsonNode invoke(String command, String containerId, String netns, String ifname, JsonNode config, String cniArgs) {
        String type = config.path("type").asText();
        ProcessBuilder pb = new ProcessBuilder(pluginDir.resolve(type).toString());
        Map<String, String> env = pb.environment();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", containerId);
        env.put("CNI_NETNS", netns == null ? "" : netns);
        env.put("CNI_IFNAME", ifname);
        env.put("CNI_PATH", pluginDir.toString());
        if (!cniArgs.isEmpty()) env.put("CNI_ARGS", cniArgs);
        try {
            Process p = pb.start();
            p.getOutputStream().write(Json.bytes(config));
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            int code = p.waitFor();
            if (code != 0) {
                String msg = new String(out, StandardCharsets.UTF_8);
                try {
                    JsonNode e = Json.tree(out);
                    msg = e.path("msg").asText(msg) + (e.has("details") ? ": " + e.path("details").asText() : "");
                } catch (RuntimeException ignored) {
                    msg = msg + new String(err, StandardCharsets.UTF_8);
                }
                throw new BerthException.Internal("CNI " + type + " " + command + " failed: " + msg.trim());
            }
            return out.length == 0 ? Json.object() : Json.tree(out);
        } catch (IOException e) {
            throw new BerthException.Internal("cannot run CNI plugin " + type + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException.Internal("interrupted running CNI plugin");
        }
    }
}
