package dev.berth.engine.image;

import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;
import dev.berth.content.ContentStore;
import dev.berth.engine.diff.Compression;
import dev.berth.engine.diff.LayerApplier;
import dev.berth.engine.metadata.MetadataStore;
import dev.berth.engine.snapshot.OverlaySnapshotter;
import dev.berth.oci.Digest;
import dev.berth.oci.image.ImageConfig;
import dev.berth.oci.image.ImageRef;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Local images: configs in the content store, layers in the snapshotter, names in metadata.
 * Resolves references and id prefixes, tags and untags, imports rootfs tarballs, and deletes
 * images together with the layers no other image uses.
 */
public final class ImageStore {
    private final MetadataStore metadata;
    private final ContentStore content;
    private final OverlaySnapshotter snapshots;
    /** Chains and layer blobs imports hold (see {@link Lease}), with how many imports hold each. */
    private final Map<String, Integer> pinnedChains = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Integer> pinnedDiffIds = new java.util.concurrent.ConcurrentHashMap<>();
    /** Parsed configs by image id: an id is the digest of its config, so an entry can never go stale. */
    private final java.util.Map<Digest, ImageConfig> configs = new java.util.concurrent.ConcurrentHashMap<>();

    public ImageStore(MetadataStore metadata, ContentStore content, OverlaySnapshotter snapshots) {
        this.metadata = metadata;
        this.content = content;
        this.snapshots = snapshots;
    }

    private record Row(String id, long created, long size, long taggedAt, String parent) {}

    private Image load(Row row) {
        Digest id = Digest.parse(row.id());
        ImageConfig config = configs.computeIfAbsent(id, d -> Json.read(content.read(d), ImageConfig.class));
        List<ImageRef> tags = metadata.query("SELECT ref FROM tags WHERE image_id = ? ORDER BY ref", rs -> ImageRef.parse(rs.getString(1)), row.id());
        List<String> chain = ChainIds.of(config.rootfs() == null || config.rootfs().diffIds() == null ? List.of() : config.rootfs().diffIds());
        List<ImageRef> digests = metadata.query("SELECT ref FROM repo_digests WHERE image_id = ? ORDER BY ref", rs -> ImageRef.parse(rs.getString(1)), row.id());
        return new Image(id, Instant.ofEpochMilli(row.created()), row.size(), config, tags,
                chain.isEmpty() ? null : chain.getLast(), Instant.ofEpochMilli(row.taggedAt()), digests, row.parent());
    }

    private List<Row> rows(String where, Object... args) {
        return metadata.query("SELECT id, created, size, tagged_at, parent_id FROM images LEFT JOIN image_parents ON image_id = id " + where,
                rs -> new Row(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5)), args);
    }

    public List<Image> list() {
        return rows("ORDER BY created DESC").stream().map(this::load).toList();
    }

    /** Finds an image by reference, full id, {@code sha256:} id or unique id prefix. */
    public Optional<Image> find(String nameOrId) {
        String s = nameOrId;
        String hex = s.startsWith("sha256:") ? s.substring(7) : s;
        if (hex.matches("[0-9a-f]{64}")) {
            List<Row> r = rows("WHERE id = ?", "sha256:" + hex);
            if (!r.isEmpty()) return Optional.of(load(r.getFirst()));
        }
        try {
            ImageRef ref = ImageRef.parse(s);
            Optional<String> id = metadata.queryOne("SELECT image_id FROM tags WHERE ref = ?", rs -> rs.getString(1), key(ref));
            if (id.isEmpty() && ref.digest() != null) {
                id = metadata.queryOne("SELECT image_id FROM repo_digests WHERE ref = ?", rs -> rs.getString(1), ref.name() + "@" + ref.digest());
            }
            if (id.isPresent()) return Optional.of(load(rows("WHERE id = ?", id.get()).getFirst()));
        } catch (BerthException.InvalidArgument notARef) {
            // fall through to id prefixes
        }
        if (hex.matches("[0-9a-f]{1,63}")) {
            List<Row> r = rows("WHERE id LIKE ?", "sha256:" + hex + "%");
            if (r.size() == 1) return Optional.of(load(r.getFirst()));
        }
        return Optional.empty();
    }

    /** Whether {@code ref} names an image; reads no image config (daemon start-up asks this). */
    public boolean hasTag(ImageRef ref) {
        return metadata.queryOne("SELECT 1 FROM tags WHERE ref = ?", rs -> rs.getInt(1), key(ref)).isPresent();
    }

    public Image get(String nameOrId) {
        return find(nameOrId).orElseThrow(() -> new BerthException.NotFound("No such image: " + nameOrId));
    }

    static String key(ImageRef ref) {
        return ref.digest() != null && ref.tag() == null ? ref.name() + "@" + ref.digest() : ref.name() + ":" + ref.tag();
    }

    /** Points {@code ref} at {@code image}, moving the tag if it pointed elsewhere. */
    public void tag(Image image, ImageRef ref) {
        metadata.transaction(() -> {
            metadata.update("INSERT INTO tags(ref, image_id) VALUES (?, ?) ON CONFLICT(ref) DO UPDATE SET image_id = excluded.image_id",
                    key(ref), image.id().toString());
            metadata.update("UPDATE images SET tagged_at = ? WHERE id = ?", System.currentTimeMillis(), image.id().toString());
            return null;
        });
    }

    /** Records {@code repoDigest} ({@code name@digest} of a manifest pushed for it) on {@code image}. */
    public void addRepoDigest(Image image, ImageRef repoDigest) {
        metadata.update("INSERT INTO repo_digests(ref, image_id) VALUES (?, ?) ON CONFLICT(ref) DO UPDATE SET image_id = excluded.image_id",
                repoDigest.name() + "@" + repoDigest.digest(), image.id().toString());
    }

    public boolean untag(ImageRef ref) {
        int digests = ref.digest() == null ? 0 : metadata.update("DELETE FROM repo_digests WHERE ref = ?", ref.name() + "@" + ref.digest());
        return metadata.update("DELETE FROM tags WHERE ref = ?", key(ref)) + digests > 0;
    }

    /**
     * Registers an image whose layers are already committed. Idempotent: registering the same
     * config twice yields the same image.
     */
    public Image register(byte[] configBytes, Optional<ImageRef> tag) {
        return register(configBytes, tag, Optional.empty());
    }

    /**
     * As {@link #register(byte[], Optional)}, also recording {@code repoDigest} ({@code name@digest}
     * of the manifest the image was pulled by), in the same transaction as the image.
     */
    public Image register(byte[] configBytes, Optional<ImageRef> tag, Optional<ImageRef> repoDigest) {
        return register(configBytes, tag, repoDigest, Optional.empty());
    }

    /** As {@link #register(byte[], Optional)} for a committed image, recording the image it was made from. */
    public Image registerChild(byte[] configBytes, Optional<ImageRef> tag, Digest parent) {
        return register(configBytes, tag, Optional.empty(), Optional.of(parent));
    }

    private Image register(byte[] configBytes, Optional<ImageRef> tag, Optional<ImageRef> repoDigest, Optional<Digest> parent) {
        Digest id = content.write(configBytes);
        ImageConfig config = Json.read(configBytes, ImageConfig.class);
        List<String> diffIds = config.rootfs() == null || config.rootfs().diffIds() == null ? List.of() : config.rootfs().diffIds();
        long size = 0;
        for (String chain : ChainIds.of(diffIds)) {
            size += snapshots.layer(chain).orElseThrow(() -> new BerthException.Internal("layer " + chain + " missing")).size();
        }
        Instant created = config.created() != null ? Instant.parse(config.created()) : Instant.now();
        long sz = size;
        metadata.transaction(() -> {
            metadata.update("INSERT OR IGNORE INTO images(id, config_digest, created, size, tagged_at) VALUES (?,?,?,?,?)",
                    id.toString(), id.toString(), created.toEpochMilli(), sz, System.currentTimeMillis());
            tag.ifPresent(t -> metadata.update("INSERT INTO tags(ref, image_id) VALUES (?, ?) ON CONFLICT(ref) DO UPDATE SET image_id = excluded.image_id",
                    key(t), id.toString()));
            parent.ifPresent(p -> metadata.update("INSERT OR IGNORE INTO image_parents(image_id, parent_id) VALUES (?, ?)", id.toString(), p.toString()));
            repoDigest.ifPresent(d -> metadata.update("INSERT INTO repo_digests(ref, image_id) VALUES (?, ?) ON CONFLICT(ref) DO UPDATE SET image_id = excluded.image_id",
                    d.name() + "@" + d.digest(), id.toString()));
            return null;
        });
        return get(id.toString());
    }

    /**
     * Keeps the layers imported under it from {@link #collectLayers()} until it is closed, which
     * the importer does once the image that references them is registered, or has failed. Without
     * it, an rmi, a prune or a failed load running in between would take the layers of an image
     * still being imported as unreferenced.
     */
    public final class Lease implements AutoCloseable {
        private final List<String> chains = new ArrayList<>();
        private final List<String> diffIds = new ArrayList<>();

        /**
         * Stores an uncompressed (or compressed) layer tar as a blob and commits it as a layer on
         * top of {@code parentChain}. Returns the layer's diff id.
         */
        public String importLayer(InputStream maybeCompressedTar, String parentChain) {
            Digest diffId;
            try (InputStream tar = Compression.decompressed(maybeCompressedTar)) {
                diffId = content.write(tar);
            } catch (java.io.IOException e) {
                throw new BerthException.InvalidArgument("cannot read layer: " + e.getMessage());
            }
            String chain = parentChain == null ? diffId.toString()
                    : ChainIds.of(List.of(parentChain, diffId.toString())).get(1);
            pin(pinnedDiffIds, diffIds, diffId.toString());
            pin(pinnedChains, chains, chain);
            try {
                snapshots.commitLayer(chain, diffId.toString(), parentChain, dir -> {
                    try (InputStream in = content.open(diffId)) {
                        return LayerApplier.apply(in, dir, LayerApplier.WhiteoutMode.OVERLAY);
                    }
                });
            } catch (RuntimeException e) {
                // a blob that became no layer is garbage, unless a layer or another import has it
                synchronized (ImageStore.this) {
                    boolean othersUseIt = pinnedDiffIds.getOrDefault(diffId.toString(), 0) > 1
                            || snapshots.layers().stream().anyMatch(l -> l.diffId().equals(diffId.toString()));
                    if (!othersUseIt) content.delete(diffId);
                }
                throw e;
            }
            return diffId.toString();
        }

        @Override
        public void close() {
            chains.forEach(c -> unpin(pinnedChains, c));
            diffIds.forEach(d -> unpin(pinnedDiffIds, d));
            chains.clear();
            diffIds.clear();
        }
    }

    public Lease lease() {
        return new Lease();
    }

    private static void pin(Map<String, Integer> pins, List<String> held, String key) {
        pins.merge(key, 1, Integer::sum);
        held.add(key);
    }

    private static void unpin(Map<String, Integer> pins, String key) {
        pins.computeIfPresent(key, (k, n) -> n > 1 ? n - 1 : null);
    }

    /** Whether the layer chain {@code chainId} is committed (a pull then skips its download). */
    public boolean hasLayer(String chainId) {
        return snapshots.layer(chainId).isPresent();
    }

    /** The image whose id is {@code id}, if registered. */
    public Optional<Image> byId(Digest id) {
        List<Row> r = rows("WHERE id = ?", id.toString());
        return r.isEmpty() ? Optional.empty() : Optional.of(load(r.getFirst()));
    }

    /** The image's config exactly as stored: its digest is the image id. */
    public byte[] rawConfig(Image image) {
        return content.read(image.id());
    }

    /** A layer's uncompressed tar, by diff id. */
    public InputStream openLayer(String diffId) {
        return content.open(Digest.parse(diffId));
    }

    public long layerTarSize(String diffId) {
        return content.size(Digest.parse(diffId));
    }

    /**
     * Deletes an image reference or an image (Docker's {@code rmi} rules). Returns the
     * {@code Untagged}/{@code Deleted} report lines in order.
     */
    public List<String[]> remove(String nameOrId, boolean force, java.util.function.Function<Digest, Optional<String>> usedByContainer) {
        Image image = get(nameOrId);
        List<String[]> report = new ArrayList<>();
        boolean byId = isIdReference(nameOrId, image);
        if (!byId) {
            ImageRef ref = ImageRef.parse(nameOrId);
            Optional<String> user = usedByContainer.apply(image.id());
            if (image.tags().size() <= 1 && user.isPresent() && !force) {
                throw new BerthException.Conflict("conflict: unable to remove repository reference \"" + nameOrId
                        + "\" (must force) - container " + user.get().substring(0, 12) + " is using its referenced image " + image.id().shortHex());
            }
            untag(ref);
            report.add(new String[]{"Untagged", ref.familiar()});
            if (image.tags().size() > 1 || user.isPresent()) return report;
        } else {
            if (image.tags().size() > 1 && !force) {
                throw new BerthException.Conflict("conflict: unable to delete " + image.id().shortHex()
                        + " (must be forced) - image is referenced in multiple repositories");
            }
            Optional<String> user = usedByContainer.apply(image.id());
            if (user.isPresent()) {
                String verb = force ? "cannot" : "must be forced";
                throw new BerthException.Conflict("conflict: unable to delete " + image.id().shortHex() + " (" + verb
                        + ") - image is being used by " + (force ? "running " : "stopped ") + "container " + user.get().substring(0, 12));
            }
            for (ImageRef t : image.tags()) {
                untag(t);
                report.add(new String[]{"Untagged", t.familiar()});
            }
        }
        metadata.update("DELETE FROM tags WHERE image_id = ?", image.id().toString());
        metadata.update("DELETE FROM repo_digests WHERE image_id = ?", image.id().toString());
        // dockerd keeps a parent while children exist; berth's layers live on in the child's chain, so only the link goes
        metadata.update("DELETE FROM image_parents WHERE image_id = ? OR parent_id = ?", image.id().toString(), image.id().toString());
        metadata.update("DELETE FROM images WHERE id = ?", image.id().toString());
        configs.remove(image.id());
        report.add(new String[]{"Deleted", image.id().toString()});
        collectLayers();
        return report;
    }

    private static boolean isIdReference(String nameOrId, Image image) {
        String hex = nameOrId.startsWith("sha256:") ? nameOrId.substring(7) : nameOrId;
        return hex.length() >= 1 && image.id().hex().startsWith(hex) && hex.matches("[0-9a-f]+")
                && image.tags().stream().noneMatch(t -> t.familiarName().equals(nameOrId) || t.familiar().equals(nameOrId));
    }

    /** Removes layers (and their blobs) that no image references and no import holds. */
    public synchronized void collectLayers() {
        java.util.Set<String> used = new java.util.HashSet<>(pinnedChains.keySet());
        for (Image i : list()) used.addAll(ChainIds.of(i.diffIds()));
        for (OverlaySnapshotter.Layer l : snapshots.layers()) {
            if (!used.contains(l.chainId())) {
                snapshots.removeLayer(l.chainId());
                content.delete(Digest.parse(l.diffId()));
            }
        }
    }

    /** The image's layers, bottom first. */
    public List<OverlaySnapshotter.Layer> layers(Image image) {
        return ChainIds.of(image.diffIds()).stream().map(c -> snapshots.layer(c)
                .orElseThrow(() -> new BerthException.Internal("layer " + c + " of image " + image.id() + " is missing"))).toList();
    }

    /** Total bytes of distinct layers: shared layers count once. */
    public long layersSize() {
        return snapshots.layers().stream().mapToLong(OverlaySnapshotter.Layer::size).sum();
    }

    public OverlaySnapshotter snapshots() {
        return snapshots;
    }
}
