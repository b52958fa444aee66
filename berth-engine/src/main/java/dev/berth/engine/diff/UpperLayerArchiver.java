package dev.berth.engine.diff;

import dev.berth.engine.mount.Syscalls;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A container's writable overlay layer (its upper directory) as an image layer tar, for
 * {@code docker commit}: overlayfs whiteouts (0/0 character devices) become {@code .wh.<name>}
 * entries and opaque directories ({@code trusted.overlay.opaque=y}) get a {@code .wh..wh..opq}
 * entry, the OCI/AUFS forms every image consumer reads.
 */
public final class UpperLayerArchiver {
    private static final String WHITEOUT_PREFIX = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    /**
     * What the layer leaves out. {@code files}: paths the runtime bind-mounts (/etc/hosts...), left
     * out whole; dockerd keeps them in an init layer, never in the container's. {@code mountPoints}:
     * destinations of volumes, binds and tmpfs, kept as the (empty) mount points runc made, as
     * Docker keeps them, but nothing under them: their contents live elsewhere.
     */
    public record Exclusions(Set<String> files, Set<String> mountPoints) {
        public Exclusions {
            files = Set.copyOf(files);
            mountPoints = Set.copyOf(mountPoints);
        }
    }

    private UpperLayerArchiver() {}

    /**
     * Writes the layer tar of {@code upper} to {@code out} (not closed). Returns the number of
     * entries written: 0 means an empty layer, which dockerd leaves out of the image's rootfs.
     */
    public static int write(Path upper, Exclusions exclusions, OutputStream out) throws IOException {
        List<String> kept = keptEntries(upper, exclusions);
        // 512-byte records as Go's archive/tar writes them, not commons-compress's 10 KiB blocks
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new TreeArchiver.NonClosing(out), 512);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        Map<Object, String> inodes = new HashMap<>();
        for (String rel : kept) {
            Path p = upper.resolve(rel);
            if (isWhiteout(p)) {
                tar.putArchiveEntry(marker(p, parentOf(rel) + WHITEOUT_PREFIX + p.getFileName()));
                tar.closeArchiveEntry();
                continue;
            }
            TreeArchiver.add(tar, p, rel, inodes);
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && isOpaque(p)) {
                tar.putArchiveEntry(marker(p, rel + "/" + OPAQUE));
                tar.closeArchiveEntry();
            }
        }
        tar.finish();
        tar.flush();
        return kept.size();
    }

    /** Whether the layer would hold nothing: dockerd then adds no layer to the image. */
    public static boolean isEmpty(Path upper, Exclusions exclusions) throws IOException {
        return keptEntries(upper, exclusions).isEmpty();
    }

    /**
     * The upper directory's paths (relative, sorted so a directory precedes what it holds) minus the
     * exclusions, and minus directories other than mount points that hold nothing but excluded
     * files: those were only copied up or made to hold a runtime mount point (/etc for /etc/hosts).
     */
    static List<String> keptEntries(Path upper, Exclusions exclusions) throws IOException {
        List<String> all = new ArrayList<>();
        if (!Files.isDirectory(upper)) return all;
        try (Stream<Path> walk = Files.walk(upper)) {
            walk.skip(1).forEach(p -> all.add(upper.relativize(p).toString()));
        }
        all.sort(null);
        List<String> kept = new ArrayList<>();
        Set<String> holdsExcluded = new HashSet<>();
        Set<String> holdsKept = new HashSet<>();
        for (String rel : all) {
            String abs = "/" + rel;
            boolean excluded = exclusions.files().contains(abs)
                    || exclusions.mountPoints().stream().anyMatch(m -> abs.startsWith(m.endsWith("/") ? m : m + "/"));
            markAncestors(rel, excluded ? holdsExcluded : holdsKept);
            if (!excluded) kept.add(rel);
        }
        kept.removeIf(rel -> holdsExcluded.contains(rel) && !holdsKept.contains(rel) && !exclusions.mountPoints().contains("/" + rel));
        return kept;
    }

    private static void markAncestors(String rel, Set<String> into) {
        for (int i = rel.lastIndexOf('/'); i > 0; i = rel.lastIndexOf('/', i - 1)) into.add(rel.substring(0, i));
    }

    private static String parentOf(String rel) {
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? "" : rel.substring(0, slash + 1);
    }

    /** An empty regular file entry with the owner, mode and time of {@code p}, as dockerd writes whiteouts. */
    private static TarArchiveEntry marker(Path p, String name) throws IOException {
        PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(0);
        e.setMode((int) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777);
        e.setUserId((int) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        e.setGroupId((int) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS));
        e.setModTime(a.lastModifiedTime().toMillis());
        return e;
    }

    static boolean isWhiteout(Path p) throws IOException {
        int mode = (int) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return (mode & 0170000) == 0020000 && (long) Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS) == 0;
    }

    private static boolean isOpaque(Path dir) throws IOException {
        try {
            byte[] v = Syscalls.lgetxattr(dir.toString(), "trusted.overlay.opaque");
            return v != null && v.length == 1 && v[0] == 'y';
        } catch (Syscalls.ErrnoException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
