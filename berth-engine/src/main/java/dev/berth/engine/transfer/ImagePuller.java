package dev.berth.engine.transfer;

import dev.berth.common.errors.BerthException;
import dev.berth.common.io.Trees;
import dev.berth.common.json.Json;
import dev.berth.distribution.Credentials;
import dev.berth.distribution.FetchedManifest;
import dev.berth.distribution.Registries;
import dev.berth.distribution.RegistryClient;
import dev.berth.engine.image.ChainIds;
import dev.berth.engine.image.Image;
import dev.berth.engine.image.ImageStore;
import dev.berth.oci.Digest;
import dev.berth.oci.image.ImageConfig;
import dev.berth.oci.image.ImageRef;
import dev.berth.oci.manifest.Descriptor;
import dev.berth.oci.manifest.ManifestDocument;
import dev.berth.oci.manifest.Platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * {@code docker pull}: a copy from a registry into the local image store.
 * <pre>
 *  manifest (by tag or digest) ─▶ index? select platform ─▶ image manifest ─▶ config (verified)
 *      │                                                                        │ diff ids → chain ids
 *      ▼                                                                        ▼
 *  layers not yet present: downloaded in parallel (bounded, daemon-wide) into a private
 *  directory, each verified against its digest and size ─▶ extracted in order under a lease,
 *  each checked against its diff id ─▶ image registered with its tag and repo digest
 * </pre>
 * Nothing unverified reaches the content store or the snapshotter, and the image is registered
 * last, in one transaction: a failure or a crash at any point leaves no image, only layers that
 * no image references (collected at once on a failure; reused by the next pull after a crash,
 * since a present layer is not downloaded again).
 */
public final class ImagePuller {
    /** The daemon-wide default of parallel layer downloads, dockerd's max-concurrent-downloads. */
    public static final int DEFAULT_PARALLEL_DOWNLOADS = 3;
    private static final int MAX_CONFIG_BYTES = 8 << 20;
    private static final int DOWNLOAD_ATTEMPTS = 3;

    /** The image a pull ended with, the digest of the manifest it came by, and whether anything changed. */
    public record Outcome(Image image, Digest manifestDigest, boolean changed) {}

    private final ImageStore images;
    private final Registries registries;
    private final Path scratch;
    private final Semaphore downloads;
    private final LayerBlobs blobs;

    public ImagePuller(ImageStore images, Registries registries, LayerBlobs blobs, Path scratch, int parallelDownloads) {
        this.images = images;
        this.blobs = blobs;
        this.registries = registries;
        this.scratch = scratch;
        this.downloads = new Semaphore(parallelDownloads);
        sweep();
    }

    /** Downloads a crash left behind (berthd is the single writer: none is in progress at start-up). */
    private void sweep() {
        try {
            Files.createDirectories(scratch);
            try (var old = Files.list(scratch)) {
                for (Path p : old.filter(p -> p.getFileName().toString().startsWith("pull-") || p.getFileName().toString().startsWith("push-")).toList()) Trees.deleteRecursively(p);
            }
        } catch (IOException e) {
            throw new BerthException.Internal("cannot prepare " + scratch + " for pulls: " + e.getMessage(), e);
        }
    }

    /**
     * Pulls {@code ref} (a tag or a digest) for {@code platform}; {@code explicitPlatform} when the
     * user asked for it, so that a single-platform image of another platform is refused.
     */
    public Outcome pull(ImageRef ref, Platform platform, boolean explicitPlatform, Credentials credentials, PullProgress progress) {
        RegistryClient client = registries.client(ref.domain(), ref.path(), credentials);
        try {
            return pull(client, ref, platform, explicitPlatform, progress);
        } catch (RuntimeException e) {
            throw PullErrors.translate(e, ref, credentials.isAnonymous());
        }
    }

    /** The tags of {@code repository}'s repository, for {@code pull -a}. */
    public List<String> tags(ImageRef repository, Credentials credentials) {
        try {
            return registries.client(repository.domain(), repository.path(), credentials).tags();
        } catch (RuntimeException e) {
            throw PullErrors.translate(e, repository, credentials.isAnonymous());
        }
    }

    private Outcome pull(RegistryClient client, ImageRef ref, Platform platform, boolean explicitPlatform, PullProgress progress) {
        String reference = ref.digest() != null ? ref.digest() : ref.tag();
        FetchedManifest top = client.manifest(reference);
        ManifestDocument.ImageManifest manifest = switch (top.document()) {
            case ManifestDocument.ImageManifest m -> m;
            case ManifestDocument.ImageIndex index -> {
                Descriptor chosen = index.select(platform).orElseThrow(() -> new BerthException.NotFound(
                        "no matching manifest for " + platform + " in the manifest list entries"));
                if (chosen.size() > 4 << 20) throw new BerthException.InvalidArgument("manifest " + chosen.digest() + " is too large");
                if (!(client.manifest(chosen.digest().toString()).document() instanceof ManifestDocument.ImageManifest m)) {
                    throw new BerthException.InvalidArgument("manifest " + chosen.digest() + " for " + platform + " is an index, not an image");
                }
                yield m;
            }
        };
        byte[] config = client.blobBytes(manifest.config(), MAX_CONFIG_BYTES);
        ImageConfig parsed = Json.read(config, ImageConfig.class);
        if (explicitPlatform && top.document() instanceof ManifestDocument.ImageManifest) requirePlatform(ref, parsed, platform);
        // the first line of the stream: errors up to here are the answer's status, as with dockerd
        progress.status(reference, "Pulling from " + ref.path());
        List<String> diffIds = parsed.rootfs() == null || parsed.rootfs().diffIds() == null ? List.of() : parsed.rootfs().diffIds();
        if (diffIds.size() != manifest.layers().size()) {
            throw new BerthException.InvalidArgument("invalid manifest for " + ref.familiar() + ": " + manifest.layers().size()
                    + " layers, but its config declares " + diffIds.size());
        }
        Optional<ImageRef> tag = ref.tag() == null || ref.digest() != null ? Optional.empty() : Optional.of(ref);
        ImageRef repoDigest = new ImageRef(ref.domain(), ref.path(), null, top.digest().toString());
        Digest id = Digest.of(config);
        Optional<Image> existing = images.byId(id);
        boolean changed = existing.isEmpty()
                || tag.map(t -> !existing.get().tags().contains(t)).orElse(false)
                || !existing.get().repoDigests().contains(repoDigest);
        if (existing.isEmpty() || !ChainIds.of(diffIds).stream().allMatch(images::hasLayer)) {
            fetchLayers(client, manifest.layers(), diffIds, progress);
        } else {
            manifest.layers().forEach(l -> progress.layer(l.digest().shortHex(), "Already exists"));
        }
        Image image = images.register(config, tag, Optional.of(repoDigest));
        // where each layer's compressed blob lives, for a later push (HEAD, cross-repository mount)
        for (int i = 0; i < diffIds.size(); i++) {
            Descriptor l = manifest.layers().get(i);
            blobs.record(diffIds.get(i), new LayerBlobs.Known(l.digest(), l.size(), l.mediaType(), ref.domain(), ref.path()));
        }
        progress.status(null, "Digest: " + top.digest());
        return new Outcome(image, top.digest(), changed);
    }

    private static void requirePlatform(ImageRef ref, ImageConfig config, Platform wanted) {
        Platform actual = new Platform(config.os() == null ? "linux" : config.os(), config.architecture() == null ? "amd64" : config.architecture(), null);
        if (!wanted.matches(actual)) {
            throw new BerthException.NotFound("image with reference " + ref.familiar() + " was found but does not match the specified platform: wanted "
                    + wanted + ", actual: " + actual);
        }
    }

    /** Downloads (in parallel) and extracts (in order) the layers not yet present. */
    private void fetchLayers(RegistryClient client, List<Descriptor> layers, List<String> diffIds, PullProgress progress) {
        List<String> chains = ChainIds.of(diffIds);
        Path dir;
        try {
            dir = Files.createTempDirectory(scratch, "pull-");
        } catch (IOException e) {
            throw new BerthException.Internal("cannot make a directory to pull into: " + e.getMessage(), e);
        }
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            try (ImageStore.Lease lease = images.lease()) {
                List<Future<Path>> files = new ArrayList<>();
                for (int i = 0; i < layers.size(); i++) {
                    String shortId = layers.get(i).digest().shortHex();
                    boolean present = images.hasLayer(chains.get(i));
                    progress.layer(shortId, present ? "Already exists" : "Pulling fs layer");
                    files.add(null);
                }
                for (int i = 0; i < layers.size(); i++) {
                    if (images.hasLayer(chains.get(i))) continue;
                    Descriptor layer = layers.get(i);
                    files.set(i, pool.submit(() -> new LayerDownload(client, layer, dir, downloads, progress, DOWNLOAD_ATTEMPTS).call()));
                }
                String parent = null;
                for (int i = 0; i < layers.size(); i++) {
                    if (files.get(i) != null) extract(lease, layers.get(i), await(files.get(i)), parent, diffIds.get(i), progress);
                    parent = chains.get(i);
                }
            }
        } catch (RuntimeException e) {
            pool.shutdownNow();
            images.collectLayers(); // what this pull extracted belongs to no image
            throw e;
        } finally {
            pool.shutdownNow();
            pool.close();
            try {
                Trees.deleteRecursively(dir);
            } catch (IOException ignored) {
                // swept at the next start
            }
        }
    }

    private static Path await(Future<Path> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new BerthException.Internal(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException.Unavailable("pull interrupted");
        }
    }

    private static void extract(ImageStore.Lease lease, Descriptor layer, Path file, String parent, String declared, PullProgress progress) {
        String shortId = layer.digest().shortHex();
        String diffId;
        try (InputStream in = new ProgressInputStream(Files.newInputStream(file), n -> progress.bytes(shortId, "Extracting", n, layer.size()))) {
            diffId = lease.importLayer(in, parent);
        } catch (IOException e) {
            throw new BerthException.Internal("cannot read downloaded layer " + layer.digest() + ": " + e.getMessage(), e);
        }
        if (!diffId.equals(declared)) {
            throw new BerthException.InvalidArgument("layer " + layer.digest() + " unpacks to diff id " + diffId
                    + ", but the image config declares " + declared);
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the pull directory goes as a whole
        }
        progress.layer(shortId, "Pull complete");
    }
}
