package dev.berth.engine.volume;

import dev.berth.engine.diff.ScopedPaths;
import dev.berth.engine.mount.Syscalls;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;

/**
 * Docker's volume copy-up: a new, empty volume mounted where the image has content starts as a
 * copy of that content, owners, modes, times, links and device nodes kept, so that an image's
 * {@code VOLUME /var/lib/db} with its files and ownership works on first use. A volume with
 * anything in it is never touched.
 */
public final class CopyUp {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFSOCK = 0140000;

    private CopyUp() {}

    /**
     * Copies {@code destination} of the container's {@code rootfs} into {@code volumeData} if that is
     * empty and the image has a directory there. Returns whether anything was copied.
     */
    public static boolean populate(Path rootfs, String destination, Path volumeData) throws IOException {
        Path source = ScopedPaths.resolve(rootfs, destination);
        if (!Files.isDirectory(source, NOFOLLOW)) return false;
        try (var entries = Files.list(volumeData)) {
            if (entries.findAny().isPresent()) return false;
        }
        Map<Object, Path> linked = new HashMap<>();
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = volumeData.resolve(source.relativize(dir).toString());
                if (!dir.equals(source)) Files.createDirectory(target);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = volumeData.resolve(source.relativize(file).toString());
                int mode = (Integer) Files.getAttribute(file, "unix:mode", NOFOLLOW);
                if (!attrs.isDirectory() && !attrs.isSymbolicLink() && (Integer) Files.getAttribute(file, "unix:nlink", NOFOLLOW) > 1) {
                    Object key = attrs.fileKey();
                    Path first = linked.get(key);
                    if (first != null) {
                        Files.createLink(target, first);
                        return FileVisitResult.CONTINUE;
                    }
                    linked.put(key, target);
                }
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(file));
                } else if (attrs.isRegularFile()) {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                } else {
                    int kind = mode & S_IFMT;
                    if (kind == S_IFSOCK) return FileVisitResult.CONTINUE; // a socket is a live thing, not content
                    if (kind == S_IFCHR || kind == S_IFBLK || kind == S_IFIFO) {
                        long rdev = (Long) Files.getAttribute(file, "unix:rdev", NOFOLLOW);
                        try {
                            Syscalls.mknod(target.toString(), mode, rdev);
                        } catch (Syscalls.ErrnoException e) {
                            throw new IOException(e.getMessage(), e);
                        }
                    }
                }
                copyMetadata(file, target, attrs);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) throw exc;
                Path target = volumeData.resolve(source.relativize(dir).toString());
                copyMetadata(dir, target, Files.readAttributes(dir, BasicFileAttributes.class, NOFOLLOW));
                return FileVisitResult.CONTINUE;
            }
        });
        return true;
    }

    /** Owner for everything; mode and times for all but symlinks (Linux has no lchmod). */
    private static void copyMetadata(Path from, Path to, BasicFileAttributes attrs) throws IOException {
        Files.setAttribute(to, "unix:uid", Files.getAttribute(from, "unix:uid", NOFOLLOW), NOFOLLOW);
        Files.setAttribute(to, "unix:gid", Files.getAttribute(from, "unix:gid", NOFOLLOW), NOFOLLOW);
        if (attrs.isSymbolicLink()) return;
        int mode = (Integer) Files.getAttribute(from, "unix:mode", NOFOLLOW);
        Files.setAttribute(to, "unix:mode", mode & 07777);
        FileTime mtime = attrs.lastModifiedTime();
        Files.setLastModifiedTime(to, mtime);
    }
}
