package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;
import dev.berth.engine.diff.Changes;
import dev.berth.engine.diff.LayerApplier;
import dev.berth.engine.diff.ScopedPaths;
import dev.berth.engine.diff.TreeArchiver;
import dev.berth.engine.image.ImageStore;
import dev.berth.engine.mount.Mounts;
import dev.berth.engine.volume.MountPoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A container's files from outside: {@code docker cp} both ways (the archive API), {@code export}
 * and {@code diff}. Every path is resolved inside the container's root the way the container
 * would resolve it, so neither a path nor a symlink in the container can reach the host.
 */
public final class ContainerFiles {
    /** Files berthd bind-mounts into every container; runc creates them in the writable layer. */
    static final java.util.Set<String> RUNTIME_MOUNT_POINTS = java.util.Set.of("/etc/hosts", "/etc/hostname", "/etc/resolv.conf");
    private final Containers containers;
    private final ImageStore images;

    public ContainerFiles(Containers containers, ImageStore images) {
        this.containers = containers;
        this.images = images;
    }

    /** What {@code X-Docker-Container-Path-Stat} carries; {@code mode} is Go's os.FileMode. */
    public record PathStat(String name, long size, long mode, Instant mtime, String linkTarget) {}

    /** Stats {@code path} (the last component's symlink is not followed, as Docker). */
    public PathStat stat(String ref, String path) throws IOException {
        return withRootfs(ref, (spec, rootfs) -> withDataMounts(spec, rootfs,
                () -> stat(rootfs, resolve(rootfs, path, spec), path, spec)));
    }

    /** Writes a tar of {@code path}, its top entry named as the requested path's last component. */
    public PathStat archive(String ref, String path, java.util.function.Consumer<PathStat> beforeBody, OutputStream out) throws IOException {
        return withRootfs(ref, (spec, rootfs) -> withDataMounts(spec, rootfs, () -> {
            Path target = resolve(rootfs, path, spec);
            PathStat st = stat(rootfs, target, path, spec);
            beforeBody.accept(st);
            // "dir/." asks for the directory's contents; Docker names them "./x"
            String name = path.endsWith("/.") ? "." : baseName(path);
            TreeArchiver.write(target, name, out);
            return st;
        }));
    }

    /** Extracts a tar into the directory {@code path}; the directory must exist. */
    public void extract(String ref, String path, InputStream tar, boolean keepOwners) throws IOException {
        withRootfs(ref, (spec, rootfs) -> withDataMounts(spec, rootfs, () -> {
            Path dir = ScopedPaths.resolve(rootfs, path);
            if (!Files.exists(dir)) throw notFound(path, spec);
            if (!Files.isDirectory(dir)) throw new BerthException.InvalidArgument("extraction point is not a directory");
            // as dockerd: a read-only volume or bind refuses, a writable one takes files even in a --read-only container
            Optional<MountPoint> mount = mountHolding(spec, "/" + rootfs.relativize(dir));
            if (mount.isPresent() && !mount.get().rw()) throw new BerthException.Forbidden("mounted volume is marked read-only");
            if (mount.isEmpty() && spec.host().readonlyRootfs()) throw new BerthException.Forbidden("container rootfs is marked read-only");
            LayerApplier.apply(tar, dir, LayerApplier.WhiteoutMode.LITERAL, keepOwners);
            return null;
        }));
    }

    /** {@code docker export}: the whole root filesystem as a tar. */
    public void export(String ref, OutputStream out) throws IOException {
        withRootfs(ref, (spec, rootfs) -> {
            TreeArchiver.write(rootfs, "", out);
            return null;
        });
    }

    /** Work on the container's files that may throw. */
    private interface FileWork<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code work} with the container's volumes and binds mounted on its root as the container
     * sees them (dockerd's mountVolumes), so that cp reaches into them; unmounted after. The root's
     * mount is made private first: these mounts must not propagate into a running container, where
     * one would cover a read-only volume with a writable view.
     */
    private <T> T withDataMounts(ContainerSpec spec, Path rootfs, FileWork<T> work) throws IOException {
        List<MountPoint> data = spec.mounts().stream().filter(m -> !m.type().equals(MountPoint.TMPFS))
                .sorted(java.util.Comparator.comparingInt((MountPoint m) -> Path.of(m.destination()).getNameCount())).toList();
        if (data.isEmpty()) return work.run();
        Mounts.makePrivate(rootfs);
        List<Path> mounted = new java.util.ArrayList<>();
        try {
            for (MountPoint m : data) {
                Path source = m.isVolume() ? containers.mounts().volumes().dataDir(m.name()) : Path.of(m.source());
                if (!Files.exists(source)) continue;
                Path target = ScopedPaths.resolve(rootfs, m.destination());
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.createFile(target);
                    }
                }
                Mounts.mount(new dev.berth.engine.mount.Mount("none", source.toString(), List.of("rbind")), target);
                mounted.add(target);
            }
            return work.run();
        } finally {
            for (int i = mounted.size() - 1; i >= 0; i--) Mounts.unmount(mounted.get(i));
        }
    }

    /** The deepest volume or bind whose destination holds {@code containerPath}. */
    private static Optional<MountPoint> mountHolding(ContainerSpec spec, String containerPath) {
        return spec.mounts().stream()
                .filter(m -> !m.type().equals(MountPoint.TMPFS))
                .filter(m -> containerPath.equals(m.destination()) || containerPath.startsWith(m.destination() + "/"))
                .max(java.util.Comparator.comparingInt(m -> m.destination().length()));
    }

    /** {@code SizeRw}: bytes in the container's own layer; {@code SizeRootFs}: that plus its image. */
    public record DiskSize(long rw, long rootFs) {}

    /** What {@code ps -s} and {@code inspect -s} report. */
    public DiskSize size(ContainerSpec spec) {
        long rw = dev.berth.common.io.Trees.size(images.snapshots().upperDir(spec.id()));
        long image = images.find(spec.imageId()).map(dev.berth.engine.image.Image::size).orElse(0L);
        return new DiskSize(rw, rw + image);
    }

    /** {@code docker diff}: the container layer's changes over its image. */
    public List<Changes.Change> changes(String ref) throws IOException {
        ContainerStore.Entry e = containers.store().get(ref);
        String id = e.spec().id();
        var snapshots = images.snapshots();
        return Changes.compute(snapshots.upperDir(id), snapshots.lowerDirs(images.get(e.spec().imageId()).topLayer()),
                RUNTIME_MOUNT_POINTS);
    }

    private static Path resolve(Path rootfs, String path, ContainerSpec spec) {
        if (path == null || path.isEmpty()) throw new BerthException.InvalidArgument("Path cannot be empty");
        boolean followLast = path.endsWith("/") || path.endsWith("/.");
        Path p = followLast ? ScopedPaths.resolve(rootfs, path) : ScopedPaths.resolveParent(rootfs, path);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) throw notFound(path, spec);
        return p;
    }

    private static BerthException notFound(String path, ContainerSpec spec) {
        return new BerthException.NotFound("Could not find the file " + path + " in container " + spec.name());
    }

    private static String baseName(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) p = p.substring(0, p.length() - 1);
        int slash = p.lastIndexOf('/');
        String b = slash < 0 ? p : p.substring(slash + 1);
        return b.isEmpty() ? "/" : b;
    }

    private static PathStat stat(Path rootfs, Path target, String requested, ContainerSpec spec) throws IOException {
        PosixFileAttributes a = Files.readAttributes(target, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        int unixMode = (int) Files.getAttribute(target, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        String link = "";
        if (a.isSymbolicLink()) {
            // Docker reports the link's target as a path inside the container
            Path resolved = ScopedPaths.resolve(rootfs, requested);
            link = "/" + rootfs.relativize(resolved);
        }
        return new PathStat(target.equals(rootfs) ? "/" : target.getFileName().toString(), a.size(), goFileMode(unixMode),
                a.lastModifiedTime().toInstant(), link);
    }

    /** Go's os.FileMode: permission bits plus type bits in the high positions. */
    static long goFileMode(int unixMode) {
        long m = unixMode & 0777;
        int type = unixMode & 0170000;
        if (type == 0040000) m |= 1L << 31;          // ModeDir
        else if (type == 0120000) m |= 1L << 27;     // ModeSymlink
        else if (type == 0060000) m |= 1L << 26;     // ModeDevice
        else if (type == 0020000) m |= (1L << 26) | (1L << 21); // ModeDevice | ModeCharDevice
        else if (type == 0010000) m |= 1L << 25;     // ModeNamedPipe
        else if (type == 0140000) m |= 1L << 24;     // ModeSocket
        if ((unixMode & 04000) != 0) m |= 1L << 23;  // ModeSetuid
        if ((unixMode & 02000) != 0) m |= 1L << 22;  // ModeSetgid
        if ((unixMode & 01000) != 0) m |= 1L << 20;  // ModeSticky
        return m;
    }

    /** Work on a container's root filesystem as the host sees it. */
    @FunctionalInterface
    private interface RootfsAction<T> {
        T apply(ContainerSpec spec, Path rootfs) throws IOException;
    }

    /**
     * Runs {@code action} on the container's merged root filesystem. A running container's is
     * already mounted; otherwise it is mounted for the call, under the container's lock so a
     * concurrent start waits for it.
     */
    private <T> T withRootfs(String ref, RootfsAction<T> action) throws IOException {
        ContainerStore.Entry e = containers.store().get(ref);
        String id = e.spec().id();
        Path rootfs = containers.paths().rootfs(id);
        if (e.state().isRunning()) return action.apply(e.spec(), rootfs);
        LiveContainer l = containers.live(id);
        synchronized (l) {
            if (containers.store().get(id).state().isRunning()) return action.apply(e.spec(), rootfs);
            Mounts.mount(images.snapshots().mounts(id, images.get(e.spec().imageId()).topLayer()), rootfs);
            try {
                return action.apply(e.spec(), rootfs);
            } finally {
                Mounts.unmount(rootfs);
            }
        }
    }
}
