package dev.berth.daemon.assembly;

import dev.berth.content.ContentStore;
import dev.berth.daemon.api.LaterRoutes;
import dev.berth.daemon.api.build.BuildCacheRoutes;
import dev.berth.daemon.api.swarm.SwarmRoutes;
import dev.berth.daemon.api.Router;
import dev.berth.daemon.api.containers.ContainerRoutes;
import dev.berth.daemon.api.containers.FileRoutes;
import dev.berth.daemon.api.containers.StatsRoutes;
import dev.berth.daemon.api.containers.UpdateRoutes;
import dev.berth.daemon.api.exec.ExecRoutes;
import dev.berth.daemon.api.images.ImageRoutes;
import dev.berth.daemon.api.images.PushRoute;

import dev.berth.daemon.api.networks.NetworkRoutes;
import dev.berth.daemon.api.volumes.VolumeRoutes;
import dev.berth.engine.volume.Volumes;
import dev.berth.daemon.api.system.DiskUsageRoutes;
import dev.berth.daemon.api.system.SystemRoutes;
import dev.berth.daemon.http.HttpServer;
import dev.berth.daemon.http.SocketGroup;
import dev.berth.engine.container.ContainerFiles;
import dev.berth.engine.container.ContainerPaths;
import dev.berth.engine.container.ContainerStore;
import dev.berth.engine.container.Containers;
import dev.berth.engine.container.ExecSessions;
import dev.berth.engine.container.ExitWatcher;
import dev.berth.engine.container.HostFactsProbe;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.container.health.HealthMonitor;
import dev.berth.engine.image.BusyboxImage;
import dev.berth.engine.transfer.ImageArchive;
import dev.berth.engine.image.ImageImporter;
import dev.berth.engine.image.ImageStore;
import dev.berth.engine.metadata.MetadataStore;
import dev.berth.engine.network.BridgeNetwork;
import dev.berth.engine.network.Cni;
import dev.berth.engine.network.SandboxPool;
import dev.berth.engine.network.ports.PortPublisher;
import dev.berth.engine.network.AttachmentStore;
import dev.berth.engine.network.Endpoints;
import dev.berth.engine.network.NetworkStore;
import dev.berth.engine.network.Networks;
import dev.berth.engine.runtime.cgroup.CgroupTree;
import dev.berth.engine.runtime.Conmon;
import dev.berth.engine.runtime.Runc;
import dev.berth.engine.snapshot.OverlaySnapshotter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The composition root. Builds every service in this order and runs the start-up phases:
 * <ol>
 *   <li>open stores (metadata, content, layers, images) and make the default busybox image;</li>
 *   <li>networking (default bridge; user-defined networks' bridges, rules and isolation made again);</li>
 *   <li>reconcile containers with their monitors (adopt the living, finish the exited);</li>
 *   <li>start the API.</li>
 * </ol>
 */
public final class Daemon implements AutoCloseable {
    private final DaemonConfig config;
    private final MetadataStore metadata;
    private final ExitWatcher exitWatcher;
    private final HealthMonitor health;
    private final List<HttpServer> servers = new ArrayList<>();
    private final Containers containers;
    private final BridgeNetwork bridge;
    private final SandboxPool sandboxes;
    private final PortPublisher ports;
    private final Networks networks;
    private final DaemonLock lock;

    public Daemon(DaemonConfig config) throws IOException {
        this.config = config;
        SocketGroup socketGroup = SocketGroup.resolve(config.socketGroup(), w -> System.err.println("berthd: " + w));
        Path data = config.dataRoot();
        Path exec = config.execRoot();
        Files.createDirectories(exec);
        lock = DaemonLock.acquire(data, config.pidFile());

        metadata = new MetadataStore(data.resolve("berth.db"));
        ContentStore content = new ContentStore(data.resolve("content"));
        OverlaySnapshotter snapshots = new OverlaySnapshotter(data.resolve("overlay"), metadata);
        ImageStore images = new ImageStore(metadata, content, snapshots);
        ImageImporter importer = new ImageImporter(images);
        new BusyboxImage(Path.of("/bin/busybox")).ensure(images, importer);
        // layers an import, load, pull or commit stored before a crash, for an image never registered
        images.collectLayers();

        EventBus events = new EventBus();
        Cni cni = new Cni(Path.of("/usr/lib/cni"));
        bridge = new BridgeNetwork(cni, config.bridgeName(), data.resolve("network"), null);
        AttachmentStore attachments = new AttachmentStore(metadata);
        networks = new Networks(new NetworkStore(metadata), attachments, bridge, data.resolve("network").resolve("user"), events);
        Endpoints endpoints = new Endpoints(networks, attachments, cni);
        Runc runc = Runc.sealed(Path.of("/usr/sbin/runc"), exec.resolve("runc"), exec.resolve("bin"));
        Conmon conmon = new Conmon(Path.of("/usr/bin/conmon"), runc, exec);
        Path tini = Path.of("/usr/bin/tini-static");
        sandboxes = new SandboxPool(bridge, exec.resolve("netns"), 3);
        Volumes volumes = new Volumes(metadata, data.resolve("volumes"), events);
        ports = new PortPublisher(exec.resolve("ports"));
        containers = new Containers(new ContainerStore(metadata), images, new ContainerPaths(data.resolve("containers")), runc, conmon,
                bridge, sandboxes, events, new Containers.Settings(config.cgroupParent(), hostNofileHard(), Files.exists(tini) ? tini : null,
                HostFactsProbe.read(Path.of("/sys/fs/cgroup"), Path.of("/proc/self")), config.noNewPrivileges()), volumes, ports, networks, endpoints);
        ExecSessions execs = new ExecSessions(containers, runc, exec.resolve("exec"), events);

        networks.restore();
        containers.restore(exec.resolve("exec"));
        volumes.sweep();
        sandboxes.start(containers.sandboxesInUse());
        exitWatcher = new ExitWatcher(conmon.exitDir(), containers);
        containers.logs().start();
        health = new HealthMonitor(containers, execs, events);

        Router router = new Router();
        new SystemRoutes(RouteBackends.system(containers, images, events), data.toString(), metadataId(data)).register(router);
        new ExecRoutes(RouteBackends.exec(execs)).register(router);
        var registries = new dev.berth.distribution.Registries(new dev.berth.distribution.RegistryHosts(
                java.util.Set.copyOf(config.insecureRegistries()), config.registryMirrors()));
        var layerBlobs = new dev.berth.engine.transfer.LayerBlobs(metadata);
        var puller = new dev.berth.engine.transfer.ImagePuller(images, registries, layerBlobs, data.resolve("tmp"), dev.berth.engine.transfer.ImagePuller.DEFAULT_PARALLEL_DOWNLOADS);
        var pusher = new dev.berth.engine.transfer.ImagePusher(images, registries, layerBlobs, data.resolve("tmp"), dev.berth.engine.transfer.ImagePusher.DEFAULT_PARALLEL_UPLOADS);
        new PushRoute(RouteBackends.pushes(pusher, events)).register(router);
        new dev.berth.daemon.api.images.AuthRoute(registries::login).register(router);
        new ImageRoutes(RouteBackends.images(images, importer, new ImageArchive(images, data.resolve("tmp")), puller, containers, events)).register(router);
        new StatsRoutes(RouteBackends.stats(containers)).register(router);
        new UpdateRoutes(RouteBackends.updates(containers)).register(router);
        new NetworkRoutes(RouteBackends.networks(containers, bridge, networks), Instant.now()).register(router);
        new VolumeRoutes(RouteBackends.volumes(volumes)).register(router);
        new SwarmRoutes().register(router);
        new BuildCacheRoutes().register(router);
        new dev.berth.daemon.api.images.CommitRoute(RouteBackends.commits(new dev.berth.engine.container.ContainerCommits(containers, images, events))).register(router);
        new LaterRoutes().register(router);
        ContainerFiles files = new ContainerFiles(containers, images);
        new FileRoutes(RouteBackends.files(files)).register(router);
        new ContainerRoutes(ContainerRouteBackend.containers(containers, files, execs, health), data.toString()).register(router);
        new DiskUsageRoutes(RouteBackends.diskUsage(containers, images, files, health, volumes)).register(router);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Api-Version", dev.berth.dockerapi.ApiVersion.MAX.toString());
        headers.put("Docker-Experimental", "false");
        headers.put("Ostype", "linux");
        headers.put("Server", "Docker/" + dev.berth.dockerapi.ApiVersion.DOCKER_RELEASE + " (linux) berth/" + SystemRoutes.VERSION);
        for (Path socket : config.sockets()) servers.add(new HttpServer(socket, socketGroup, router, headers));
    }

    private static String metadataId(Path data) {
        return dev.berth.oci.Digest.of(data.toString().getBytes()).hex().substring(0, 36);
    }

    static long hostNofileHard() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (l.startsWith("Max open files")) {
                    String[] f = l.substring("Max open files".length()).trim().split("\\s+");
                    return f[1].equals("unlimited") ? 1048576L : Long.parseLong(f[1]);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // fall back to a value every host allows
        }
        return 1024;
    }

    @Override
    public void close() {
        for (HttpServer s : servers) {
            try {
                s.close();
            } catch (IOException ignored) {
                // shutting down
            }
        }
        exitWatcher.close();
        containers.logs().close();
        health.close();
        sandboxes.close();
        ports.close();
        containers.networking().stopDns();
        if (!containers.anyRunning()) {
            sandboxes.unmountIfEmpty();
            ports.teardown(bridge.bridgeName());
            networks.teardownAll();
            bridge.teardown();
            CgroupTree.host().removeIfEmpty(config.cgroupParent());
        }
        metadata.close();
        lock.close();
    }
}
