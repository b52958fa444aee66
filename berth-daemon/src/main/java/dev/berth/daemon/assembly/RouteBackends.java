package dev.berth.daemon.assembly;

import dev.berth.daemon.api.containers.FileRoutes;
import dev.berth.daemon.api.containers.StatsRoutes;
import dev.berth.daemon.api.containers.UpdateRoutes;
import dev.berth.daemon.api.exec.ExecRoutes;
import dev.berth.daemon.api.images.ImageRoutes;
import dev.berth.daemon.api.networks.NetworkRoutes;
import dev.berth.daemon.api.system.DiskUsageRoutes;
import dev.berth.daemon.api.system.SystemRoutes;
import dev.berth.daemon.api.volumes.VolumeRoutes;
import dev.berth.engine.volume.Volume;
import dev.berth.engine.volume.Volumes;
import dev.berth.engine.container.AttachSession;
import dev.berth.engine.container.ContainerFiles;
import dev.berth.engine.container.ContainerSpec;
import dev.berth.engine.container.ContainerStore;
import dev.berth.engine.container.Containers;
import dev.berth.engine.container.ExecSessions;
import dev.berth.engine.container.health.Health;
import dev.berth.engine.container.health.HealthMonitor;
import dev.berth.engine.diff.Changes;
import dev.berth.engine.events.Event;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.image.Image;
import dev.berth.engine.transfer.ImageArchive;
import dev.berth.engine.image.ImageImporter;
import dev.berth.engine.image.ImageStore;
import dev.berth.engine.network.BridgeNetwork;
import dev.berth.engine.network.Endpoint;
import dev.berth.engine.snapshot.OverlaySnapshotter;
import dev.berth.oci.image.ImageRef;
import dev.berth.engine.runtime.cgroup.Usage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * The engine services seen through each router's own backend interface. Routers declare what
 * they use (moby's router/container/backend.go); the engine classes know nothing of routers, so
 * the composition root connects the two here, one plain delegation per method.
 */
final class RouteBackends {
    private RouteBackends() {}

    static ExecRoutes.Backend exec(ExecSessions execs) {
        return new ExecRoutes.Backend() {
            @Override
            public ExecSessions.Exec create(String containerRef, ExecSessions.ExecConfig config) {
                return execs.create(containerRef, config);
            }

            @Override
            public ExecSessions.Exec get(String execId) {
                return execs.get(execId);
            }

            @Override
            public void start(String execId, boolean detach, InputStream stdin, AttachSession.Sink sink) {
                execs.start(execId, detach, stdin, sink);
            }

            @Override
            public void resize(String execId, int height, int width) {
                execs.resize(execId, height, width);
            }
        };
    }

    static VolumeRoutes.Backend volumes(Volumes volumes) {
        return new VolumeRoutes.Backend() {
            @Override
            public Volume create(String name, String driver, Map<String, String> labels, Map<String, String> options) {
                return volumes.create(name, driver, labels, options);
            }

            @Override
            public Volume inspect(String name) {
                return volumes.inspect(name);
            }

            @Override
            public List<Volume> list() {
                return volumes.list();
            }

            @Override
            public List<String> usedBy(String name) {
                return volumes.usedBy(name);
            }

            @Override
            public void remove(String name, boolean force) {
                volumes.remove(name, force);
            }

            @Override
            public Volumes.Pruned prune(java.util.function.Predicate<Volume> which) {
                return volumes.prune(which);
            }
        };
    }

    static StatsRoutes.Backend stats(Containers containers) {
        return new StatsRoutes.Backend() {
            @Override
            public ContainerStore.Entry container(String ref) {
                return containers.store().get(ref);
            }

            @Override
            public Usage usage(String id) {
                return containers.usage(id);
            }

            @Override
            public boolean isRunning(String id) {
                return containers.isRunning(id);
            }
        };
    }

    static dev.berth.daemon.api.images.CommitRoute.Backend commits(dev.berth.engine.container.ContainerCommits commits) {
        return commits::commit;
    }

    static FileRoutes.Backend files(ContainerFiles files) {
        return new FileRoutes.Backend() {
            @Override
            public ContainerFiles.PathStat stat(String ref, String path) throws IOException {
                return files.stat(ref, path);
            }

            @Override
            public ContainerFiles.PathStat archive(String ref, String path, Consumer<ContainerFiles.PathStat> beforeBody,
                                                   OutputStream out) throws IOException {
                return files.archive(ref, path, beforeBody, out);
            }

            @Override
            public void extract(String ref, String path, InputStream tar, boolean keepOwners) throws IOException {
                files.extract(ref, path, tar, keepOwners);
            }

            @Override
            public void export(String ref, OutputStream out) throws IOException {
                files.export(ref, out);
            }

            @Override
            public List<Changes.Change> changes(String ref) throws IOException {
                return files.changes(ref);
            }
        };
    }

    static ImageRoutes.Backend images(ImageStore images, ImageImporter importer, ImageArchive archive, dev.berth.engine.transfer.ImagePuller puller,
                                      Containers containers, EventBus events) {
        return new ImageRoutes.Backend() {
            @Override
            public dev.berth.engine.transfer.ImagePuller.Outcome pull(ImageRef ref, dev.berth.oci.manifest.Platform platform, boolean explicitPlatform,
                                                                      dev.berth.distribution.Credentials credentials, dev.berth.engine.transfer.PullProgress progress) {
                return puller.pull(ref, platform, explicitPlatform, credentials, progress);
            }

            @Override
            public List<String> tags(ImageRef repository, dev.berth.distribution.Credentials credentials) {
                return puller.tags(repository, credentials);
            }

            @Override
            public void save(List<ImageArchive.Entry> entries, OutputStream out) throws IOException {
                archive.save(entries, out);
            }

            @Override
            public List<String> load(InputStream tar) {
                return archive.load(tar);
            }

            @Override
            public Image get(String nameOrId) {
                return images.get(nameOrId);
            }

            @Override
            public Optional<Image> find(String nameOrId) {
                return images.find(nameOrId);
            }

            @Override
            public List<Image> list() {
                return images.list();
            }

            @Override
            public void tag(Image image, ImageRef ref) {
                images.tag(image, ref);
            }

            @Override
            public List<String[]> remove(String nameOrId, boolean force) {
                // an image a container was created from stays unless forced, as with dockerd
                return images.remove(nameOrId, force, id -> userOf(id.toString()));
            }

            @Override
            public boolean inUse(Image image) {
                return userOf(image.id().toString()).isPresent();
            }

            private Optional<String> userOf(String imageId) {
                return containers.store().all().stream().filter(e -> e.spec().imageId().equals(imageId)).map(e -> e.spec().id()).findFirst();
            }

            @Override
            public long layersSize() {
                return images.layersSize();
            }

            @Override
            public List<OverlaySnapshotter.Layer> layers(Image image) {
                return images.layers(image);
            }

            @Override
            public Image importRootfs(InputStream tar, ImageImporter.ImportConfig config, String comment, Optional<ImageRef> tag, Instant created) {
                return importer.importRootfs(tar, config, comment, tag, created);
            }

            @Override
            public void event(String action, String id, Map<String, String> attributes) {
                events.publish("image", action, id, attributes);
            }
        };
    }

    static NetworkRoutes.Backend networks(Containers containers, BridgeNetwork bridge, dev.berth.engine.network.Networks networks) {
        return new NetworkRoutes.Backend() {
            @Override
            public dev.berth.engine.network.Networks networks() {
                return networks;
            }

            @Override
            public dev.berth.engine.container.ContainerNetworking containerNetworks() {
                return containers.networking();
            }

            @Override
            public BridgeNetwork bridge() {
                return bridge;
            }

            @Override
            public List<ContainerStore.Entry> containers() {
                return containers.store().all();
            }

            @Override
            public Optional<Endpoint> endpoint(String containerId) {
                return containers.endpoint(containerId);
            }
        };
    }

    static DiskUsageRoutes.Backend diskUsage(Containers containers, ImageStore images, ContainerFiles files, HealthMonitor health, Volumes volumes) {
        return new DiskUsageRoutes.Backend() {
            @Override
            public List<Image> images() {
                return images.list();
            }

            @Override
            public List<OverlaySnapshotter.Layer> layers(Image image) {
                return images.layers(image);
            }

            @Override
            public long layersSize() {
                return images.layersSize();
            }

            @Override
            public List<ContainerStore.Entry> containers() {
                return containers.store().all();
            }

            @Override
            public Optional<Endpoint> endpoint(String containerId) {
                return containers.endpoint(containerId);
            }

            @Override
            public Optional<Health> health(String containerId) {
                return health.health(containerId);
            }

            @Override
            public ContainerFiles.DiskSize size(ContainerSpec spec) {
                return files.size(spec);
            }

            @Override
            public List<Volume> volumes() {
                return volumes.list();
            }

            @Override
            public List<String> volumeUsers(String name) {
                return volumes.usedBy(name);
            }

            @Override
            public long volumeSize(Volume volume) {
                return volumes.size(volume);
            }

            @Override
            public java.nio.file.Path volumesRoot() {
                return volumes.root();
            }
        };
    }

    static SystemRoutes.Backend system(Containers containers, ImageStore images, EventBus events) {
        return new SystemRoutes.Backend() {
            @Override
            public List<ContainerStore.Entry> containers() {
                return containers.store().all();
            }

            @Override
            public int imageCount() {
                return images.list().size();
            }

            @Override
            public int eventListeners() {
                return events.listeners();
            }

            @Override
            public EventBus.Replay subscribeToEvents() {
                return events.subscribeWithHistory();
            }

            @Override
            public void unsubscribe(BlockingQueue<Event> subscription) {
                events.unsubscribe(subscription);
            }
        };
    }

    static UpdateRoutes.Backend updates(Containers containers) {
        return containers::update;
    }

    static dev.berth.daemon.api.images.PushRoute.Backend pushes(dev.berth.engine.transfer.ImagePusher pusher, EventBus events) {
        return new dev.berth.daemon.api.images.PushRoute.Backend() {
            @Override
            public void push(ImageRef ref, boolean allTags, dev.berth.distribution.Credentials credentials, dev.berth.engine.transfer.PushProgress progress) {
                pusher.push(ref, allTags, credentials, progress);
            }

            @Override
            public void event(String action, String id, Map<String, String> attributes) {
                events.publish("image", action, id, attributes);
            }
        };
    }
}
