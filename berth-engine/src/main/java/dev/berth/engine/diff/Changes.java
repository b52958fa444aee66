package dev.berth.engine.diff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code docker diff}: what a container's writable overlay layer changed relative to its image.
 * An overlayfs whiteout (a 0/0 character device) is a deletion; anything else in the upper
 * directory is an addition, or a modification when some lower layer has the same path.
 */
public final class Changes {
    /** Docker's change kinds: 0 modified, 1 added, 2 deleted. */
    public enum Kind { MODIFIED, ADDED, DELETED }

    public record Change(String path, Kind kind) {}

    private Changes() {}

    /**
     * Changes in {@code upper} over {@code lowers} (top first), sorted by path. Paths in
     * {@code excluded} (mount points the runtime created, such as /etc/hosts) are left out, and so
     * is a directory that was only copied up to hold them.
     */
    public static List<Change> compute(Path upper, List<Path> lowers, java.util.Set<String> excluded) throws IOException {
        List<Change> out = new ArrayList<>();
        if (!Files.isDirectory(upper)) return out;
        try (Stream<Path> walk = Files.walk(upper)) {
            for (Path p : (Iterable<Path>) walk.skip(1)::iterator) {
                String rel = upper.relativize(p).toString();
                if (excluded.contains("/" + rel)) continue;
                Kind kind;
                if (isWhiteout(p)) kind = Kind.DELETED;
                else kind = inLowers(lowers, rel) ? Kind.MODIFIED : Kind.ADDED;
                out.add(new Change("/" + rel, kind));
            }
        }
        out.sort(java.util.Comparator.comparing(Change::path));
        List<Change> kept = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            Change c = out.get(i);
            boolean hasChild = i + 1 < out.size() && out.get(i + 1).path().startsWith(c.path() + "/");
            boolean onlyHeldExcluded = c.kind() == Kind.MODIFIED && !hasChild && Files.isDirectory(upper.resolve(c.path().substring(1)))
                    && excluded.stream().anyMatch(x -> x.startsWith(c.path() + "/"));
            if (!onlyHeldExcluded) kept.add(c);
        }
        return kept;
    }

    private static boolean isWhiteout(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) return false;
        int mode = (int) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return (mode & 0170000) == 0020000 && (long) Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS) == 0;
    }

    private static boolean inLowers(List<Path> lowers, String rel) {
        for (Path l : lowers) {
            Path candidate = l.resolve(rel);
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) return !isWhiteoutQuietly(candidate);
        }
        return false;
    }

    private static boolean isWhiteoutQuietly(Path p) {
        try {
            return isWhiteout(p);
        } catch (IOException e) {
            return false;
        }
    }
}
