package dev.berth.engine.transfer;

import dev.berth.common.errors.BerthException;
import dev.berth.common.io.Trees;
import dev.berth.distribution.Credentials;
import dev.berth.distribution.Registries;
import dev.berth.distribution.RegistryPushClient;
import dev.berth.distribution.RegistryResponseException;
import dev.berth.distribution.RegistryUnreachableException;
import dev.berth.engine.image.Image;
import dev.berth.engine.image.ImageStore;
import dev.berth.oci.Digest;
import dev.berth.oci.image.ImageRef;
import dev.berth.oci.manifest.Descriptor;
import dev.berth.oci.manifest.MediaTypes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * {@code docker push}: a copy of local tags of one repository to its registry.
 * <pre>
 *  tags of the repository (one, or all) ─▶ per tag: layers in parallel (bounded, daemon-wide):
 *      a blob recorded for the layer (pulled or pushed before) ─ HEAD ─▶ "Layer already exists"
 *                                     └─ from another repository ─ mount ─▶ "Mounted from R"
 *      otherwise: gzip the diff (deterministic) ─ HEAD ─▶ exists, or upload ─▶ "Pushed"
 *  ─▶ config blob ─▶ schema2 manifest PUT under the tag ─▶ "TAG: digest: D size: N", RepoDigests
 * </pre>
 * A blob is uploaded under its digest, which the registry verifies; what was uploaded is recorded
 * so the next push of the layer to that repository finds it without compressing again.
 */
public final class ImagePusher {
    public static final int DEFAULT_PARALLEL_UPLOADS = 3;
    private static final int UPLOAD_ATTEMPTS = 3;

    private final ImageStore images;
    private final Registries registries;
    private final LayerBlobs blobs;
    private final Path scratch;
    private final Semaphore uploads;

    public ImagePusher(ImageStore images, Registries registries, LayerBlobs blobs, Path scratch, int parallelUploads) {
        this.images = images;
        this.registries = registries;
        this.blobs = blobs;
        this.scratch = scratch;
        this.uploads = new Semaphore(parallelUploads);
    }

    /**
     * Pushes {@code ref}'s tag, or every local tag of its repository when {@code allTags}. The
     * first line ("The push refers to repository [...]") goes out before anything can fail, as with
     * dockerd, so every failure is reported in the stream.
     */
    public void push(ImageRef ref, boolean allTags, Credentials credentials, PushProgress progress) {
        progress.status(null, "The push refers to repository [" + ref.name() + "]");
        List<ImageRef> tags = images.list().stream().flatMap(i -> i.tags().stream())
                .filter(t -> t.domain().equals(ref.domain()) && t.path().equals(ref.path())).sorted(java.util.Comparator.comparing(ImageRef::tag)).toList();
        if (tags.isEmpty()) throw new BerthException.NotFound("An image does not exist locally with the tag: " + ref.familiarName());
        if (!allTags) {
            if (!tags.contains(ref)) throw new BerthException.NotFound("tag does not exist: " + ref.familiar());
            tags = List.of(ref);
        }
        RegistryPushClient client = registries.pushClient(ref.domain(), ref.path(), credentials);
        for (ImageRef tag : tags) {
            try {
                pushTag(client, tag, progress);
            } catch (RuntimeException e) {
                throw PushErrors.translate(e);
            }
        }
    }

    private void pushTag(RegistryPushClient client, ImageRef tag, PushProgress progress) {
        Image image = images.get(tag.familiar());
        List<String> diffIds = image.diffIds();
        // dockerd lists the top layer first
        for (int i = diffIds.size() - 1; i >= 0; i--) progress.layer(Digest.parse(diffIds.get(i)).shortHex(), "Preparing");
        List<Descriptor> layers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Descriptor>> pending = new ArrayList<>();
            for (int i = diffIds.size() - 1; i >= 0; i--) {
                String diffId = diffIds.get(i);
                pending.add(pool.submit(() -> pushLayer(client, tag, diffId, progress)));
            }
            for (Future<Descriptor> f : pending) layers.addFirst(await(f, pending));
        }
        byte[] config = images.rawConfig(image);
        Descriptor configDescriptor = new Descriptor(ManifestBuilder.CONFIG_TYPE, image.id(), config.length, null, null);
        if (!client.exists(image.id())) uploadBytes(client, image.id(), config);
        byte[] manifest = ManifestBuilder.schema2(configDescriptor, layers);
        Digest digest = client.putManifest(tag.tag(), manifest, MediaTypes.DOCKER_MANIFEST);
        images.addRepoDigest(image, new ImageRef(tag.domain(), tag.path(), null, digest.toString()));
        progress.pushed(tag.tag(), digest, manifest.length);
    }

    private Descriptor pushLayer(RegistryPushClient client, ImageRef target, String diffId, PushProgress progress) throws Exception {
        String id = Digest.parse(diffId).shortHex();
        if (!uploads.tryAcquire()) {
            progress.layer(id, "Waiting");
            uploads.acquire();
        }
        try {
            for (LayerBlobs.Known known : blobs.on(diffId, target.domain(), target.path())) {
                Descriptor d = new Descriptor(known.mediaType(), known.digest(), known.size(), null, null);
                if (client.exists(known.digest())) {
                    progress.layer(id, "Layer already exists");
                    remember(diffId, d, target);
                    return d;
                }
                if (!known.repository().equals(target.path()) && client.mount(known.digest(), known.repository())) {
                    progress.layer(id, "Mounted from " + known.repository());
                    remember(diffId, d, target);
                    return d;
                }
            }
            return compressAndUpload(client, target, diffId, id, progress);
        } finally {
            uploads.release();
        }
    }

    private Descriptor compressAndUpload(RegistryPushClient client, ImageRef target, String diffId, String id, PushProgress progress) throws IOException {
        Files.createDirectories(scratch);
        Path dir = Files.createTempDirectory(scratch, "push-");
        try {
            LayerCompressor.Compressed gz = LayerCompressor.compress(images.openLayer(diffId), dir.resolve("layer.tar.gz"));
            Descriptor d = new Descriptor(ManifestBuilder.LAYER_GZIP, gz.digest(), gz.size(), null, null);
            if (client.exists(gz.digest())) {
                progress.layer(id, "Layer already exists");
            } else {
                upload(client, gz, id, progress);
                progress.layer(id, "Pushed");
            }
            remember(diffId, d, target);
            return d;
        } finally {
            Trees.deleteRecursively(dir);
        }
    }

    /**
     * One upload session per attempt: a session a broken connection or a 5xx left behind cannot
     * be trusted to take the rest, so a retry starts afresh (bounded, as pulls retry downloads).
     */
    private static void upload(RegistryPushClient client, LayerCompressor.Compressed gz, String id, PushProgress progress) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.upload(gz.digest(), gz.file(), n -> progress.bytes(id, "Pushing", n, gz.size()));
                return;
            } catch (RegistryUnreachableException | RegistryResponseException e) {
                boolean transientFailure = e instanceof RegistryUnreachableException
                        || ((RegistryResponseException) e).status() >= 500 || ((RegistryResponseException) e).status() == 429;
                if (!transientFailure || attempt >= UPLOAD_ATTEMPTS) throw e;
                progress.layer(id, "Retrying in " + attempt + " second" + (attempt > 1 ? "s" : ""));
                try {
                    Thread.sleep(1000L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new BerthException.Unavailable("push interrupted");
                }
            }
        }
    }

    private void remember(String diffId, Descriptor d, ImageRef target) {
        blobs.record(diffId, new LayerBlobs.Known(d.digest(), d.size(), d.mediaType(), target.domain(), target.path()));
    }

    private void uploadBytes(RegistryPushClient client, Digest digest, byte[] bytes) {
        try {
            Files.createDirectories(scratch);
            Path file = Files.createTempFile(scratch, "push-", ".json");
            try {
                Files.write(file, bytes);
                client.upload(digest, file, n -> {});
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new BerthException.Internal("cannot stage the image config for upload: " + e.getMessage(), e);
        }
    }

    private static Descriptor await(Future<Descriptor> f, List<Future<Descriptor>> all) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            all.forEach(o -> o.cancel(true));
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new BerthException.Internal(String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException.Unavailable("push interrupted");
        }
    }
}
