package dev.berth.engine.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.errors.BerthException;
import dev.berth.common.io.Trees;
import dev.berth.common.json.Json;
import dev.berth.engine.diff.Compression;
import dev.berth.engine.diff.LayerApplier;
import dev.berth.engine.image.ChainIds;
import dev.berth.engine.image.Image;
import dev.berth.engine.image.ImageStore;
import dev.berth.oci.image.ImageConfig;
import dev.berth.oci.image.ImageRef;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code docker save} and {@code docker load}: images as a tar of blobs named by digest and a
 * {@code manifest.json} that lists, per image, its config, its layers bottom first and its tags
 * (the docker-archive layout every docker version loads).
 *
 * <p>A load unpacks the archive (gzip'd or not) into a private directory first (names checked to
 * stay inside it; files, and links only as leaves), checks each layer against the diff ids its
 * config declares, and registers an image only once all its layers are in; on an error the layers
 * of the image being loaded are collected again, while images the archive listed before it stay.
 */
public final class ImageArchive {
    /** One image to save and the names it is saved under (none when it was asked for by id). */
    public record Entry(Image image, List<ImageRef> tags) {}

    private final ImageStore images;
    private final Path scratch;

    public ImageArchive(ImageStore images, Path scratch) {
        this.images = images;
        this.scratch = scratch;
    }

    /** Writes the archive of {@code entries}; a blob two images share is written once. */
    public void save(List<Entry> entries, OutputStream out) throws IOException {
        Map<Image, Set<ImageRef>> byImage = new LinkedHashMap<>();
        for (Entry e : entries) byImage.computeIfAbsent(e.image(), k -> new LinkedHashSet<>()).addAll(e.tags());
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX); // layers over 8 GiB
        Set<String> written = new java.util.HashSet<>();
        ArrayNode manifest = Json.MAPPER.createArrayNode();
        for (Map.Entry<Image, Set<ImageRef>> e : byImage.entrySet()) {
            Image image = e.getKey();
            String configName = blobName(image.id().toString());
            if (written.add(configName)) putBytes(tar, configName, images.rawConfig(image));
            ObjectNode m = manifest.addObject();
            m.put("Config", configName);
            if (e.getValue().isEmpty()) {
                m.putNull("RepoTags");
            } else {
                ArrayNode tags = m.putArray("RepoTags");
                e.getValue().forEach(t -> tags.add(t.familiar()));
            }
            ArrayNode layers = m.putArray("Layers");
            for (String diffId : image.diffIds()) {
                String name = blobName(diffId);
                layers.add(name);
                if (!written.add(name)) continue;
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setSize(images.layerTarSize(diffId));
                tar.putArchiveEntry(entry);
                try (InputStream in = images.openLayer(diffId)) {
                    in.transferTo(tar);
                }
                tar.closeArchiveEntry();
            }
        }
        putBytes(tar, "manifest.json", Json.bytes(manifest));
        tar.finish();
        out.flush();
    }

    /** Loads every image of the archive; returns docker's report lines ("Loaded image: busybox:latest"). */
    public List<String> load(InputStream archive) {
        Path dir;
        try {
            Files.createDirectories(scratch);
            dir = Files.createTempDirectory(scratch, "load-");
        } catch (IOException e) {
            throw new BerthException.Internal("cannot make a directory to load into: " + e.getMessage(), e);
        }
        try (InputStream tar = Compression.decompressed(archive)) {
            unpack(tar, dir);
            Path manifestFile = dir.resolve("manifest.json");
            if (!Files.isRegularFile(manifestFile)) throw new BerthException.InvalidArgument("invalid archive: no manifest.json (is it the output of docker save?)");
            JsonNode manifest = Json.tree(Files.readAllBytes(manifestFile));
            List<String> report = new ArrayList<>();
            try (ImageStore.Lease lease = images.lease()) {
                for (JsonNode m : manifest) report.addAll(loadOne(dir, m, lease));
            }
            return report;
        } catch (IOException | RuntimeException e) {
            images.collectLayers(); // layers of an image that was never registered
            if (e instanceof RuntimeException re) throw re;
            throw new BerthException.InvalidArgument("invalid archive: " + e.getMessage());
        } finally {
            try {
                Trees.deleteRecursively(dir);
            } catch (IOException ignored) {
                // scratch space; swept with the next load's failure or left for the admin
            }
        }
    }

    private List<String> loadOne(Path dir, JsonNode m, ImageStore.Lease lease) throws IOException {
        byte[] config = Files.readAllBytes(inside(dir, m.path("Config").asText()));
        ImageConfig parsed = Json.read(config, ImageConfig.class);
        List<String> declared = parsed.rootfs() == null || parsed.rootfs().diffIds() == null ? List.of() : parsed.rootfs().diffIds();
        JsonNode layers = m.path("Layers");
        if (layers.size() != declared.size()) {
            throw new BerthException.InvalidArgument("invalid manifest, layers length mismatch: expected " + declared.size() + ", got " + layers.size());
        }
        String parent = null;
        for (int i = 0; i < declared.size(); i++) {
            String diffId;
            try (InputStream in = Files.newInputStream(inside(dir, layers.get(i).asText()))) {
                diffId = lease.importLayer(in, parent);
            }
            if (!diffId.equals(declared.get(i))) {
                throw new BerthException.InvalidArgument("invalid diffID for layer " + i + ": expected \"" + declared.get(i) + "\", got \"" + diffId + "\"");
            }
            parent = parent == null ? diffId : ChainIds.of(List.of(parent, diffId)).get(1);
        }
        List<ImageRef> tags = new ArrayList<>();
        for (JsonNode t : m.path("RepoTags")) tags.add(ImageRef.parse(t.asText()));
        Image image = images.register(config, tags.isEmpty() ? Optional.empty() : Optional.of(tags.getFirst()));
        tags.stream().skip(1).forEach(t -> images.tag(image, t));
        if (tags.isEmpty()) return List.of("Loaded image ID: " + image.id());
        return tags.stream().map(t -> "Loaded image: " + t.familiar()).toList();
    }

    /**
     * Files, directories and symlinks (docker before 25 links a layer two images share), each
     * inside {@code dir}; a link is followed only by {@link #inside} when read, which checks again.
     */
    private static void unpack(InputStream archive, Path dir) throws IOException {
        TarArchiveInputStream in = new TarArchiveInputStream(archive);
        TarArchiveEntry e;
        while ((e = in.getNextEntry()) != null) {
            if (e.isDirectory()) continue;
            Path target = inside(dir, e.getName());
            // a link may only be a leaf: through a linked directory an entry could land anywhere
            for (Path a = target.getParent(); !a.equals(dir); a = a.getParent()) {
                if (Files.isSymbolicLink(a)) throw new IOException("invalid path in archive: " + e.getName());
            }
            Files.createDirectories(target.getParent());
            if (e.isSymbolicLink()) {
                Files.createSymbolicLink(target, Path.of(e.getLinkName()));
            } else if (e.isFile()) {
                Files.copy(in, target);
            } else {
                throw new IOException("unexpected entry " + e.getName() + " (an image archive holds files and links)");
            }
        }
        LayerApplier.requireWholeRecords(in);
    }

    /** {@code name} under {@code dir}, and if it exists, what it really is (links followed) too. */
    private static Path inside(Path dir, String name) throws IOException {
        Path p = dir.resolve(name).normalize();
        if (name.isEmpty() || !p.startsWith(dir) || p.equals(dir)) throw new IOException("invalid path in archive: " + name);
        if (Files.exists(p) && !p.toRealPath().startsWith(dir.toRealPath())) throw new IOException("invalid path in archive: " + name);
        return p;
    }

    private static String blobName(String digest) {
        return "blobs/" + digest.replace(':', '/');
    }

    private static void putBytes(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }
}
