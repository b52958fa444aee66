package dev.berth.cli.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Local files in and out of tar archives, with docker cp's naming: a source is archived under a
 * chosen top-level name (its own or the destination's), and an archive is extracted into a
 * directory with its top-level name optionally replaced.
 */
public final class LocalTrees {
    private LocalTrees() {}

    /**
     * Archives {@code source} (not following symlinks) with its entries named {@code as/...};
     * with {@code as} empty, the contents of a directory are archived without a top entry.
     */
    public static void pack(Path source, String as, OutputStream out) throws IOException {
        TarWriter tar = new TarWriter(out);
        Path root = source;
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String name = name(root, dir, as);
                if (!name.isEmpty()) tar.add(entry(dir, name), null);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                TarEntry e = entry(file, name(root, file, as));
                if (e.kind() == TarEntry.Kind.FILE) {
                    try (InputStream in = Files.newInputStream(file)) {
                        tar.add(e, in);
                    }
                } else if (e.kind() != TarEntry.Kind.OTHER) {
                    tar.add(e, null);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        tar.close();
    }

    private static String name(Path root, Path p, String as) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (as.isEmpty()) return rel;
        return rel.isEmpty() ? as : as + "/" + rel;
    }

    private static TarEntry entry(Path p, String name) throws IOException {
        PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        int mode = 0;
        for (PosixFilePermission perm : a.permissions()) mode |= 1 << (8 - perm.ordinal());
        long mtime = a.lastModifiedTime().toMillis() / 1000;
        int uid = (int) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int gid = (int) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        if (a.isSymbolicLink()) return new TarEntry(name, TarEntry.Kind.SYMLINK, mode, 0, mtime, Files.readSymbolicLink(p).toString(), uid, gid);
        if (a.isDirectory()) return new TarEntry(name, TarEntry.Kind.DIRECTORY, mode, 0, mtime, null, uid, gid);
        if (a.isRegularFile()) return new TarEntry(name, TarEntry.Kind.FILE, mode, a.size(), mtime, null, uid, gid);
        return new TarEntry(name, TarEntry.Kind.OTHER, mode, 0, mtime, null, uid, gid);
    }

    /**
     * Extracts into {@code dir}. Entries named {@code from} or {@code from/...} are renamed to
     * {@code to} (an empty {@code to} drops that component: the directory's contents land in
     * {@code dir}); {@code from} may be {@link #TOP}, and null keeps all names. Entries that would
     * land outside {@code dir} are refused.
     */
    public static long extract(InputStream archive, Path dir, String from, String to) throws IOException {
        TarReader r = new TarReader(archive);
        Path base = dir.toAbsolutePath().normalize();
        long bytes = 0;
        List<Object[]> dirTimes = new ArrayList<>();
        TarEntry e;
        while ((e = r.next()) != null) {
            String name = rename(e.name(), from, to);
            if (name.isEmpty()) {
                continue;
            }
            Path target = base.resolve(name).normalize();
            if (!target.startsWith(base)) throw new IOException("refusing to extract " + e.name() + " outside " + dir);
            Files.createDirectories(target.getParent());
            switch (e.kind()) {
                case DIRECTORY -> {
                    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                        Files.deleteIfExists(target);
                        Files.createDirectory(target);
                    }
                    dirTimes.add(new Object[]{target, e});
                }
                case FILE -> {
                    Files.deleteIfExists(target);
                    bytes += Files.copy(r.content(), target);
                    finish(target, e);
                }
                case SYMLINK -> {
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(e.linkName()));
                }
                case HARDLINK -> {
                    Path source = base.resolve(rename(e.linkName(), from, to)).normalize();
                    if (!source.startsWith(base)) throw new IOException("refusing to link " + e.name() + " outside " + dir);
                    Files.deleteIfExists(target);
                    Files.createLink(target, source);
                }
                case OTHER -> { }
            }
        }
        // directory times last: extracting their contents changed them
        for (Object[] d : dirTimes) finish((Path) d[0], (TarEntry) d[1]);
        return bytes;
    }

    private static void finish(Path p, TarEntry e) throws IOException {
        Files.setPosixFilePermissions(p, permissions(e.mode()));
        Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(e.mtime() * 1000));
    }

    /** For {@link #extract}: whatever the archive's top-level name is. */
    public static final String TOP = "*";

    static String rename(String name, String from, String to) {
        if (from == null) return name;
        if (from.equals(TOP)) {
            int slash = name.indexOf('/');
            from = slash < 0 ? name : name.substring(0, slash);
        }
        if (name.equals(from)) return to;
        if (name.startsWith(from + "/")) return to.isEmpty() ? name.substring(from.length() + 1) : to + name.substring(from.length());
        return name;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder sb = new StringBuilder();
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) sb.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        return PosixFilePermissions.fromString(sb.toString());
    }
}
