package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;
import dev.berth.common.io.Trees;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.image.Image;
import dev.berth.engine.image.ImageStore;
import dev.berth.engine.runtime.DockerSeccompProfiles;
import dev.berth.engine.runtime.OciSpecBuilder;
import dev.berth.engine.runtime.OomScores;
import dev.berth.engine.runtime.Rlimits;
import dev.berth.engine.mount.Mounts;
import dev.berth.engine.volume.CopyUp;
import dev.berth.engine.volume.MountPlanner;
import dev.berth.engine.volume.MountPoint;
import dev.berth.oci.image.ImageConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The create path: merges a client's request with its image's config (Docker's ENTRYPOINT/CMD,
 * env and label rules), validates it, and lays down the container's directory, writable layer and
 * /etc files before the record is written. A create that fails leaves nothing behind.
 */
final class ContainerCreation {
    private final ContainerStore store;
    private final ImageStore images;
    private final ContainerPaths paths;
    private final EventBus events;
    private final Containers.Settings settings;
    private final ContainerMounts mounts;
    private final ContainerEtc etc;
    private final ContainerNetworking networking;
    private final SecureRandom random = new SecureRandom();

    ContainerCreation(ContainerStore store, ImageStore images, ContainerPaths paths, EventBus events, Containers.Settings settings,
                      ContainerMounts mounts, ContainerEtc etc, ContainerNetworking networking) {
        this.etc = etc;
        this.networking = networking;
        this.settings = settings;
        this.mounts = mounts;
        this.store = store;
        this.images = images;
        this.paths = paths;
        this.events = events;
    }

    Created create(CreateRequest req) {
        Image image = images.get(req.image());
        ImageConfig.Config ic = image.config().configOrEmpty();
        String name = req.name();
        if (name != null && !name.isEmpty()) {
            if (!Names.isValid(name)) throw new BerthException.InvalidArgument("Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
            name = Names.strip(name);
        }
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String id = HexFormat.of().formatHex(raw);

        boolean cmdGiven = req.cmd() != null && !req.cmd().isEmpty();
        boolean entrypointGiven = req.entrypoint() != null && !(req.entrypoint().size() == 1 && req.entrypoint().getFirst().isEmpty()) && !req.entrypoint().isEmpty();
        boolean entrypointCleared = req.entrypoint() != null && (req.entrypoint().isEmpty() || (req.entrypoint().size() == 1 && req.entrypoint().getFirst().isEmpty()));
        List<String> entrypoint = entrypointGiven ? req.entrypoint() : entrypointCleared ? List.of() : nz(ic.entrypoint());
        List<String> cmd = cmdGiven ? req.cmd() : (entrypointGiven || entrypointCleared) ? List.of() : nz(ic.cmd());
        if (entrypoint.isEmpty() && cmd.isEmpty()) throw new BerthException.InvalidArgument("No command specified");

        Map<String, String> env = new LinkedHashMap<>();
        for (String e : nz(ic.env())) putEnv(env, e);
        for (String e : nz(req.env())) putEnv(env, e);
        List<String> envList = env.entrySet().stream().map(e -> e.getValue() == null ? e.getKey() : e.getKey() + "=" + e.getValue()).toList();

        Map<String, String> labels = new LinkedHashMap<>();
        if (ic.labels() != null) labels.putAll(ic.labels());
        if (req.labels() != null) labels.putAll(req.labels());
        List<String> ports = new ArrayList<>();
        if (ic.exposedPorts() != null) ports.addAll(ic.exposedPorts().keySet());
        for (String p : nz(req.exposedPorts())) if (!ports.contains(p)) ports.add(p);

        ContainerSpec.HostSettings host = req.host();
        ResourceLimits.Checked resources = checkResources(host.resources());
        host.kernel().validate(host.networkMode());
        host.devices().validate();
        checkUlimits(host.kernel());
        OomScores.checkGrantable(host.kernel().oomScoreAdj());
        host = host.withResources(resources.limits().withCreateDefaults())
                .withSecurity(SecurityOptions.parse(req.securityOpt(), settings.noNewPrivileges()));
        // a profile that cannot load is refused now, not at every start
        DockerSeccompProfiles.forSecurityOption(host.security().seccompProfile(),
                OciSpecBuilder.capabilities(RuntimeInputs.confinement(host)));
        ContainerNetworking.Plan networks = networking.plan(host.networkMode(), req.networking());
        req.names().validate();
        NameSettings names = new NameSettings(req.names().extraHosts(), req.names().dns(), req.names().dnsSearch(),
                req.names().dnsOptions(), etc.links().resolve(req.names().links(), host.networkMode()));
        String finalName = name == null || name.isEmpty() ? uniqueGeneratedName() : name;
        String hostname = req.hostname() != null && !req.hostname().isEmpty() ? req.hostname()
                // as Docker: a container on the host's network or UTS namespace is named as the host
                : host.networkMode().equals("host") || host.kernel().utsMode().equals("host") ? hostHostname() : id.substring(0, 12);
        if (spec0StopSignal(req, ic) != null) Signals.parse(spec0StopSignal(req, ic));
        // volumes are made last: nothing above may fail once they exist
        MountPlanner.checkTmpfs(host.tmpfs());
        MountPlanner.Plan plan = mounts.plan(req.mounts(), ic.volumes() == null ? List.of() : List.copyOf(ic.volumes().keySet()),
                host.tmpfs().keySet());
        ContainerSpec spec = new ContainerSpec(id, finalName, image.id().toString(), req.image(), Instant.now(), hostname,
                req.domainname() == null ? "" : req.domainname(),
                req.user() != null && !req.user().isEmpty() ? req.user() : ic.user() == null ? "" : ic.user(),
                envList, entrypoint, cmd,
                req.workingDir() != null && !req.workingDir().isEmpty() ? req.workingDir() : ic.workingDir() == null ? "" : ic.workingDir(),
                req.tty(), req.openStdin(), req.stdinOnce(), labels,
                req.stopSignal() != null && !req.stopSignal().isEmpty() ? req.stopSignal() : ic.stopSignal(),
                req.stopTimeout(), ports, host, req.healthCheck(), req.attach(), req.mounts(), plan.mounts(), req.ports(), names);

        Path dir = paths.dir(id);
        try {
            Files.createDirectories(paths.rootfs(id));
            images.snapshots().prepare(id, image.topLayer());
            etc.atCreate(spec);
            copyUp(spec, image);
            store.insert(spec, ContainerState.created());
            networking.record(spec, networks);
        } catch (IOException | RuntimeException e) {
            networking.removed(id);
            if (store.find(id).isPresent()) store.delete(id);
            mounts.rollback(plan);
            try {
                images.snapshots().remove(id);
                Trees.deleteRecursively(dir);
            } catch (IOException | RuntimeException ignored) {
                // nothing else was made
            }
            if (e instanceof BerthException be) throw be;
            throw new BerthException.Internal("cannot create container: " + e.getMessage(), e);
        }
        events.publish("container", "create", id, Containers.attributes(spec, Map.of()));
        List<String> warnings = new ArrayList<>(resources.warnings());
        if (host.networkMode().equals("host") && !req.ports().isEmpty()) warnings.add("Published ports are discarded when using host network mode");
        return new Created(spec, warnings);
    }

    private static String spec0StopSignal(CreateRequest req, ImageConfig.Config ic) {
        return req.stopSignal() != null && !req.stopSignal().isEmpty() ? req.stopSignal() : ic.stopSignal();
    }

    /**
     * Docker fills new, empty volumes with the image's content at their path when the container is
     * created: the rootfs is mounted for that, and only if some volume asks for it.
     */
    private void copyUp(ContainerSpec spec, Image image) throws IOException {
        List<MountPoint> wanting = spec.mounts().stream().filter(MountPoint::copyData).toList();
        if (wanting.isEmpty()) return;
        Path rootfs = paths.rootfs(spec.id());
        Mounts.mount(images.snapshots().mounts(spec.id(), image.topLayer()), rootfs);
        try {
            for (MountPoint m : wanting) CopyUp.populate(rootfs, m.destination(), mounts.volumes().dataDir(m.name()));
        } finally {
            Mounts.unmount(rootfs);
        }
    }

    private String uniqueGeneratedName() {
        for (int i = 0; i < 20; i++) {
            String n = Names.generate();
            if (store.find(n).isEmpty()) return n;
        }
        return Names.generate() + random.nextInt(1000);
    }

    private static void putEnv(Map<String, String> env, String e) {
        int eq = e.indexOf('=');
        if (eq < 0) env.put(e, null);
        else env.put(e.substring(0, eq), e.substring(eq + 1));
    }

    private static <T> List<T> nz(List<T> l) {
        return l == null ? List.of() : l;
    }

    /**
     * dockerd's checks of the resource fields (its messages); a value out of range is refused
     * here, before anything is made, and can then never overflow into the OCI spec.
     */
    private ResourceLimits.Checked checkResources(ResourceLimits asked) {
        ResourceLimits.Checked checked = asked.validate(settings.hostFacts());
        if (!checked.discarded().isEmpty()) {
            // what the host cannot enforce is refused rather than dropped with a warning nobody reads
            throw new BerthException.InvalidArgument(String.join("; ", checked.discarded()));
        }
        return checked;
    }

    private static String hostHostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** A ulimit the host cannot grant would fail every start with runc's bare EPERM: refuse it here, saying why. */
    private static void checkUlimits(KernelSettings kernel) {
        if (Rlimits.canRaise()) return;
        for (KernelSettings.Ulimit u : kernel.ulimits()) {
            java.util.OptionalLong max = Rlimits.hostHard(u.name());
            if (max.isPresent() && !Rlimits.withinLimit(u.hard(), max.getAsLong())) {
                throw new BerthException.InvalidArgument("ulimit " + u.name() + ": hard limit " + u.hard()
                        + " is above what this host grants (" + max.getAsLong() + "), and berthd lacks CAP_SYS_RESOURCE to raise it");
            }
        }
    }
}
