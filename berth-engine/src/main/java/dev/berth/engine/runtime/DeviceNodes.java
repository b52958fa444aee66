package dev.berth.engine.runtime;

import dev.berth.common.errors.BerthException;
import dev.berth.oci.runtime.RuntimeSpec;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Docker's {@code --device HOST[:CONTAINER][:PERMS]}: the host's device node read with lstat (the
 * JDK's {@code unix:} attributes, no shelling out) and described as an OCI {@code linux.devices}
 * entry for runc to create, plus a device cgroup rule allowing it with the given permissions. A
 * symlink is followed first; a directory adds every device node under it, its path in the
 * container being the same path under {@code CONTAINER}, as dockerd does.
 *
 * <p>Reads the host's /dev at each start, not at create: a node may come and go with its driver.
 */
public final class DeviceNodes {
    private static final int S_IFMT = 0170000, S_IFCHR = 0020000, S_IFBLK = 0060000, S_IFIFO = 0010000;

    private DeviceNodes() {}

    /** Nodes to create and the cgroup rules that allow them. */
    public record Resolved(List<RuntimeSpec.Device> nodes, List<RuntimeSpec.DeviceRule> rules) {
        public Resolved {
            nodes = List.copyOf(nodes);
            rules = List.copyOf(rules);
        }
    }

    /**
     * @throws BerthException.InvalidArgument with dockerd's "error gathering device information
     *         while adding custom device" when the path is neither a device nor a directory holding one
     */
    public static Resolved resolve(String pathOnHost, String pathInContainer, String permissions) {
        Path host = Path.of(pathOnHost);
        try {
            if (Files.isSymbolicLink(host)) host = host.toRealPath();
        } catch (IOException e) {
            // a dangling link: lstat of the link itself says what is wrong below
        }
        List<RuntimeSpec.Device> nodes = new ArrayList<>();
        List<RuntimeSpec.DeviceRule> rules = new ArrayList<>();
        String problem;
        try {
            RuntimeSpec.Device d = node(host, pathInContainer);
            if (d != null) {
                nodes.add(d);
                rules.add(new RuntimeSpec.DeviceRule(true, d.type(), d.major(), d.minor(), permissions));
                return new Resolved(nodes, rules);
            }
            problem = "not a device node";
            if (Files.isDirectory(host)) {
                String prefix = host.toString();
                try (Stream<Path> walk = Files.walk(host)) {
                    for (Path p : (Iterable<Path>) walk::iterator) {
                        RuntimeSpec.Device child = nodeOrNull(p, pathInContainer + p.toString().substring(prefix.length()));
                        if (child == null) continue;
                        nodes.add(child);
                        rules.add(new RuntimeSpec.DeviceRule(true, child.type(), child.major(), child.minor(), permissions));
                    }
                }
            }
        } catch (NoSuchFileException e) {
            problem = "no such file or directory";
        } catch (FileSystemException e) {
            problem = e.getReason() == null ? e.getMessage() : e.getReason().toLowerCase(java.util.Locale.ROOT);
        } catch (IOException | java.io.UncheckedIOException e) {
            problem = e.getMessage();
        }
        if (!nodes.isEmpty()) return new Resolved(nodes, rules);
        throw new BerthException.InvalidArgument("error gathering device information while adding custom device \"" + pathOnHost + "\": " + problem);
    }

    /** The node at {@code host} as the container's {@code path}, or null when it is no device (a directory, a file). */
    static RuntimeSpec.Device node(Path host, String path) throws IOException {
        Map<String, Object> a = Files.readAttributes(host, "unix:mode,rdev,uid,gid", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        String type = switch (mode & S_IFMT) {
            case S_IFCHR -> "c";
            case S_IFBLK -> "b";
            case S_IFIFO -> "p";
            default -> null;
        };
        if (type == null) return null;
        long rdev = (Long) a.get("rdev");
        return new RuntimeSpec.Device(path, type, major(rdev), minor(rdev), mode & 07777,
                ((Integer) a.get("uid")).longValue() & 0xffffffffL, ((Integer) a.get("gid")).longValue() & 0xffffffffL);
    }

    private static RuntimeSpec.Device nodeOrNull(Path host, String path) {
        try {
            return node(host, path);
        } catch (IOException e) {
            return null; // as dockerd: what cannot be read under a directory is skipped
        }
    }

    /** glibc's major(): bits 8-19 and 44-63 of the device number. */
    static long major(long rdev) {
        return ((rdev & 0x00000000000fff00L) >>> 8) | ((rdev & 0xfffff00000000000L) >>> 32);
    }

    /** glibc's minor(): bits 0-7 and 20-43 of the device number. */
    static long minor(long rdev) {
        return (rdev & 0xffL) | ((rdev & 0x00000ffffff00000L) >>> 12);
    }
}
