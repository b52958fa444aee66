package dev.berth.engine.snapshot;

import dev.berth.common.errors.BerthException;
import dev.berth.common.io.Trees;
import dev.berth.engine.metadata.MetadataStore;
import dev.berth.engine.mount.Mount;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * overlayfs snapshots in Docker's overlay2 shape:
 * <pre>
 * overlay/&lt;chain hex&gt;/diff     extracted, committed layer (read-only once committed)
 * overlay/&lt;chain hex&gt;/link     short name of the layer
 * overlay/l/&lt;short&gt;            symlink to ../&lt;chain hex&gt;/diff, keeps mount options under a page
 * overlay/&lt;key&gt;/{diff,work}    an active (writable) snapshot, e.g. a container's rw layer
 * </pre>
 * The snapshotter describes mounts; it never performs them ({@link dev.berth.engine.mount.Mounts} does).
 */
public final class OverlaySnapshotter {
    private static final char[] LINK_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private final Path root;
    private final MetadataStore metadata;
    private final SecureRandom random = new SecureRandom();

    public OverlaySnapshotter(Path root, MetadataStore metadata) {
        this.root = root;
        this.metadata = metadata;
        try {
            Files.createDirectories(root.resolve("l"));
            try (var entries = Files.list(root)) {
                for (Path p : (Iterable<Path>) entries::iterator) {
                    if (p.getFileName().toString().startsWith("tmp-")) Trees.deleteRecursively(p);
                }
            }
        } catch (IOException e) {
            throw new BerthException.Internal("cannot open layer store " + root + ": " + e.getMessage(), e);
        }
    }

    /** A committed layer. */
    public record Layer(String chainId, String diffId, String parent, long size, String link) {}

    /** Fills a new layer directory. */
    public interface LayerWriter {
        long write(Path diffDir) throws IOException;
    }

    public Optional<Layer> layer(String chainId) {
        return metadata.queryOne("SELECT chain_id, diff_id, parent, size, link FROM layers WHERE chain_id = ?",
                rs -> new Layer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)), chainId);
    }

    public List<Layer> layers() {
        return metadata.query("SELECT chain_id, diff_id, parent, size, link FROM layers",
                rs -> new Layer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)));
    }

    /**
     * Creates and commits a layer, unless it exists. The layer is written to a temporary directory
     * and renamed into place only when complete, then recorded; a failure leaves nothing behind.
     */
    public synchronized Layer commitLayer(String chainId, String diffId, String parent, LayerWriter writer) {
        Optional<Layer> existing = layer(chainId);
        if (existing.isPresent()) return existing.get();
        String hex = hex(chainId);
        Path tmp = root.resolve("tmp-" + hex);
        Path dir = root.resolve(hex);
        String link = newLink();
        try {
            Trees.deleteRecursively(tmp);
            Trees.deleteRecursively(dir);
            Files.createDirectories(tmp.resolve("diff"));
            long size = writer.write(tmp.resolve("diff"));
            Files.writeString(tmp.resolve("link"), link);
            Files.move(tmp, dir);
            Files.createSymbolicLink(root.resolve("l").resolve(link), Path.of("..", hex, "diff"));
            Layer layer = new Layer(chainId, diffId, parent, size, link);
            metadata.update("INSERT INTO layers(chain_id, diff_id, parent, size, link) VALUES (?,?,?,?,?)",
                    chainId, diffId, parent, size, link);
            return layer;
        } catch (IOException | RuntimeException e) {
            try {
                Trees.deleteRecursively(tmp);
                Trees.deleteRecursively(dir);
                Files.deleteIfExists(root.resolve("l").resolve(link));
            } catch (IOException ignored) {
                // start-up sweep removes tmp- directories
            }
            if (e instanceof BerthException be) throw be;
            throw new BerthException.Internal("cannot create layer " + chainId + ": " + e.getMessage(), e);
        }
    }

    /** Removes a committed layer that no image references any more. */
    public synchronized void removeLayer(String chainId) {
        Optional<Layer> layer = layer(chainId);
        if (layer.isEmpty()) return;
        try {
            metadata.update("DELETE FROM layers WHERE chain_id = ?", chainId);
            Files.deleteIfExists(root.resolve("l").resolve(layer.get().link()));
            Trees.deleteRecursively(root.resolve(hex(chainId)));
        } catch (IOException e) {
            throw new BerthException.Internal("cannot remove layer " + chainId + ": " + e.getMessage(), e);
        }
    }

    public Path diffDir(String chainId) {
        return root.resolve(hex(chainId)).resolve("diff");
    }

    /** Creates the writable directories of an active snapshot {@code key} on top of {@code chainId}. */
    public Mount prepare(String key, String chainId) {
        Path dir = root.resolve(key);
        try {
            Files.createDirectories(dir.resolve("diff"));
            Files.createDirectories(dir.resolve("work"));
        } catch (IOException e) {
            throw new BerthException.Internal("cannot prepare snapshot " + key + ": " + e.getMessage(), e);
        }
        return mounts(key, chainId);
    }

    /** The overlay mount of active snapshot {@code key}. */
    public Mount mounts(String key, String chainId) {
        List<String> lowers = new ArrayList<>();
        String current = chainId;
        while (current != null) {
            Layer l = layer(current).orElseThrow(() -> new BerthException.NotFound("layer not found"));
            lowers.add(root.resolve("l").resolve(l.link()).toString());
            current = l.parent();
        }
        Path dir = root.resolve(key);
        return new Mount("overlay", "overlay", List.of(
                "lowerdir=" + String.join(":", lowers),
                "upperdir=" + dir.resolve("diff"),
                "workdir=" + dir.resolve("work"),
                "index=off"));
    }

    /** The extracted directories of {@code chainId} and its parents, top layer first. */
    public List<Path> lowerDirs(String chainId) {
        List<Path> dirs = new ArrayList<>();
        for (String c = chainId; c != null; ) {
            Layer l = layer(c).orElseThrow(() -> new BerthException.NotFound("layer not found"));
            dirs.add(diffDir(l.chainId()));
            c = l.parent();
        }
        return dirs;
    }

    public Path upperDir(String key) {
        return root.resolve(key).resolve("diff");
    }

    public void remove(String key) {
        try {
            Trees.deleteRecursively(root.resolve(key));
        } catch (IOException e) {
            throw new BerthException.Internal("cannot remove snapshot " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * Start-up collection: removes every directory that is neither a committed layer nor one of
     * {@code activeKeys} (a create or a layer commit that died half-way, a removal that died after
     * its record went), and every short link whose layer is gone.
     */
    public synchronized void sweep(java.util.Set<String> activeKeys) {
        java.util.Set<String> layerDirs = new java.util.HashSet<>();
        for (Layer l : layers()) layerDirs.add(hex(l.chainId()));
        try (var entries = Files.list(root)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                if (name.equals("l") || layerDirs.contains(name) || activeKeys.contains(name)) continue;
                Trees.deleteRecursively(p);
            }
            try (var links = Files.list(root.resolve("l"))) {
                for (Path link : links.toList()) {
                    if (!Files.exists(link)) Files.deleteIfExists(link);
                }
            }
        } catch (IOException e) {
            throw new BerthException.Internal("cannot sweep layer store " + root + ": " + e.getMessage(), e);
        }
    }

    private String newLink() {
        char[] c = new char[26];
        for (int i = 0; i < c.length; i++) c[i] = LINK_CHARS[random.nextInt(LINK_CHARS.length)];
        return new String(c);
    }

    private static String hex(String digest) {
        int colon = digest.indexOf(':');
        return colon < 0 ? digest : digest.substring(colon + 1);
    }
}
