package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.volume.MountPlanner;
import dev.berth.engine.volume.MountPoint;
import dev.berth.engine.volume.MountRequests;
import dev.berth.engine.volume.Volume;
import dev.berth.engine.volume.Volumes;
import dev.berth.oci.runtime.RuntimeSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The container side of volumes and binds: plans a new container's mounts (with the volumes of
 * {@code --volumes-from} read from the other container's record), turns a starting container's
 * mounts into OCI mounts (volumes mounted by their driver when they need it, {@code -v} sources
 * made), lets go of them when it stops, removes its anonymous volumes with it ({@code rm -v},
 * {@code --rm}), and answers {@link Volumes.Users} from the container records.
 */
final class ContainerMounts implements Volumes.Users {
    private final ContainerStore store;
    private final Volumes volumes;
    private final MountPlanner planner;
    private final EventBus events;

    ContainerMounts(ContainerStore store, Volumes volumes, EventBus events) {
        this.store = store;
        this.volumes = volumes;
        this.events = events;
        this.planner = new MountPlanner(volumes);
    }

    Volumes volumes() {
        return volumes;
    }

    /** The mounts of a container being created; volumes it needs are created (see {@link MountPlanner}). */
    MountPlanner.Plan plan(MountRequests req, List<String> imageVolumes, java.util.Set<String> tmpfsPaths) {
        return planner.plan(req, imageVolumes, tmpfsPaths, ref -> {
            // dockerd answers 400 here: the request is what is wrong
            ContainerStore.Entry e = store.find(ref).orElseThrow(() -> new BerthException.InvalidArgument("No such container: " + ref));
            return e.spec().mounts();
        });
    }

    void rollback(MountPlanner.Plan plan) {
        planner.rollback(plan);
    }

    /**
     * The OCI mounts of a starting container, parents before children ({@code /data} before
     * {@code /data/logs}), as dockerd orders them. Each volume is acquired; on a failure the ones
     * already acquired are released.
     */
    List<RuntimeSpec.Mount> acquire(ContainerSpec spec) {
        List<RuntimeSpec.Mount> out = new ArrayList<>();
        List<MountPoint> sorted = spec.mounts().stream()
                .sorted(Comparator.comparingInt((MountPoint m) -> Path.of(m.destination()).getNameCount())).toList();
        List<String> acquired = new ArrayList<>();
        try {
            for (MountPoint m : sorted) {
                out.add(switch (m.type()) {
                    case MountPoint.BIND -> bind(m);
                    case MountPoint.VOLUME -> {
                        Path data = volumes.acquire(m.name());
                        acquired.add(m.name());
                        events.publish("volume", "mount", m.name(), Map.of("driver", m.driver(), "container", spec.id(),
                                "destination", m.destination(), "read/write", Boolean.toString(m.rw()), "propagation", m.propagation()));
                        // as dockerd: a volume's mount carries no propagation word
                        yield new RuntimeSpec.Mount(m.destination(), "bind", data.toString(), options(m, ""));
                    }
                    default -> tmpfs(m);
                });
            }
        } catch (RuntimeException e) {
            for (String name : acquired) volumes.release(name, spec.id());
            throw e;
        }
        return out;
    }

    /** A container stopped: its mounted volumes may be unmounted. */
    void release(ContainerSpec spec) {
        for (MountPoint m : spec.mounts()) {
            if (!m.isVolume()) continue;
            String name = m.name();
            events.publish("volume", "unmount", name, Map.of("driver", m.driver(), "container", spec.id()));
            try {
                volumes.release(name, spec.id());
            } catch (RuntimeException e) {
                System.getLogger("berthd").log(System.Logger.Level.WARNING, "cannot release volume " + name + ": " + e.getMessage());
            }
        }
    }

    /** After the container's record is gone: its anonymous volumes go too, unless another container uses them. */
    void removeAnonymousVolumes(ContainerSpec spec) {
        for (String name : spec.volumeNames()) {
            Optional<Volume> v = volumes.find(name);
            if (v.isEmpty() || !v.get().anonymous()) continue;
            try {
                volumes.remove(name, true);
            } catch (BerthException.Conflict inUse) {
                // shared through --volumes-from: it stays with the other container
            } catch (RuntimeException e) {
                System.getLogger("berthd").log(System.Logger.Level.WARNING, "cannot remove volume " + name + ": " + e.getMessage());
            }
        }
    }

    private static RuntimeSpec.Mount bind(MountPoint m) {
        Path source = Path.of(m.source());
        if (m.createHostPath() && !Files.exists(source)) {
            try {
                Files.createDirectories(source);
            } catch (IOException e) {
                throw new BerthException.Internal("error while creating mount source path '" + source + "': " + e.getMessage(), e);
            }
        }
        if (!Files.exists(source)) {
            throw new BerthException.InvalidArgument("invalid mount config for type \"bind\": bind source path does not exist: " + source);
        }
        return new RuntimeSpec.Mount(m.destination(), "bind", source.toString(), options(m, m.propagation()));
    }

    /**
     * A read-only bind is read-only all the way down, mounts under its source included ("rro",
     * runc's mount_setattr, kernel 5.12+), as dockerd makes them from API 1.44: with "ro" alone a
     * mount below the source would stay writable in the container.
     */
    private static List<String> options(MountPoint m, String propagation) {
        List<String> o = new ArrayList<>(List.of("rbind"));
        if (!propagation.isEmpty()) o.add(propagation);
        if (m.rw()) o.add("rw");
        else if (RECURSIVE_READ_ONLY) o.addAll(List.of("ro", "rro"));
        else o.add("ro");
        return o;
    }

    /** mount_setattr (kernel 5.12) is what runc needs for "rro"; older kernels get dockerd's fallback, "ro". */
    private static final boolean RECURSIVE_READ_ONLY = kernelAtLeast(System.getProperty("os.version", ""), 5, 12);

    static boolean kernelAtLeast(String release, int major, int minor) {
        java.util.regex.Matcher v = java.util.regex.Pattern.compile("^(\\d+)\\.(\\d+)").matcher(release);
        if (!v.find()) return false;
        int maj = Integer.parseInt(v.group(1));
        return maj > major || (maj == major && Integer.parseInt(v.group(2)) >= minor);
    }

    /** {@code --mount type=tmpfs}: dockerd's defaults (noexec, nosuid, nodev, rprivate) plus size and mode; no default size. */
    private static RuntimeSpec.Mount tmpfs(MountPoint m) {
        List<String> o = new ArrayList<>(List.of("noexec", "nosuid", "nodev", "rprivate"));
        o.add(m.rw() ? "rw" : "ro");
        if (m.tmpfsSize() > 0) o.add("size=" + m.tmpfsSize());
        if (m.tmpfsMode() != 0) o.add("mode=" + Integer.toOctalString(m.tmpfsMode()));
        return new RuntimeSpec.Mount(m.destination(), "tmpfs", "tmpfs", o);
    }

    // ---------------------------------------------------------------- Volumes.Users

    @Override
    public List<String> containersUsing(String volume) {
        return store.all().stream().filter(e -> e.spec().volumeNames().contains(volume)).map(e -> e.spec().id()).toList();
    }

    @Override
    public List<String> runningUsing(String volume) {
        return store.all().stream()
                .filter(e -> e.state().status() == ContainerState.Status.RUNNING || e.state().status() == ContainerState.Status.PAUSED)
                .filter(e -> e.spec().volumeNames().contains(volume)).map(e -> e.spec().id()).toList();
    }
}
