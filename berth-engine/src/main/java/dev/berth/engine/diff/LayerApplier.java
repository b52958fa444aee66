package dev.berth.engine.diff;

import dev.berth.common.errors.BerthException;
import dev.berth.common.io.Trees;
import dev.berth.engine.mount.Syscalls;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a layer tar stream (uncompressed) to a directory: regular files, directories, symlinks,
 * hard links, device nodes, ownership and modes, and OCI whiteouts turned into overlayfs whiteouts
 * (character device 0/0 for {@code .wh.name}, {@code trusted.overlay.opaque=y} for {@code .wh..wh..opq}).
 * Every path is resolved inside the target root; an entry that would escape it is an error.
 */
public final class LayerApplier {
    private static final String WHITEOUT_PREFIX = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    /** How whiteouts are represented in the target directory. */
    public enum WhiteoutMode {
        /** The target is an overlay layer: record whiteouts as overlayfs does. */
        OVERLAY,
        /** The target is a plain tree (a container's view): delete the whited-out paths. */
        DELETE,
        /** Not a layer ({@code docker cp}): {@code .wh.} names are ordinary files. */
        LITERAL
    }

    private LayerApplier() {}

    /**
     * Call at the end of a tar: commons-compress takes a short record for the end of the archive,
     * so a body that is no tar at all ("{}") would read as an empty one; Go's reader calls it an
     * unexpected EOF, and so does this.
     */
    public static void requireWholeRecords(TarArchiveInputStream in) throws IOException {
        if (in.getBytesRead() % 512 != 0) throw new IOException("unexpected EOF");
    }

    /** Applies {@code tar} to {@code root}; returns the number of bytes of file content written. */
    public static long apply(InputStream tar, Path root, WhiteoutMode mode) {
        return apply(tar, root, mode, true);
    }

    /**
     * As {@link #apply(InputStream, Path, WhiteoutMode)}; without {@code keepOwners} every entry is
     * owned by root, as {@code docker cp} does unless asked to keep the archive's owners.
     */
    public static long apply(InputStream tar, Path root, WhiteoutMode mode, boolean keepOwners) {
        long written = 0;
        record DirTime(Path dir, FileTime mtime) {}
        List<DirTime> dirTimes = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                String name = ScopedPaths.stripSlashes(e.getName());
                if (name.isEmpty() || name.equals(".") || name.equals("./")) continue;
                if (name.endsWith("/")) name = name.substring(0, name.length() - 1);
                Path target = ScopedPaths.resolveParent(root, name);
                if (!target.startsWith(root) || target.equals(root)) continue;
                String base = target.getFileName().toString();
                Files.createDirectories(target.getParent());
                if (mode != WhiteoutMode.LITERAL && base.equals(OPAQUE)) {
                    Path dir = target.getParent();
                    if (mode == WhiteoutMode.OVERLAY) {
                        setOpaque(dir);
                    } else {
                        try (var children = Files.list(dir)) {
                            for (Path c : (Iterable<Path>) children::iterator) Trees.deleteRecursively(c);
                        }
                    }
                    continue;
                }
                if (mode != WhiteoutMode.LITERAL && base.startsWith(WHITEOUT_PREFIX)) {
                    Path victim = target.resolveSibling(base.substring(WHITEOUT_PREFIX.length()));
                    Trees.deleteRecursively(victim);
                    if (mode == WhiteoutMode.OVERLAY) mknod(victim, Syscalls.S_IFCHR, 0);
                    continue;
                }
                if (!e.isDirectory() && Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    Trees.deleteRecursively(target);
                } else if (!e.isDirectory()) {
                    Files.deleteIfExists(target);
                } else if (ScopedPaths.existsNoFollow(target) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(target);
                }
                if (e.isDirectory()) {
                    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) Files.createDirectory(target);
                    dirTimes.add(new DirTime(target, FileTime.from(e.getLastModifiedTime().toInstant())));
                } else if (e.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                } else if (e.isLink()) {
                    Path source = ScopedPaths.resolve(root, e.getLinkName());
                    if (!source.startsWith(root)) throw new BerthException.InvalidArgument("invalid hardlink " + e.getLinkName());
                    Files.createLink(target, source);
                    continue;
                } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
                    int type = e.isCharacterDevice() ? 0020000 : e.isBlockDevice() ? 0060000 : 0010000;
                    mknod(target, type | (e.getMode() & 07777), Syscalls.makedev(e.getDevMajor(), e.getDevMinor()));
                } else {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    written += e.getSize();
                }
                applyMetadata(target, e, keepOwners);
            }
            requireWholeRecords(in);
            for (int i = dirTimes.size() - 1; i >= 0; i--) {
                Files.setLastModifiedTime(dirTimes.get(i).dir(), dirTimes.get(i).mtime());
            }
        } catch (IOException ex) {
            throw new BerthException.InvalidArgument("error applying layer: " + ex.getMessage());
        }
        return written;
    }

    private static void applyMetadata(Path target, TarArchiveEntry e, boolean keepOwners) throws IOException {
        Files.setAttribute(target, "unix:uid", keepOwners ? (int) e.getLongUserId() : 0, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(target, "unix:gid", keepOwners ? (int) e.getLongGroupId() : 0, LinkOption.NOFOLLOW_LINKS);
        if (!e.isSymbolicLink()) {
            Files.setAttribute(target, "unix:mode", e.getMode() & 07777);
            Files.getFileAttributeView(target, java.nio.file.attribute.BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.from(e.getLastModifiedTime().toInstant()), null, null);
        }
    }

    private static void mknod(Path p, int mode, long dev) throws IOException {
        try {
            Syscalls.mknod(p.toString(), mode, dev);
        } catch (Syscalls.ErrnoException ex) {
            throw new IOException(ex.getMessage(), ex);
        }
    }

    private static void setOpaque(Path dir) throws IOException {
        try {
            Syscalls.lsetxattr(dir.toString(), "trusted.overlay.opaque", "y".getBytes());
        } catch (Syscalls.ErrnoException ex) {
            throw new IOException(ex.getMessage(), ex);
        }
    }
}
