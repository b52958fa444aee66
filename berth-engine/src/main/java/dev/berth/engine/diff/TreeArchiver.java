package dev.berth.engine.diff;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a directory tree (or one file) as an uncompressed tar stream without following symlinks:
 * regular files, directories, symlinks, hard links (second and later names of an inode), device
 * nodes and FIFOs, with owners, modes and modification times. Used for {@code docker cp} out of a
 * container and {@code docker export}.
 */
public final class TreeArchiver {
    private TreeArchiver() {}

    /**
     * Archives {@code source}; the entry for {@code source} itself is named {@code name} (empty:
     * only its contents, named relative to it) and everything under it is named relative to that.
     */
    public static void write(Path source, String name, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new NonClosing(out));
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        Map<Object, String> inodes = new HashMap<>();
        if (!name.isEmpty()) add(tar, source, name, inodes);
        if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path p : (Iterable<Path>) walk.skip(1)::iterator) {
                    String rel = source.relativize(p).toString();
                    add(tar, p, name.isEmpty() ? rel : name + "/" + rel, inodes);
                }
            }
        }
        tar.finish();
        tar.flush();
    }

    /** Writes one entry for {@code p}, named {@code name}; a second name of an inode becomes a hard link. */
    static void add(TarArchiveOutputStream tar, Path p, String name, Map<Object, String> inodes) throws IOException {
        PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        int mode = (int) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        int uid = (int) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int gid = (int) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        TarArchiveEntry e;
        boolean withContent = false;
        int type = mode & 0170000;
        if (a.isSymbolicLink()) {
            e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
            e.setLinkName(Files.readSymbolicLink(p).toString());
        } else if (a.isDirectory()) {
            e = new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
        } else if (a.isRegularFile()) {
            int nlink = (int) Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            String first = nlink > 1 ? inodes.putIfAbsent(a.fileKey(), name) : null;
            if (first != null) {
                e = new TarArchiveEntry(name, TarConstants.LF_LINK);
                e.setLinkName(first);
            } else {
                e = new TarArchiveEntry(name);
                e.setSize(a.size());
                withContent = true;
            }
        } else if (type == 0020000 || type == 0060000) {
            e = new TarArchiveEntry(name, type == 0020000 ? TarConstants.LF_CHR : TarConstants.LF_BLK);
            long rdev = (long) Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
            e.setDevMajor((int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL)));
            e.setDevMinor((int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL)));
        } else if (type == 0010000) {
            e = new TarArchiveEntry(name, TarConstants.LF_FIFO);
        } else {
            return; // sockets have no tar form
        }
        e.setMode(mode & 07777);
        e.setUserId(uid);
        e.setGroupId(gid);
        e.setModTime(a.lastModifiedTime().toMillis());
        tar.putArchiveEntry(e);
        if (withContent) {
            // O_NOFOLLOW: a file swapped for a symlink since the stat must not lead out of the root
            try (var in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
                in.transferTo(tar);
            }
        }
        tar.closeArchiveEntry();
    }

    /** The tar stream must not close the HTTP response under it. */
    static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }


}
