package dev.berth.daemon.api.system;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;
import dev.berth.daemon.api.Router;
import dev.berth.daemon.api.containers.ContainerJson;
import dev.berth.daemon.api.images.ImageJson;
import dev.berth.engine.container.ContainerFiles;
import dev.berth.engine.container.ContainerSpec;
import dev.berth.engine.container.ContainerStore;
import dev.berth.engine.container.health.Health;
import dev.berth.engine.image.Image;
import dev.berth.engine.network.Endpoint;
import dev.berth.engine.snapshot.OverlaySnapshotter;
import dev.berth.oci.image.ImageRef;

import java.io.IOException;
import dev.berth.daemon.api.volumes.VolumeRoutes;
import dev.berth.engine.volume.Volume;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /system/df} ({@code docker system df}): images with how many containers use each and
 * the bytes they share with other images, {@code LayersSize} counting every shared layer once,
 * containers with their writable layer's size, volumes with their size and how many containers
 * use each, and the (still empty) build cache.
 */
public final class DiskUsageRoutes {
    /** What disk usage needs of the engine. */
    public interface Backend {
        List<Image> images();

        List<OverlaySnapshotter.Layer> layers(Image image);

        long layersSize();

        List<ContainerStore.Entry> containers();

        Optional<Endpoint> endpoint(String containerId);

        Optional<Health> health(String containerId);

        ContainerFiles.DiskSize size(ContainerSpec spec);

        List<Volume> volumes();

        /** Containers, in any state, that use the volume. */
        List<String> volumeUsers(String name);

        long volumeSize(Volume volume);

        java.nio.file.Path volumesRoot();
    }

    private static final Set<String> TYPES = Set.of("container", "image", "volume", "build-cache");
    private final Backend engine;

    public DiskUsageRoutes(Backend engine) {
        this.engine = engine;
    }

    public void register(Router r) {
        r.add("GET", "/system/df", this::df);
    }

    private void df(Router.Call c) throws IOException {
        List<String> types = c.req().params("type");
        for (String t : types) if (!TYPES.contains(t)) throw new BerthException.InvalidArgument("unknown object type: " + t);
        boolean all = types.isEmpty();
        ObjectNode out = Json.object();
        List<ContainerStore.Entry> containers = engine.containers();
        if (all || types.contains("image")) {
            Map<Image, List<OverlaySnapshotter.Layer>> layers = new LinkedHashMap<>();
            Map<String, Integer> imagesPerLayer = new HashMap<>();
            for (Image i : engine.images()) {
                try {
                    layers.put(i, engine.layers(i));
                } catch (BerthException removedMeanwhile) {
                    continue;
                }
                for (OverlaySnapshotter.Layer l : layers.get(i)) imagesPerLayer.merge(l.chainId(), 1, Integer::sum);
            }
            Map<String, Long> usersPerImage = new HashMap<>();
            for (ContainerStore.Entry e : containers) usersPerImage.merge(e.spec().imageId(), 1L, Long::sum);
            out.put("LayersSize", engine.layersSize());
            ArrayNode list = out.putArray("Images");
            layers.forEach((i, own) -> {
                long shared = own.stream().filter(l -> imagesPerLayer.get(l.chainId()) > 1).mapToLong(OverlaySnapshotter.Layer::size).sum();
                long users = usersPerImage.getOrDefault(i.id().toString(), 0L);
                list.add(ImageJson.summary(i, i.tags().stream().map(ImageRef::familiar).toList(), users, shared, c.version()));
            });
        }
        if (all || types.contains("container")) {
            ArrayNode list = out.putArray("Containers");
            for (ContainerStore.Entry e : containers) {
                // as GET /containers/json?size=1 lists it
                String id = e.spec().id();
                list.add(ContainerJson.withSize(ContainerJson.summary(e, engine.endpoint(id), engine.health(id), engine.volumesRoot()), engine.size(e.spec())));
            }
        }
        if (all || types.contains("volume")) {
            ArrayNode list = out.putArray("Volumes");
            for (Volume v : engine.volumes()) {
                // as dockerd: a volume that mounts something else (driver options) is not its disk to count
                if (!v.options().isEmpty()) continue;
                ObjectNode n = VolumeRoutes.json(v);
                n.putObject("UsageData").put("Size", engine.volumeSize(v)).put("RefCount", engine.volumeUsers(v.name()).size());
                list.add(n);
            }
        }
        // no build cache can exist yet
        if (all || types.contains("build-cache")) out.putArray("BuildCache");
        c.json(200, out);
    }
}
