package dev.berth.engine.image;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.json.Json;
import dev.berth.content.ContentStore;
import dev.berth.engine.metadata.MetadataStore;
import dev.berth.engine.snapshot.OverlaySnapshotter;
import dev.berth.oci.image.ImageRef;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageCommitterTest {
    @TempDir
    Path root;

    private static byte[] tarOf(String name, String content) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(buf)) {
            byte[] b = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(b.length);
            tar.putArchiveEntry(e);
            tar.write(b);
            tar.closeArchiveEntry();
        }
        return buf.toByteArray();
    }

    private ImageCommitter.Commit commit(Image parent, Optional<ImageRef> tag) {
        ObjectNode config = Json.object();
        config.putArray("Cmd").add("cat").add("/f");
        ObjectNode containerConfig = Json.object();
        containerConfig.putArray("Cmd").add("sh").add("-c").add("echo hi > /f");
        return new ImageCommitter.Commit(parent, config, containerConfig, "c0ffee", "me", "msg", "sh -c echo hi > /f", tag, Instant.EPOCH);
    }

    @Test
    void aFailedLayerLeavesNoImageAndItsLayerIsCollected() throws Exception {
        MetadataStore metadata = new MetadataStore(root.resolve("berth.db"));
        ImageStore images = new ImageStore(metadata, new ContentStore(root.resolve("content")), new OverlaySnapshotter(root.resolve("overlay"), metadata));
        Image base = new ImageImporter(images).importRootfs(new ByteArrayInputStream(tarOf("base", "b")),
                ImageImporter.ImportConfig.empty(), "", Optional.empty(), Instant.EPOCH);
        ImageCommitter committer = new ImageCommitter(images);
        byte[] layer = tarOf("f", "hi\n");

        // the writer dies half-way: nothing registered, and the half layer is not taken as whole
        assertThrows(RuntimeException.class, () -> committer.commit(commit(base, Optional.of(ImageRef.parse("half:latest"))),
                Optional.of(out -> {
                    out.write(layer, 0, 600);
                    throw new IOException("disk gone");
                })));
        assertTrue(images.find("half:latest").isEmpty());
        assertEquals(1, images.list().size());
        images.collectLayers();
        assertEquals(1, images.snapshots().layers().size());

        Image child = committer.commit(commit(base, Optional.of(ImageRef.parse("whole:latest"))), Optional.of((OutputStream out) -> out.write(layer)));
        assertEquals(List.of(base.diffIds().getFirst(), child.diffIds().get(1)), child.diffIds());
        assertEquals(base.id().toString(), child.parent());
        assertEquals("", base.parent());
        ObjectNode raw = (ObjectNode) Json.MAPPER.readTree(images.rawConfig(child));
        assertEquals("c0ffee", raw.get("container").asText());
        assertEquals("me", raw.get("author").asText());
        assertEquals("[\"cat\",\"/f\"]", raw.get("config").get("Cmd").toString());
        var last = raw.get("history").get(raw.get("history").size() - 1);
        assertEquals("sh -c echo hi > /f", last.get("created_by").asText());
        assertEquals("msg", last.get("comment").asText());

        // nothing changed: dockerd adds a history entry marked empty_layer and no diff id
        Image empty = committer.commit(commit(base, Optional.empty()), Optional.empty());
        assertEquals(base.diffIds(), empty.diffIds());
        ObjectNode emptyRaw = (ObjectNode) Json.MAPPER.readTree(images.rawConfig(empty));
        assertTrue(emptyRaw.get("history").get(emptyRaw.get("history").size() - 1).get("empty_layer").asBoolean());
        metadata.close();
    }
}
