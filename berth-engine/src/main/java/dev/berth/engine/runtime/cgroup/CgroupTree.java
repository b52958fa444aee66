package dev.berth.engine.runtime.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The cgroup directories berthd owns: the parent under which runc puts each container. runc
 * removes a container's own cgroup on delete; the parent is berthd's to remove when it stops with
 * no container left, in every v1 hierarchy or once on a v2 host.
 */
public final class CgroupTree {
    private final Path root;

    public CgroupTree(Path root) {
        this.root = root;
    }

    public static CgroupTree host() {
        return new CgroupTree(Path.of("/sys/fs/cgroup"));
    }

    /** Removes {@code cgroupPath} wherever it exists and is empty; a busy one is left alone. */
    public void removeIfEmpty(String cgroupPath) {
        String rel = cgroupPath.startsWith("/") ? cgroupPath.substring(1) : cgroupPath;
        if (rel.isEmpty()) return;
        rmdir(root.resolve(rel));
        try (Stream<Path> hierarchies = Files.list(root)) {
            for (Path h : hierarchies.toList()) {
                if (Files.isDirectory(h) && !Files.isSymbolicLink(h)) rmdir(h.resolve(rel));
            }
        } catch (IOException ignored) {
            // no cgroup filesystem
        }
    }

    private static void rmdir(Path dir) {
        try {
            // cgroup directories are removed with rmdir even though they list control files
            if (Files.isDirectory(dir)) Files.delete(dir);
        } catch (IOException ignored) {
            // still has members, or not ours to remove
        }
    }
}
