package dev.berth.engine.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;
import dev.berth.oci.image.ImageRef;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes a child image of {@code parent} from one more layer, as {@code docker commit}: the layer is
 * stored under an {@link ImageStore.Lease} and the image registered in one transaction, so a crash
 * or a failure in between leaves at most a layer no image references, which
 * {@link ImageStore#collectLayers()} removes.
 */
public final class ImageCommitter {
    private final ImageStore images;

    public ImageCommitter(ImageStore images) {
        this.images = images;
    }

    /** Writes the new layer's uncompressed tar. */
    @FunctionalInterface
    public interface LayerWriter {
        void write(OutputStream out) throws IOException;
    }

    /**
     * What the new image's config says beyond its parent's: {@code config} is the image's own
     * (Docker's Config shape), {@code containerConfig} the container's as dockerd records it,
     * {@code createdBy} the container's command (the history line).
     */
    public record Commit(Image parent, ObjectNode config, ObjectNode containerConfig, String containerId,
                         String author, String comment, String createdBy, Optional<ImageRef> tag, Instant created) {}

    /**
     * Registers the child image. {@code layer} empty: the container changed nothing, and as dockerd
     * the image then adds no diff id, only a history entry marked {@code empty_layer}.
     */
    public Image commit(Commit c, Optional<LayerWriter> layer) {
        try (ImageStore.Lease lease = images.lease()) {
            Optional<String> diffId = layer.map(w -> importThroughPipe(lease, w, c.parent().topLayer()));
            return images.registerChild(Json.bytes(config(c, parentConfig(c.parent()), diffId)), c.tag(), c.parent().id());
        }
    }

    private static String importThroughPipe(ImageStore.Lease lease, LayerWriter writer, String parentChain) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        PipedInputStream in = new PipedInputStream(1 << 20);
        PipedOutputStream out;
        try {
            out = new PipedOutputStream(in);
        } catch (IOException e) {
            throw new BerthException.Internal("commit: " + e.getMessage());
        }
        // a platform thread: the writer makes FFM calls (lgetxattr), which would pin a virtual thread's carrier
        Thread producer = Thread.ofPlatform().daemon().name("commit-layer").start(() -> {
            try (out) {
                writer.write(out);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        // the layer must never be taken as complete when the writer failed half-way: EOF checks first
        try (InputStream checked = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b < 0) failIfWriterFailed();
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n < 0) failIfWriterFailed();
                return n;
            }

            private void failIfWriterFailed() throws IOException {
                try {
                    producer.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
                if (failure.get() != null) throw new IOException("writing the container's layer: " + failure.get().getMessage(), failure.get());
            }
        }) {
            return lease.importLayer(checked, parentChain);
        } catch (IOException e) {
            throw new BerthException.Internal("commit: " + e.getMessage());
        } finally {
            producer.interrupt();
        }
    }

    /** The parent's config with the new config, container fields, rootfs and history, as dockerd's CommitImage writes it. */
    private ObjectNode parentConfig(Image parent) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(images.rawConfig(parent));
        } catch (IOException e) {
            throw new BerthException.Internal("image " + parent.id() + ": unreadable config: " + e.getMessage(), e);
        }
    }

    static ObjectNode config(Commit c, ObjectNode parent, Optional<String> diffId) {
        ObjectNode cfg = Json.object();
        String created = DateTimeFormatter.ISO_INSTANT.format(c.created());
        cfg.put("architecture", parent.path("architecture").asText("amd64"));
        if (c.author() != null && !c.author().isEmpty()) cfg.put("author", c.author());
        cfg.set("config", c.config());
        cfg.put("container", c.containerId());
        cfg.set("container_config", c.containerConfig());
        cfg.put("created", created);
        ArrayNode history = cfg.putArray("history");
        if (parent.get("history") instanceof ArrayNode h) h.forEach(e -> history.add(e.deepCopy()));
        ObjectNode entry = history.addObject();
        entry.put("created", created);
        if (c.author() != null && !c.author().isEmpty()) entry.put("author", c.author());
        entry.put("created_by", c.createdBy());
        if (c.comment() != null && !c.comment().isEmpty()) entry.put("comment", c.comment());
        if (diffId.isEmpty()) entry.put("empty_layer", true);
        cfg.put("os", parent.path("os").asText("linux"));
        for (String kept : new String[]{"variant", "os.version", "os.features"}) {
            if (parent.has(kept)) cfg.set(kept, parent.get(kept).deepCopy());
        }
        ObjectNode rootfs = cfg.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        JsonNode parentIds = parent.path("rootfs").path("diff_ids");
        if (parentIds.isArray()) parentIds.forEach(d -> diffIds.add(d.asText()));
        diffId.ifPresent(diffIds::add);
        return cfg;
    }
}
