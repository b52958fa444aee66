package dev.berth.cli.archive;

/** One tar header: path (relative, '/'-separated), kind, permission bits, size, mtime (seconds), link target. */
public record TarEntry(String name, Kind kind, int mode, long size, long mtime, String linkName, int uid, int gid) {
    public enum Kind { FILE, DIRECTORY, SYMLINK, HARDLINK, OTHER }

    public TarEntry withName(String newName) {
        return new TarEntry(newName, kind, mode, size, mtime, linkName, uid, gid);
    }
}
