package dev.berth.engine.diff;

import dev.berth.common.errors.BerthException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Resolves a path inside a root directory the way the container would see it: symlinks in parent
 * components are followed but never lead outside the root (an absolute link target is rebased on
 * the root, and ".." stops at the root). This is what keeps tar extraction and copies from escaping.
 */
public final class ScopedPaths {
    private static final int MAX_LINKS = 255;

    private ScopedPaths() {}

    /** Resolves every component of {@code relative} but the last within {@code root}. */
    public static Path resolveParent(Path root, String relative) {
        String clean = stripSlashes(relative);
        int slash = clean.lastIndexOf('/');
        String base = slash < 0 ? clean : clean.substring(slash + 1);
        Path parent = slash < 0 ? root : resolve(root, clean.substring(0, slash));
        if (base.isEmpty() || base.equals(".")) return parent;
        if (base.equals("..")) throw new BerthException.InvalidArgument("invalid path: " + relative);
        return parent.resolve(base);
    }

    /** Resolves every component of {@code relative}, following symlinks inside {@code root}. */
    public static Path resolve(Path root, String relative) {
        Path current = root;
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>();
        for (String c : stripSlashes(relative).split("/")) if (!c.isEmpty()) todo.add(c);
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.equals(".")) continue;
            if (c.equals("..")) {
                if (!current.equals(root)) current = current.getParent();
                continue;
            }
            Path next = current.resolve(c);
            if (Files.isSymbolicLink(next)) {
                if (++links > MAX_LINKS) throw new BerthException.InvalidArgument("too many levels of symbolic links: " + relative);
                String target;
                try {
                    target = Files.readSymbolicLink(next).toString();
                } catch (IOException e) {
                    throw new BerthException.Internal("cannot read link " + next + ": " + e.getMessage(), e);
                }
                if (target.startsWith("/")) current = root;
                String[] parts = stripSlashes(target).split("/");
                for (int i = parts.length - 1; i >= 0; i--) if (!parts[i].isEmpty()) todo.addFirst(parts[i]);
                continue;
            }
            current = next;
        }
        if (!current.startsWith(root)) throw new BerthException.InvalidArgument("path escapes root: " + relative);
        return current;
    }

    static String stripSlashes(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '/') i++;
        return s.substring(i);
    }

    static boolean existsNoFollow(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }
}
