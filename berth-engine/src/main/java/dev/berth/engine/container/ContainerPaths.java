package dev.berth.engine.container;

import java.nio.file.Path;

/** Where a container's files live: {@code containers/<id>/} holds its bundle, rootfs mount point and logs. */
public record ContainerPaths(Path root) {
    public Path dir(String id) {
        return root.resolve(id);
    }

    public Path rootfs(String id) {
        return dir(id).resolve("rootfs");
    }

    public Path config(String id) {
        return dir(id).resolve("config.json");
    }

    /** conmon's log (CRI format), converted into the json-file log by {@link ContainerLogs}. */
    public Path spool(String id) {
        return dir(id).resolve("conmon.log");
    }

    /** The name of the network sandbox the running container joined. */
    public Path sandbox(String id) {
        return dir(id).resolve("sandbox");
    }

    public Path hostname(String id) {
        return dir(id).resolve("hostname");
    }

    public Path hosts(String id) {
        return dir(id).resolve("hosts");
    }

    public Path resolvConf(String id) {
        return dir(id).resolve("resolv.conf");
    }
}
