package dev.berth.engine.container;

import java.nio.file.Path;

/** Where a container's files live: {@code containers/<id>/} holds its bundle, rootfs mount point and log. */
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

    public Path log(String id) {
        return dir(id).resolve("ctr.log");
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
