package dev.berth.engine.mount;

import dev.berth.common.concurrent.Carriers;
import dev.berth.common.errors.BerthException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The only code in berth that performs or undoes mounts. mount(2) and umount(2) of an overlay can
 * take tens of milliseconds (an unmount syncs the upper layer), and twenty containers exiting at
 * once would hold both carriers of berthd's virtual threads in them: they run off the carrier
 * ({@link Carriers}).
 */
public final class Mounts {
    public static final long MS_RDONLY = 1;
    public static final long MS_BIND = 4096;
    public static final long MS_REC = 16384;
    public static final long MS_PRIVATE = 1L << 18;

    private Mounts() {}

    /** Mounts {@code mount} on {@code target}; the target directory must exist. */
    public static void mount(Mount mount, Path target) {
        Carriers.call(() -> {
            mountHere(mount, target);
            return null;
        });
    }

    private static void mountHere(Mount mount, Path target) {
        long flags = 0;
        List<String> data = new ArrayList<>();
        for (String o : mount.options()) {
            switch (o) {
                case "ro" -> flags |= MS_RDONLY;
                case "rw" -> { }
                case "bind" -> flags |= MS_BIND;
                case "rbind" -> flags |= MS_BIND | MS_REC;
                default -> data.add(o);
            }
        }
        try {
            Syscalls.mount(mount.source(), target.toString(), mount.type(), flags, data.isEmpty() ? null : String.join(",", data));
        } catch (Syscalls.ErrnoException e) {
            throw new BerthException.Internal("error mounting " + mount.type() + " on " + target + ": " + e.getMessage(), e);
        }
    }

    /** Unmounts target; a target that is not mounted (or missing) is not an error. */
    public static void unmount(Path target) {
        Carriers.call(() -> {
            unmountHere(target);
            return null;
        });
    }

    private static void unmountHere(Path target) {
        try {
            Syscalls.umount(target.toString(), 0);
        } catch (Syscalls.ErrnoException e) {
            if (e.errno() == Syscalls.EINVAL || e.errno() == Syscalls.ENOENT) return;
            try {
                Syscalls.umount(target.toString(), Syscalls.MNT_DETACH);
            } catch (Syscalls.ErrnoException e2) {
                if (e2.errno() == Syscalls.EINVAL || e2.errno() == Syscalls.ENOENT) return;
                throw new BerthException.Internal("error unmounting " + target + ": " + e2.getMessage(), e2);
            }
        }
    }

    /** Makes {@code target}'s mount private, so mounts below it neither propagate nor receive. */
    public static void makePrivate(Path target) {
        try {
            Syscalls.mount(null, target.toString(), null, MS_PRIVATE, null);
        } catch (Syscalls.ErrnoException e) {
            throw new BerthException.Internal("error making " + target + " private: " + e.getMessage(), e);
        }
    }

    /** True if {@code target} is a mount point in this process's mount table. */
    public static boolean isMounted(Path target) {
        try {
            String want = target.toString();
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                if (f.length > 4 && f[4].equals(want)) return true;
            }
            return false;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
