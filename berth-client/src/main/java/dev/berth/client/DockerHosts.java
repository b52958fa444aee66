package dev.berth.client;

import java.util.Map;

/**
 * Host discovery, first match wins: the {@code -H/--host} flag, then {@code BERTH_HOST}, then
 * {@code DOCKER_HOST} (so scripts written for docker keep working), then berthd's default socket.
 */
public final class DockerHosts {
    private DockerHosts() {}

    public static DockerHost resolve(String flag, Map<String, String> env) {
        if (flag != null && !flag.isBlank()) return DockerHost.parse(flag);
        String berth = env.get("BERTH_HOST");
        if (berth != null && !berth.isBlank()) return DockerHost.parse(berth);
        String docker = env.get("DOCKER_HOST");
        if (docker != null && !docker.isBlank()) return DockerHost.parse(docker);
        return DockerHost.parse(DockerHost.DEFAULT);
    }
}
