package dev.berth.engine.volume;

import dev.berth.common.errors.BerthException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns what a create asks to mount into the container's {@link MountPoint}s, as dockerd's
 * registerMountPoints does, in its order: {@code --volumes-from} first, then {@code -v} (which
 * may replace an inherited mount), then {@code --mount}, then anonymous volumes for the
 * {@code VOLUME}s of the request and the image that nothing else mounts. Named volumes that do
 * not exist yet are created; everything the plan created is removed again if it fails
 * ({@link #rollback}).
 */
public final class MountPlanner {
    private static final Set<String> PROPAGATIONS = Set.of("shared", "rshared", "slave", "rslave", "private", "rprivate");
    private static final String DEFAULT_PROPAGATION = "rprivate";

    private final Volumes volumes;

    public MountPlanner(Volumes volumes) {
        this.volumes = volumes;
    }

    /** The mounts of one container, and the volumes the plan made for it. */
    public record Plan(List<MountPoint> mounts, List<String> createdVolumes) {
        public static final Plan NONE = new Plan(List.of(), List.of());
    }

    /**
     * @param imageVolumes the image's {@code VOLUME} paths
     * @param mountsOf     a container's mounts by name or id ({@code --volumes-from}); throws if
     *                     there is no such container
     */
    public Plan plan(MountRequests req, List<String> imageVolumes, Set<String> tmpfsPaths, Function<String, List<MountPoint>> mountsOf) {
        if (req.isEmpty() && imageVolumes.isEmpty()) return Plan.NONE;
        List<String> created = new ArrayList<>();
        try {
            Map<String, MountPoint> byDest = new LinkedHashMap<>();
            for (String from : req.volumesFrom()) {
                String[] idMode = volumesFrom(from);
                boolean readOnly = idMode[1].equals("ro");
                for (MountPoint m : mountsOf.apply(idMode[0])) {
                    byDest.put(m.destination(), m.inherited(m.rw() && !readOnly));
                }
            }
            Set<String> claimed = new java.util.HashSet<>();
            Set<String> tmpfs = new java.util.HashSet<>();
            for (String t : tmpfsPaths) tmpfs.add(Path.of(t).normalize().toString());
            for (String raw : req.binds()) {
                MountPoint m = bind(raw, created);
                if (!claimed.add(m.destination()) || tmpfs.contains(m.destination())) throw duplicate(m.destination());
                byDest.put(m.destination(), m);
            }
            for (MountRequest r : req.mounts()) {
                MountPoint m = mount(r, created);
                if (!claimed.add(m.destination())) throw duplicate(m.destination());
                byDest.put(m.destination(), m);
            }
            List<String> anonymous = new ArrayList<>(imageVolumes);
            anonymous.addAll(req.volumes());
            for (String path : anonymous) {
                String dest = cleanDestination(path, "volume", path);
                // dockerd: anything mounted there already, --tmpfs included, wins over a VOLUME
                if (byDest.containsKey(dest) || tmpfs.contains(dest)) continue;
                Volume v = volumes.createAnonymous();
                created.add(v.name());
                byDest.put(dest, new MountPoint(MountPoint.VOLUME, "", v.name(), dest, v.driver(), "", true, "", true, false, 0, 0));
            }
            return new Plan(List.copyOf(byDest.values()), List.copyOf(created));
        } catch (RuntimeException e) {
            rollback(new Plan(List.of(), created));
            throw e;
        }
    }

    private static final Set<String> TMPFS_FLAGS = Set.of("defaults", "ro", "rw", "suid", "nosuid", "dev", "nodev", "exec", "noexec",
            "sync", "async", "dirsync", "remount", "mand", "nomand", "atime", "noatime", "diratime", "nodiratime", "bind", "rbind",
            "unbindable", "runbindable", "private", "rprivate", "shared", "rshared", "slave", "rslave", "relatime", "norelatime",
            "strictatime", "nostrictatime");
    private static final Set<String> TMPFS_DATA = Set.of("size", "mode", "uid", "gid", "nr_inodes", "nr_blocks", "mpol");

    /**
     * {@code --tmpfs PATH[:OPTIONS]} ({@code HostConfig.Tmpfs}): the path as dockerd checks it at
     * create, and the options it would only refuse at start ("invalid tmpfs option"), refused here
     * before anything is made.
     */
    public static void checkTmpfs(java.util.Map<String, String> tmpfs) {
        for (var e : tmpfs.entrySet()) {
            if (!e.getKey().startsWith("/")) {
                throw new BerthException.InvalidArgument("invalid mount path: '" + e.getKey() + "' mount path must be absolute");
            }
            if (Path.of(e.getKey()).normalize().toString().equals("/")) {
                throw new BerthException.InvalidArgument("invalid specification: destination can't be '/'");
            }
            if (e.getValue().isEmpty()) continue;
            List<String> options = List.of(e.getValue().split(","));
            List<String> bad = options.stream().filter(o -> {
                int eq = o.indexOf('=');
                return eq < 0 ? !TMPFS_FLAGS.contains(o) : !TMPFS_DATA.contains(o.substring(0, eq));
            }).toList();
            if (!bad.isEmpty()) {
                throw new BerthException.InvalidArgument("invalid tmpfs option [" + String.join(" ", bad.stream().map(b -> "\"" + b + "\"").toList()) + "]");
            }
        }
    }

    /** Removes the volumes a plan created (a create that failed after planning). */
    public void rollback(Plan plan) {
        for (String name : plan.createdVolumes()) {
            try {
                volumes.remove(name, true);
            } catch (RuntimeException ignored) {
                // in use by nobody else yet; the start-up sweep is not needed for a recorded volume
            }
        }
    }

    // ---------------------------------------------------------------- -v

    /** One {@code Binds} entry: {@code [source:]destination[:mode]}. */
    MountPoint bind(String raw, List<String> created) {
        String[] parts = raw.split(":", -1);
        String source;
        String dest;
        String mode = "";
        switch (parts.length) {
            case 1 -> { source = ""; dest = parts[0]; }
            case 2 -> {
                // "/data:ro" is a destination with a mode: a volume cannot have a mode alone
                if (validMode(parts[1])) throw invalidSpec(raw);
                source = parts[0];
                dest = parts[1];
            }
            case 3 -> { source = parts[0]; dest = parts[1]; mode = parts[2]; }
            default -> throw invalidSpec(raw);
        }
        if (dest.isEmpty() || (parts.length > 1 && source.isEmpty())) throw invalidSpec(raw);
        if (!validMode(mode)) throw new BerthException.InvalidArgument("invalid mode: " + mode);
        // dockerd accepts Docker Desktop's consistency words and ignores them on Linux
        boolean isBind = source.startsWith("/");
        String type = isBind ? MountPoint.BIND : MountPoint.VOLUME;
        String cleanDest;
        try {
            cleanDest = cleanDestination(dest, type, raw);
        } catch (BerthException.InvalidArgument e) {
            throw new BerthException.InvalidArgument("invalid volume specification: '" + raw + "': " + e.getMessage());
        }
        Set<String> flags = Set.of(mode.split(","));
        boolean rw = !flags.contains("ro");
        String propagation = flags.stream().filter(PROPAGATIONS::contains).findFirst().orElse("");
        boolean nocopy = flags.contains("nocopy");
        if (isBind) {
            if (nocopy) throw new BerthException.InvalidArgument("invalid volume specification: '" + raw + "': " + invalidConfig(type, "field VolumeOptions must not be specified").getMessage());
            return new MountPoint(MountPoint.BIND, Path.of(source).normalize().toString(), "", cleanDest, "", mode, rw,
                    propagation.isEmpty() ? DEFAULT_PROPAGATION : propagation, false, true, 0, 0);
        }
        if (!propagation.isEmpty()) {
            throw new BerthException.InvalidArgument("invalid volume specification: '" + raw + "': " + invalidConfig(type, "field BindOptions must not be specified").getMessage());
        }
        Volume v = source.isEmpty() ? anonymous(created) : named(source, Volume.LOCAL, Map.of(), Map.of(), created);
        // dockerd shows a named local volume without a mode as "z" (it relabels shared)
        String shown = mode.isEmpty() && !source.isEmpty() ? "z" : mode;
        return new MountPoint(MountPoint.VOLUME, "", v.name(), cleanDest, v.driver(), shown, rw, "", !nocopy, false, 0, 0);
    }

    // ---------------------------------------------------------------- --mount

    MountPoint mount(MountRequest r, List<String> created) {
        String type = r.type();
        if (!Set.of(MountPoint.BIND, MountPoint.VOLUME, MountPoint.TMPFS).contains(type)) {
            throw new BerthException.InvalidArgument("invalid mount config for type \"" + type + "\": mount type unknown");
        }
        if (r.target().isEmpty()) throw invalidConfig(type, "field Target must not be empty");
        String dest = cleanDestination(r.target(), type, null);
        return switch (type) {
            case MountPoint.BIND -> {
                if (r.source().isEmpty()) throw invalidConfig(type, "field Source must not be empty");
                if (!r.source().startsWith("/")) throw invalidConfig(type, "invalid mount path: '" + r.source() + "' mount path must be absolute");
                Path source = Path.of(r.source()).normalize();
                if (!Files.exists(source) && !r.createMountpoint()) {
                    throw invalidConfig(type, "bind source path does not exist: " + source);
                }
                if (!r.propagation().isEmpty() && !PROPAGATIONS.contains(r.propagation())) {
                    throw invalidConfig(type, "invalid propagation mode: " + r.propagation());
                }
                yield new MountPoint(MountPoint.BIND, source.toString(), "", dest, "", "", !r.readOnly(),
                        r.propagation().isEmpty() ? DEFAULT_PROPAGATION : r.propagation(), false, r.createMountpoint(), 0, 0);
            }
            case MountPoint.VOLUME -> {
                if (r.source().isEmpty() && r.readOnly()) throw invalidConfig(type, "must not set ReadOnly mode when using anonymous volumes");
                Volume v = r.source().isEmpty() ? anonymous(created)
                        : named(r.source(), r.volumeDriver(), r.volumeLabels(), r.volumeOptions(), created);
                yield new MountPoint(MountPoint.VOLUME, "", v.name(), dest, v.driver(), "z", !r.readOnly(), "", !r.noCopy(), false, 0, 0);
            }
            default -> {
                if (!r.source().isEmpty()) throw invalidConfig(type, "field Source must not be specified");
                if (r.tmpfsSize() < 0) throw invalidConfig(type, "invalid tmpfs size: " + r.tmpfsSize());
                yield new MountPoint(MountPoint.TMPFS, "", "", dest, "", "", !r.readOnly(), "", false, false, r.tmpfsSize(), r.tmpfsMode());
            }
        };
    }

    // ---------------------------------------------------------------- helpers

    private Volume anonymous(List<String> created) {
        Volume v = volumes.createAnonymous();
        created.add(v.name());
        return v;
    }

    private Volume named(String name, String driver, Map<String, String> labels, Map<String, String> options, List<String> created) {
        boolean existed = volumes.find(name).isPresent();
        Volume v = volumes.create(name, driver, labels, options);
        if (!existed) created.add(v.name());
        return v;
    }

    /** {@code container[:ro|rw]}. */
    static String[] volumesFrom(String spec) {
        if (spec.isEmpty()) throw new BerthException.InvalidArgument("volumes-from specification cannot be an empty string");
        int colon = spec.indexOf(':');
        if (colon < 0) return new String[]{spec, "rw"};
        String mode = spec.substring(colon + 1);
        // nor propagation nor nocopy make sense for mounts that exist already
        if (!validMode(mode) || mode.isEmpty() || Set.of(mode.split(",")).stream().anyMatch(m -> PROPAGATIONS.contains(m) || m.equals("nocopy"))) {
            throw new BerthException.InvalidArgument("invalid mode: " + mode);
        }
        return new String[]{spec.substring(0, colon), mode.contains("ro") ? "ro" : "rw"};
    }

    /**
     * Docker's Linux mount modes: at most one of rw/ro, of z/Z, of the propagations and of nocopy,
     * comma-separated. z and Z (SELinux relabelling) are accepted: this host labels nothing.
     */
    static boolean validMode(String mode) {
        if (mode.isEmpty()) return true;
        int rw = 0, label = 0, propagation = 0, copy = 0, consistency = 0;
        for (String m : mode.split(",", -1)) {
            switch (m) {
                case "rw", "ro" -> rw++;
                case "z", "Z" -> label++;
                case "nocopy" -> copy++;
                case "consistent", "cached", "delegated" -> consistency++;
                default -> {
                    if (PROPAGATIONS.contains(m)) propagation++;
                    else return false;
                }
            }
        }
        return rw <= 1 && label <= 1 && propagation <= 1 && copy <= 1 && consistency <= 1;
    }

    private static String cleanDestination(String dest, String type, String raw) {
        if (!dest.startsWith("/")) {
            throw invalidConfig(type, "invalid mount path: '" + dest + "' mount path must be absolute");
        }
        String clean = Path.of(dest).normalize().toString();
        if (clean.equals("/")) throw invalidConfig(type, "invalid specification: destination can't be '/'");
        return clean;
    }

    private static BerthException invalidConfig(String type, String why) {
        return new BerthException.InvalidArgument("invalid mount config for type \"" + type + "\": " + why);
    }

    private static BerthException invalidSpec(String raw) {
        return new BerthException.InvalidArgument("invalid volume specification: '" + raw + "'");
    }

    private static BerthException duplicate(String dest) {
        return new BerthException.InvalidArgument("Duplicate mount point: " + dest);
    }
}
