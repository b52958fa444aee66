package dev.berth.engine.volume;

import dev.berth.common.errors.BerthException;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.metadata.MetadataStore;
import dev.berth.engine.mount.Mounts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Docker's local volume driver: named and anonymous volumes, their options, who uses them.
 *
 * <p>Which containers use a volume is read from the container records each time it matters
 * ({@link Users}), never counted here: a count kept in memory is wrong after a crash, the records
 * are not. A volume backed by a mount (driver options) is mounted when the first running container
 * needs it and unmounted when the last one stops, as dockerd's local driver does.
 */
public final class Volumes {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

    /** The containers that use volumes, as the container records say. */
    public interface Users {
        /** Ids of the containers, in any state, whose mounts include the volume. */
        List<String> containersUsing(String volume);

        /** Ids of the running containers whose mounts include the volume. */
        List<String> runningUsing(String volume);
    }

    private static final Users NOBODY = new Users() {
        @Override
        public List<String> containersUsing(String volume) {
            return List.of();
        }

        @Override
        public List<String> runningUsing(String volume) {
            return List.of();
        }
    };

    /** What a prune removed. */
    public record Pruned(List<String> names, long spaceReclaimed) {}

    private final VolumeStore store;
    private final EventBus events;
    private final SecureRandom random = new SecureRandom();
    private volatile Users users = NOBODY;
    private final java.util.concurrent.atomic.AtomicBoolean pruning = new java.util.concurrent.atomic.AtomicBoolean();

    public Volumes(MetadataStore metadata, Path root, EventBus events) {
        this.store = new VolumeStore(metadata, root);
        this.events = events;
    }

    /**
     * Who uses volumes. Set once by the composition root: the container service, which needs this
     * one to create its containers, is made after it.
     */
    public void users(Users users) {
        this.users = users;
    }

    /** The directory volumes live in ({@code <data-root>/volumes}). */
    public Path root() {
        return store.root();
    }

    /** The directory a volume's data lives in. */
    public Path dataDir(String name) {
        return store.data(name);
    }

    /**
     * Start-up, once the containers are reconciled: what a crash left. A volume mounted for
     * containers of which none runs is unmounted. A directory without a record is a create that
     * never finished or a removal the user asked for; either way it goes (never across a mount point).
     */
    public void sweep() {
        // a container that exited while berthd was down left its volume's mount behind
        for (Volume v : store.all()) {
            if (v.options().isEmpty() || !users.runningUsing(v.name()).isEmpty()) continue;
            try {
                Mounts.unmount(store.data(v.name()));
            } catch (RuntimeException e) {
                System.getLogger("berthd").log(System.Logger.Level.WARNING, "cannot unmount volume " + v.name() + ": " + e.getMessage());
            }
        }
        for (Path stray : store.strays()) {
            try {
                Mounts.unmount(stray.resolve("_data"));
                VolumeTrees.delete(stray);
            } catch (IOException | RuntimeException e) {
                System.getLogger("berthd").log(System.Logger.Level.WARNING, "cannot remove stray volume directory " + stray + ": " + e.getMessage());
            }
        }
    }

    // ---------------------------------------------------------------- create

    /**
     * {@code docker volume create}. An empty name is a generated one, and the volume is anonymous
     * (dockerd labels it so: a prune takes it). A volume that exists already is returned as it is,
     * its new labels and options ignored, as dockerd does, unless the request names another driver.
     */
    public synchronized Volume create(String name, String driver, Map<String, String> labels, Map<String, String> options) {
        String d = driver == null || driver.isEmpty() ? Volume.LOCAL : driver;
        boolean unnamed = name == null || name.isEmpty();
        String n = unnamed ? generateName() : name;
        if (unnamed && !labels.containsKey(Volume.ANONYMOUS_LABEL)) {
            labels = new java.util.HashMap<>(labels);
            labels.put(Volume.ANONYMOUS_LABEL, "");
        }
        if (!NAME.matcher(n).matches()) {
            throw new BerthException.InvalidArgument("create " + n + ": \"" + n + "\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path");
        }
        var existing = store.find(n);
        if (existing.isPresent()) {
            if (!existing.get().driver().equals(d)) {
                throw new BerthException.Conflict("create " + n + ": driver '" + existing.get().driver() + "' already has volume '" + n + "': volume name must be unique");
            }
            return existing.get();
        }
        if (!d.equals(Volume.LOCAL)) {
            throw new BerthException.NotFound("create " + n + ": error looking up volume plugin " + d + ": plugin \"" + d + "\" not found");
        }
        try {
            LocalDriverOptions.parse(options);
        } catch (BerthException.InvalidArgument e) {
            throw new BerthException.InvalidArgument("create " + n + ": " + e.getMessage());
        }
        Path dir = store.dir(n);
        Volume v = new Volume(n, d, Instant.now(), labels, options, store.data(n));
        try {
            Files.createDirectories(store.data(n));
            store.insert(v);
        } catch (IOException | RuntimeException e) {
            try {
                VolumeTrees.delete(dir);
            } catch (IOException | RuntimeException ignored) {
                // the start-up sweep takes what is left
            }
            if (e instanceof BerthException be) throw be;
            throw new BerthException.Internal("create " + n + ": " + e.getMessage(), e);
        }
        events.publish("volume", "create", n, Map.of("driver", d));
        return v;
    }

    /** A new anonymous volume, as {@code -v /data} and an image's VOLUME make. */
    public Volume createAnonymous() {
        return create("", Volume.LOCAL, Map.of(), Map.of());
    }

    private String generateName() {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }

    // ---------------------------------------------------------------- read

    public Volume inspect(String name) {
        return store.find(name).orElseThrow(() -> noSuchVolume(name));
    }

    public java.util.Optional<Volume> find(String name) {
        return store.find(name);
    }

    public List<Volume> list() {
        return store.all();
    }

    /** Containers, in any state, that use the volume. */
    public List<String> usedBy(String name) {
        return users.containersUsing(name);
    }

    /** The volume's data size in bytes (files' apparent sizes, as dockerd's df). */
    public long size(Volume v) {
        return dev.berth.common.io.Trees.size(store.data(v.name()));
    }

    public static BerthException noSuchVolume(String name) {
        return new BerthException.NotFound("get " + name + ": no such volume");
    }

    // ---------------------------------------------------------------- remove

    /**
     * {@code docker volume rm}: refused while any container (running or not) uses it, with force
     * too, as dockerd; a missing volume is not an error with force.
     */
    public void remove(String name, boolean force) {
        Path trash;
        synchronized (this) {
            if (store.find(name).isEmpty()) {
                if (force) return;
                throw noSuchVolume(name);
            }
            trash = unlink(name);
        }
        deleteTrash(trash);
        events.publish("volume", "destroy", name, Map.of("driver", Volume.LOCAL));
    }

    /**
     * Removes the volumes {@code which} selects among those no container uses. As dockerd, a volume
     * made with driver options (a mount of something else) is never pruned, and one prune runs at
     * a time.
     */
    public Pruned prune(Predicate<Volume> which) {
        if (!pruning.compareAndSet(false, true)) throw new BerthException.Conflict("a prune operation is already running");
        try {
            return pruneNow(which);
        } finally {
            pruning.set(false);
        }
    }

    private Pruned pruneNow(Predicate<Volume> which) {
        List<String> removed = new ArrayList<>();
        long reclaimed = 0;
        for (Volume v : store.all()) {
            if (!v.options().isEmpty() || !which.test(v)) continue;
            Path trash;
            long size;
            synchronized (this) {
                if (store.find(v.name()).isEmpty() || !users.containersUsing(v.name()).isEmpty()) continue;
                size = size(v);
                trash = unlink(v.name());
            }
            deleteTrash(trash);
            events.publish("volume", "destroy", v.name(), Map.of("driver", v.driver()));
            removed.add(v.name());
            reclaimed += size;
        }
        events.publish("volume", "prune", "", Map.of("reclaimed", Long.toString(reclaimed)));
        return new Pruned(removed, reclaimed);
    }

    /**
     * Deletes the record and moves the directory aside (a name free again must not meet the old
     * tree), unmounting the volume first if a driver option mounted it. Caller holds the lock.
     */
    private Path unlink(String name) {
        List<String> using = users.containersUsing(name);
        if (!using.isEmpty()) {
            throw new BerthException.Conflict("remove " + name + ": volume is in use - [" + String.join(", ", using) + "]");
        }
        Mounts.unmount(store.data(name));
        if (Mounts.isMounted(store.data(name))) {
            throw new BerthException.Internal("remove " + name + ": its mount at " + store.data(name) + " cannot be unmounted");
        }
        store.delete(name);
        Path trash = store.root().resolve(".trash-" + name + "-" + Long.toHexString(random.nextLong()));
        try {
            Files.move(store.dir(name), trash);
        } catch (IOException e) {
            // the record is gone: the start-up sweep removes the directory
            return store.dir(name);
        }
        return trash;
    }

    private void deleteTrash(Path trash) {
        try {
            VolumeTrees.delete(trash);
        } catch (IOException | RuntimeException e) {
            System.getLogger("berthd").log(System.Logger.Level.WARNING, "cannot delete " + trash + ": " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- use by containers

    /**
     * The directory to bind into a starting container: the volume's {@code _data}, mounted first
     * if a driver option asks for a mount and nothing mounted it yet.
     */
    public synchronized Path acquire(String name) {
        Volume v = inspect(name);
        Path data = store.data(name);
        LocalDriverOptions opts = LocalDriverOptions.parse(v.options());
        if (opts.mounted() && !Mounts.isMounted(data)) {
            try {
                Mounts.mount(opts.mount().orElseThrow(), data);
            } catch (BerthException e) {
                throw new BerthException.Internal("error while mounting volume '" + data + "': failed to mount local volume: " + e.getMessage(), e);
            }
        }
        return data;
    }

    /**
     * A container that used the volume stopped: a mounted volume is unmounted once no other
     * running container uses it.
     */
    public synchronized void release(String name, String containerId) {
        var v = store.find(name);
        if (v.isEmpty() || !LocalDriverOptions.parse(v.get().options()).mounted()) return;
        if (users.runningUsing(name).stream().anyMatch(id -> !id.equals(containerId))) return;
        Mounts.unmount(store.data(name));
    }
}
