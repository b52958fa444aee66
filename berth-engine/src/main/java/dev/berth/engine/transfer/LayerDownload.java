package dev.berth.engine.transfer;

import dev.berth.common.errors.BerthException;
import dev.berth.distribution.RegistryClient;
import dev.berth.distribution.VerifyingInputStream;
import dev.berth.oci.manifest.Descriptor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/**
 * One layer blob fetched into a private file, verified against its descriptor's digest and size
 * as it streams; the file is returned only when the blob is exactly right. A broken connection is
 * tried again from the start (bounded); a blob that is wrong is not, and its file is deleted.
 * Holds one permit of the daemon-wide download semaphore while it runs ("Waiting" until then).
 */
final class LayerDownload implements Callable<Path> {
    private static final long REPORT_EVERY = 512 << 10;
    private final RegistryClient client;
    private final Descriptor layer;
    private final Path dir;
    private final Semaphore permits;
    private final PullProgress progress;
    private final int attempts;

    LayerDownload(RegistryClient client, Descriptor layer, Path dir, Semaphore permits, PullProgress progress, int attempts) {
        this.client = client;
        this.layer = layer;
        this.dir = dir;
        this.permits = permits;
        this.progress = progress;
        this.attempts = attempts;
    }

    @Override
    public Path call() throws InterruptedException {
        String id = layer.digest().shortHex();
        if (!permits.tryAcquire()) {
            progress.layer(id, "Waiting");
            permits.acquire();
        }
        try {
            for (int attempt = 1; ; attempt++) {
                Path file = dir.resolve(layer.digest().hex());
                try {
                    fetch(file, id);
                    return file;
                } catch (VerifyingInputStream.DigestMismatchException e) {
                    deleteQuietly(file);
                    // dockerd's wording; the detail says how it was wrong
                    throw new BerthException.InvalidArgument("filesystem layer verification failed for digest " + layer.digest() + ": " + e.getMessage());
                } catch (IOException e) {
                    deleteQuietly(file);
                    if (attempt >= attempts) throw new BerthException.Unavailable("download of layer " + layer.digest() + " failed: " + e.getMessage());
                    progress.layer(id, "Retrying in " + attempt + " second" + (attempt > 1 ? "s" : ""));
                    Thread.sleep(1000L * attempt);
                }
            }
        } finally {
            permits.release();
        }
    }

    private void fetch(Path file, String id) throws IOException {
        long total = layer.size();
        try (InputStream in = new VerifyingInputStream(client.openBlob(layer.digest()), layer.digest(), total);
             OutputStream out = Files.newOutputStream(file)) {
            byte[] buf = new byte[1 << 16];
            long done = 0;
            long reported = 0;
            int n;
            // the read that meets the end verifies: announce it just before, as the last bytes are in
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                done += n;
                if (done - reported >= REPORT_EVERY || done == total) {
                    progress.bytes(id, "Downloading", done, total);
                    reported = done;
                    if (done == total) progress.layer(id, "Verifying Checksum");
                }
            }
        }
        progress.layer(id, "Download complete");
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the pull directory goes as a whole
        }
    }
}
