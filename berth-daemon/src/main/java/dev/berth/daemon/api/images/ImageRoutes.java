package dev.berth.daemon.api.images;

import dev.berth.daemon.api.Router;
import dev.berth.daemon.api.Times;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;
import dev.berth.engine.image.Image;
import dev.berth.engine.transfer.ImageArchive;
import dev.berth.engine.image.ImageImporter;
import dev.berth.engine.snapshot.OverlaySnapshotter;
import dev.berth.dockerapi.ApiVersion;
import dev.berth.dockerapi.Filters;
import dev.berth.oci.image.ImageConfig;
import dev.berth.oci.image.ImageRef;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /images/...}: list, inspect, import, pull (through {@link PullRoute}), tag, remove, save, load. */
public final class ImageRoutes {
    /** What the image routes need of the engine. */
    public interface Backend {
        Image get(String nameOrId);

        Optional<Image> find(String nameOrId);

        List<Image> list();

        void tag(Image image, ImageRef ref);

        /** Untags or deletes as {@code docker rmi} does; each line is {"Untagged"|"Deleted", what}. */
        List<String[]> remove(String nameOrId, boolean force);

        Image importRootfs(InputStream tar, ImageImporter.ImportConfig config, String comment, Optional<ImageRef> tag, Instant created);

        void event(String action, String id, Map<String, String> attributes);

        /** True when a container (running or not) was created from the image. */
        boolean inUse(Image image);

        /** Bytes of all layers, shared ones counted once. */
        long layersSize();

        /** The image's layers, bottom first. */
        List<OverlaySnapshotter.Layer> layers(Image image);

        void save(List<ImageArchive.Entry> entries, OutputStream out) throws IOException;

        /** Loads a {@code docker save} archive; docker's report lines. */
        List<String> load(InputStream archive);

        /** Pulls {@code ref} from its registry (see {@link dev.berth.engine.transfer.ImagePuller}). */
        dev.berth.engine.transfer.ImagePuller.Outcome pull(ImageRef ref, dev.berth.oci.manifest.Platform platform, boolean explicitPlatform,
                                                           dev.berth.distribution.Credentials credentials, dev.berth.engine.transfer.PullProgress progress);

        /** The tags of the repository of {@code repository} on its registry. */
        List<String> tags(ImageRef repository, dev.berth.distribution.Credentials credentials);
    }

    private final Backend images;
    private final PullRoute pulls;

    public ImageRoutes(Backend images) {
        this.images = images;
        this.pulls = new PullRoute(new PullRoute.Backend() {
            @Override
            public dev.berth.engine.transfer.ImagePuller.Outcome pull(ImageRef ref, dev.berth.oci.manifest.Platform platform, boolean explicitPlatform,
                                                                      dev.berth.distribution.Credentials credentials, dev.berth.engine.transfer.PullProgress progress) {
                return images.pull(ref, platform, explicitPlatform, credentials, progress);
            }

            @Override
            public List<String> tags(ImageRef repository, dev.berth.distribution.Credentials credentials) {
                return images.tags(repository, credentials);
            }

            @Override
            public Optional<Image> find(String nameOrId) {
                return images.find(nameOrId);
            }

            @Override
            public void event(String action, String id, Map<String, String> attributes) {
                images.event(action, id, attributes);
            }
        });
    }

    public void register(Router r) {
        r.add("GET", "/images/json", this::list);
        r.add("POST", "/images/create", this::create);
        r.add("GET", "/images/(.+)/json", c -> c.json(200, inspect(images.get(c.group(1)), c)));
        r.add("POST", "/images/(.+)/tag", this::tag);
        r.add("GET", "/images/(.+)/history", c -> c.json(200, history(images.get(c.group(1)))));
        r.add("POST", "/images/prune", this::prune);
        r.add("GET", "/images/get", c -> save(c, c.req().params("names")));
        r.add("GET", "/images/(.+)/get", c -> save(c, List.of(c.group(1))));
        r.add("POST", "/images/load", this::load);
        r.add("DELETE", "/images/(.+)", this::remove);
    }

    private static String created(Image i) {
        return Times.rfc3339(i.created());
    }

    private static final java.util.Set<String> LIST_FILTERS = java.util.Set.of("dangling", "label", "label!", "before", "since", "reference", "until");

    private void list(Router.Call c) throws IOException {
        Filters f = Filters.parse(c.req().param("filters")).allow(LIST_FILTERS);
        // API < 1.28 clients send the reference pattern as ?filter=
        List<String> patterns = new ArrayList<>(f.get("reference"));
        String legacy = c.req().param("filter");
        if (legacy != null && !legacy.isEmpty()) patterns.add(legacy);
        Boolean dangling = f.has("dangling") ? Filters.bool("dangling", f.get("dangling").getLast()) : null;
        java.time.Instant before = f.get("before").stream().map(r -> images.get(r).created()).min(java.util.Comparator.naturalOrder()).orElse(null);
        java.time.Instant since = f.get("since").stream().map(r -> images.get(r).created()).max(java.util.Comparator.naturalOrder()).orElse(null);
        Instant until = Times.untilFilter(f.get("until"), Instant.now());
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Image i : images.list()) {
            if (dangling != null && dangling != i.tags().isEmpty()) continue;
            if (before != null && !i.created().isBefore(before)) continue;
            if (since != null && !i.created().isAfter(since)) continue;
            if (until != null && i.created().isAfter(until)) continue;
            Map<String, String> labels = i.config().configOrEmpty().labels();
            if (!f.matchLabels(labels == null ? Map.of() : labels)) continue;
            // with reference filters, an image is listed under the tags that match only
            List<String> shownTags = i.tags().stream().filter(t -> patterns.isEmpty()
                    || patterns.stream().anyMatch(p -> Filters.pathMatch(p, t.familiar()) || Filters.pathMatch(p, t.familiarName()))).map(ImageRef::familiar).toList();
            if (!patterns.isEmpty() && shownTags.isEmpty()) continue;
            out.add(ImageJson.summary(i, shownTags, -1, -1, c.version()));
        }
        c.json(200, out);
    }

    private ObjectNode inspect(Image i, Router.Call c) {
        ObjectNode n = Json.object();
        n.put("Id", i.id().toString());
        ArrayNode tags = n.putArray("RepoTags");
        i.tags().forEach(t -> tags.add(t.familiar()));
        ArrayNode digests = n.putArray("RepoDigests");
        i.repoDigests().forEach(d -> digests.add(d.familiarName() + "@" + d.digest()));
        n.put("Parent", i.parent());
        n.put("Comment", i.config().history() == null || i.config().history().isEmpty() || i.config().history().getLast().comment() == null
                ? "" : i.config().history().getLast().comment());
        n.put("Created", created(i));
        n.put("DockerVersion", "");
        n.put("Author", i.config().author() == null ? "" : i.config().author());
        n.set("Config", Json.MAPPER.valueToTree(i.config().configOrEmpty()));
        n.put("Architecture", i.config().architecture() == null ? "amd64" : i.config().architecture());
        n.put("Os", i.config().os() == null ? "linux" : i.config().os());
        n.put("Size", i.size());
        if (!c.version().atLeast(1, 44)) n.put("VirtualSize", i.size());
        ObjectNode gd = n.putObject("GraphDriver");
        gd.put("Name", "overlay2");
        gd.putObject("Data");
        ObjectNode rootfs = n.putObject("RootFS");
        rootfs.put("Type", "layers");
        ArrayNode layers = rootfs.putArray("Layers");
        i.diffIds().forEach(layers::add);
        n.putObject("Metadata").put("LastTagTime", Times.rfc3339(i.taggedAt()));
        return n;
    }

    private void create(Router.Call c) throws IOException {
        String fromSrc = c.req().param("fromSrc");
        String fromImage = c.req().param("fromImage");
        if (fromSrc != null) {
            if (!fromSrc.equals("-")) throw new BerthException.NotImplemented("berth: importing from a URL is not supported; pipe the tarball to stdin");
            String repo = c.req().param("repo");
            String tag = c.req().param("tag");
            Optional<ImageRef> ref = repo == null || repo.isEmpty() ? Optional.empty()
                    : Optional.of(ImageRef.parse(repo).withTag(tag == null || tag.isEmpty() ? ImageRef.parse(repo).tag() : tag));
            ImageImporter.ImportConfig cfg = ImageImporter.parseChanges(c.req().params("changes"));
            Image i = images.importRootfs(c.req().body(), cfg, c.req().param("message"), ref, Instant.now());
            images.event("import", i.id().toString(), Map.of());
            c.res().startChunked(200, "application/json");
            c.res().chunk(("{\"status\":\"" + i.id() + "\"}\r\n").getBytes(StandardCharsets.UTF_8));
            c.res().endChunked();
            return;
        }
        if (fromImage == null || fromImage.isEmpty()) throw new BerthException.InvalidArgument("fromImage or fromSrc is required");
        for (String ignoredByPull : List.of("repo", "message", "changes")) {
            String v = c.req().param(ignoredByPull);
            if (v != null && !v.isEmpty()) throw new BerthException.InvalidArgument(ignoredByPull + " is only valid with fromSrc (an import), not with fromImage (a pull)");
        }
        pulls.pull(c, fromImage);
    }

    private void tag(Router.Call c) throws IOException {
        Image i = images.get(c.group(1));
        String repo = c.req().param("repo");
        String tag = c.req().param("tag");
        if (repo == null || repo.isEmpty()) throw new BerthException.InvalidArgument("repository name must have at least one component");
        ImageRef ref = ImageRef.parse(repo);
        ref = ref.withTag(tag == null || tag.isEmpty() ? "latest" : tag);
        images.tag(i, ref);
        images.event("tag", i.id().toString(), Map.of("name", ref.familiar()));
        c.res().empty(201);
    }

    /**
     * {@code docker history}: the config's history entries, newest first, each entry that made a
     * layer with that layer's size. Only the newest carries the image's id and tags; the others are
     * {@code <missing>}, as dockerd shows layers it has no image for.
     */
    private ArrayNode history(Image image) {
        List<Long> sizes = images.layers(image).stream().map(OverlaySnapshotter.Layer::size).toList();
        List<ImageConfig.History> entries = image.config().history() == null ? List.of() : image.config().history();
        List<ObjectNode> rows = new ArrayList<>();
        int layer = 0;
        for (ImageConfig.History h : entries) {
            ObjectNode n = Json.object();
            n.put("Id", "<missing>");
            n.put("Created", h.created() == null ? 0 : Times.parse(h.created()).getEpochSecond());
            n.put("CreatedBy", h.createdBy() == null ? "" : h.createdBy());
            n.putNull("Tags");
            boolean empty = Boolean.TRUE.equals(h.emptyLayer());
            n.put("Size", empty || layer >= sizes.size() ? 0 : sizes.get(layer));
            if (!empty) layer++;
            n.put("Comment", h.comment() == null ? "" : h.comment());
            rows.add(n);
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (int i = rows.size() - 1; i >= 0; i--) out.add(rows.get(i));
        if (!out.isEmpty()) {
            ObjectNode newest = (ObjectNode) out.get(0);
            newest.put("Id", image.id().toString());
            if (!image.tags().isEmpty()) {
                ArrayNode tags = newest.putArray("Tags");
                image.tags().forEach(t -> tags.add(t.familiar()));
            }
        }
        return out;
    }

    /**
     * {@code docker save}: every name is resolved before the first byte goes out, so an unknown one
     * is a plain 404. A repository without a tag brings every tag of it, as with dockerd; a tag is
     * saved under itself; an id, untagged.
     */
    private void save(Router.Call c, List<String> names) throws IOException {
        if (names.isEmpty()) throw new BerthException.InvalidArgument("no images given to save");
        List<ImageArchive.Entry> entries = new ArrayList<>();
        for (String name : names) {
            List<ImageArchive.Entry> wholeRepository = untagged(name) ? repository(name) : List.of();
            if (!wholeRepository.isEmpty()) {
                entries.addAll(wholeRepository);
                continue;
            }
            Image i = images.get(name);
            String asTag = familiarOrNull(name);
            entries.add(new ImageArchive.Entry(i, i.tags().stream().filter(t -> t.familiar().equals(asTag)).toList()));
        }
        try (OutputStream out = c.res().startStream(200, "application/x-tar", Map.of())) {
            images.save(entries, out);
        }
    }

    private static boolean untagged(String name) {
        return !name.contains("@") && name.lastIndexOf(':') <= name.lastIndexOf('/');
    }

    /** Every image with a tag in repository {@code name}, each under its tags there. */
    private List<ImageArchive.Entry> repository(String name) {
        if (familiarOrNull(name) == null) return List.of();
        String repo = ImageRef.parse(name).familiarName();
        List<ImageArchive.Entry> found = new ArrayList<>();
        for (Image i : images.list()) {
            List<ImageRef> tags = i.tags().stream().filter(t -> t.familiarName().equals(repo)).toList();
            if (!tags.isEmpty()) found.add(new ImageArchive.Entry(i, tags));
        }
        return found;
    }

    private static String familiarOrNull(String name) {
        try {
            return ImageRef.parse(name).familiar();
        } catch (RuntimeException notAReference) {
            return null;
        }
    }

    /**
     * {@code docker load}: docker's JSON message stream, one "Loaded image" line per tag. As with
     * dockerd the answer is 200 whatever happens, and a failed load (no archive, a path that
     * leaves the archive's root...) is the stream's error message, which clients turn into their
     * own load error; the load itself writes nothing before the archive is known good.
     */
    private void load(Router.Call c) throws IOException {
        List<String> report;
        String error = null;
        try {
            report = images.load(c.req().body());
        } catch (BerthException | java.io.UncheckedIOException e) {
            report = List.of();
            error = e.getMessage();
        }
        c.res().startChunked(200, "application/json");
        for (String line : report) {
            ObjectNode n = Json.object().put("stream", line + "\n");
            c.res().chunk((Json.string(n) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (error != null) {
            ObjectNode n = Json.object();
            n.putObject("errorDetail").put("message", error);
            n.put("error", error);
            c.res().chunk((Json.string(n) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        c.res().endChunked();
    }

    private static final java.util.Set<String> PRUNE_FILTERS = java.util.Set.of("dangling", "label", "label!", "until");

    /**
     * {@code docker image prune}: images no container uses and, unless {@code dangling=false}
     * ({@code -a}), that have no tag. SpaceReclaimed counts the layers that went with them.
     */
    private void prune(Router.Call c) throws IOException {
        Filters f = Filters.parse(c.req().param("filters")).allow(PRUNE_FILTERS);
        boolean danglingOnly = !f.has("dangling") || Filters.bool("dangling", f.get("dangling").getLast());
        Instant until = Times.untilFilter(f.get("until"), Instant.now());
        long sizeBefore = images.layersSize();
        ArrayNode report = Json.MAPPER.createArrayNode();
        for (Image i : images.list()) {
            if (danglingOnly && !i.tags().isEmpty()) continue;
            if (until != null && !i.created().isBefore(until)) continue;
            Map<String, String> labels = i.config().configOrEmpty().labels();
            if (!f.matchLabels(labels == null ? Map.of() : labels) || images.inUse(i)) continue;
            try {
                report(images.remove(i.id().toString(), true), report);
            } catch (BerthException.Conflict | BerthException.NotFound raced) {
                // a container took it, or another removal got there first: dockerd goes on too
            }
        }
        ObjectNode out = Json.object();
        if (report.isEmpty()) out.putNull("ImagesDeleted"); else out.set("ImagesDeleted", report);
        out.put("SpaceReclaimed", Math.max(0, sizeBefore - images.layersSize()));
        c.json(200, out);
    }

    private void remove(Router.Call c) throws IOException {
        boolean force = c.req().bool("force", false);
        c.json(200, report(images.remove(c.group(1), force), Json.MAPPER.createArrayNode()));
    }

    /** Adds rmi's {@code Untagged}/{@code Deleted} lines to {@code out}, each with its event. */
    private ArrayNode report(List<String[]> removed, ArrayNode out) {
        for (String[] line : removed) {
            out.addObject().put(line[0], line[1]);
            images.event(line[0].equals("Untagged") ? "untag" : "delete", line[1], Map.of("name", line[1]));
        }
        return out;
    }
}
