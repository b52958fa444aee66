package dev.berth.engine.volume;

import dev.berth.common.io.Trees;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Deleting a volume's tree without ever leaving its file system: a directory on another device
 * is a mount (a bind-backed volume whose unmount failed, a mount a container made), and what is
 * behind it is not the volume's to delete; so is any path the mount table lists. Symlinks are
 * removed, never followed.
 */
final class VolumeTrees {
    private VolumeTrees() {}

    static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
        // a bind mount from the same file system has the same device: the mount table tells
        String prefix = root.toAbsolutePath().normalize() + "/";
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = line.split(" ");
            if (f.length > 4 && (f[4] + "/").startsWith(prefix)) {
                throw new IOException(f[4] + " is a mount point: not deleting what is mounted there");
            }
        }
        Object device = Files.getAttribute(root, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        Trees.deleteRecursively(root, dir -> {
            if (!device.equals(Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS))) {
                throw new IOException(dir + " is a mount point: not deleting what is mounted there");
            }
        });
    }
}
