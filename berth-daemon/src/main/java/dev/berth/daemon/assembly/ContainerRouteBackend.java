package dev.berth.daemon.assembly;

import dev.berth.daemon.api.containers.ContainerRoutes;
import dev.berth.engine.container.AttachSession;
import dev.berth.engine.container.ContainerFiles;
import dev.berth.engine.container.ContainerSpec;
import dev.berth.engine.container.ContainerStore;
import dev.berth.engine.container.Containers;
import dev.berth.engine.container.CreateRequest;
import dev.berth.engine.container.Created;
import dev.berth.engine.container.ExecSessions;
import dev.berth.engine.container.health.Health;
import dev.berth.engine.container.health.HealthMonitor;
import dev.berth.engine.logging.LogReader;
import dev.berth.engine.network.Endpoint;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The container routes' backend over the engine (RouteBackends' largest: lifecycle, state and
 * streams of {@link ContainerRoutes.Backend}), one plain delegation per method.
 */
final class ContainerRouteBackend {
    private ContainerRouteBackend() {}

    static ContainerRoutes.Backend containers(Containers containers, ContainerFiles files, ExecSessions execs, HealthMonitor health) {
        return new ContainerRoutes.Backend() {
            @Override
            public Created create(CreateRequest request) {
                return containers.create(request);
            }

            @Override
            public void start(String ref) {
                containers.start(ref);
            }

            @Override
            public void stop(String ref, Integer timeoutSeconds, String signal) {
                containers.stop(ref, timeoutSeconds, signal);
            }

            @Override
            public void restart(String ref, Integer timeoutSeconds, String signal) {
                containers.restart(ref, timeoutSeconds, signal);
            }

            @Override
            public void kill(String ref, String signal) {
                containers.kill(ref, signal);
            }

            @Override
            public void pause(String ref) {
                containers.pause(ref);
            }

            @Override
            public void unpause(String ref) {
                containers.unpause(ref);
            }

            @Override
            public void rename(String ref, String newName) {
                containers.rename(ref, newName);
            }

            @Override
            public void remove(String ref, boolean force, boolean removeVolumes) {
                containers.remove(ref, force, removeVolumes);
            }

            @Override
            public CompletableFuture<Integer> waitFor(String ref, String condition) {
                return containers.waitFor(ref, condition);
            }

            @Override
            public ContainerStore.Entry container(String ref) {
                return containers.store().get(ref);
            }

            @Override
            public List<ContainerStore.Entry> containers() {
                return containers.store().all();
            }

            @Override
            public boolean isRunning(String id) {
                return containers.isRunning(id);
            }

            @Override
            public List<dev.berth.engine.container.ContainerNetworking.Joined> networks(String id) {
                return containers.networking().joined(id);
            }

            @Override
            public Optional<Endpoint> endpoint(String id) {
                return containers.endpoint(id);
            }

            @Override
            public List<dev.berth.engine.network.ports.PublishedPort> publishedPorts(String id) {
                return containers.ports().published(id);
            }

            @Override
            public Optional<Health> health(String id) {
                return health.health(id);
            }

            @Override
            public List<String> execIds(String id) {
                return execs.idsOf(id);
            }

            @Override
            public ContainerFiles.DiskSize size(ContainerSpec spec) {
                return files.size(spec);
            }

            @Override
            public List<Integer> pids(String ref) {
                return containers.pids(ref);
            }

            @Override
            public AttachSession attach(String ref, boolean stdin, boolean stdout, boolean stderr, AttachSession.Sink sink) {
                return containers.attach(ref, stdin, stdout, stderr, sink);
            }

            @Override
            public void resize(String ref, int height, int width) {
                containers.resize(ref, height, width);
            }

            @Override
            public String logPath(ContainerSpec spec) {
                return containers.logs().logPath(spec);
            }

            @Override
            public LogReader.Source logSource(ContainerSpec spec, BooleanSupplier running) {
                return containers.logs().source(spec, running);
            }
        };
    }
}
