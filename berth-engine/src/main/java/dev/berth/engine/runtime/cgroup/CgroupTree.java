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

    /** The names of {@code parent}'s child groups, in any hierarchy. */
    public java.util.Set<String> children(String parent) {
        String rel = parent.startsWith("/") ? parent.substring(1) : parent;
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Path dir : everywhere(rel)) {
            try (Stream<Path> kids = Files.list(dir)) {
                kids.filter(Files::isDirectory).forEach(k -> names.add(k.getFileName().toString()));
            } catch (IOException ignored) {
                // gone meanwhile
            }
        }
        return names;
    }

    /**
     * Kills every process left in {@code cgroupPath} (a container whose runtime state is gone,
     * so runc cannot) and removes the group, children first, in every hierarchy.
     */
    public void killAndRemove(String cgroupPath) {
        String rel = cgroupPath.startsWith("/") ? cgroupPath.substring(1) : cgroupPath;
        for (int attempt = 0; attempt < 50; attempt++) {
            boolean left = false;
            for (Path dir : everywhere(rel)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path procs : files.filter(f -> f.getFileName().toString().equals("cgroup.procs")).toList()) {
                        for (String pid : Files.readAllLines(procs)) {
                            if (pid.isBlank()) continue;
                            left = true;
                            try {
                                dev.berth.engine.mount.Syscalls.kill(Integer.parseInt(pid.trim()), 9);
                            } catch (dev.berth.engine.mount.Syscalls.ErrnoException | NumberFormatException ignored) {
                                // already gone
                            }
                        }
                    }
                } catch (IOException ignored) {
                    // gone meanwhile
                }
            }
            if (!left) break;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        for (Path dir : everywhere(rel)) removeTree(dir);
    }

    private java.util.List<Path> everywhere(String rel) {
        java.util.List<Path> dirs = new java.util.ArrayList<>();
        if (rel.isEmpty()) return dirs;
        if (Files.isDirectory(root.resolve(rel))) dirs.add(root.resolve(rel));
        try (Stream<Path> hierarchies = Files.list(root)) {
            for (Path h : hierarchies.toList()) {
                if (Files.isDirectory(h) && !Files.isSymbolicLink(h) && Files.isDirectory(h.resolve(rel))) dirs.add(h.resolve(rel));
            }
        } catch (IOException ignored) {
            // no cgroup filesystem
        }
        return dirs;
    }

    private static void removeTree(Path dir) {
        try (Stream<Path> kids = Files.list(dir)) {
            for (Path k : kids.filter(Files::isDirectory).toList()) removeTree(k);
        } catch (IOException ignored) {
            // gone meanwhile
        }
        rmdir(dir);
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
