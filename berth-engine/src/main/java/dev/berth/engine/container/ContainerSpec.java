package dev.berth.engine.container;

import dev.berth.engine.network.ports.PortRequests;
import dev.berth.engine.volume.MountPoint;
import dev.berth.engine.volume.MountRequests;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a container is, fixed at create: never changes afterwards (podman's ContainerConfig).
 * The mutable part lives in {@link ContainerState}.
 */
public record ContainerSpec(
        String id,
        String name,
        String imageId,
        String imageName,
        Instant created,
        String hostname,
        String domainname,
        String user,
        List<String> env,
        List<String> entrypoint,
        List<String> cmd,
        String workingDir,
        boolean tty,
        boolean openStdin,
        boolean stdinOnce,
        Map<String, String> labels,
        String stopSignal,
        Integer stopTimeout,
        List<String> exposedPorts,
        HostSettings host,
        dev.berth.engine.container.health.HealthCheck healthCheck,
        Attach attach,
        MountRequests mountRequests,
        List<MountPoint> mounts,
        PortRequests ports,
        NameSettings names) {

    /** Docker's {@code Config.AttachStdin/AttachStdout/AttachStderr}: which streams the creating client meant to attach. */
    public record Attach(boolean stdin, boolean stdout, boolean stderr) {
        public static final Attach NONE = new Attach(false, false, false);
    }

    public ContainerSpec {
        // records written before the field existed read back as null
        if (attach == null) attach = Attach.NONE;
        if (mountRequests == null) mountRequests = MountRequests.NONE;
        if (ports == null) ports = PortRequests.NONE;
        if (names == null) names = NameSettings.NONE;
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        env = List.copyOf(env);
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        labels = Map.copyOf(labels);
        exposedPorts = List.copyOf(exposedPorts);
    }

    /** A container without mounts of its data. */
    public ContainerSpec(String id, String name, String imageId, String imageName, Instant created, String hostname,
                         String domainname, String user, List<String> env, List<String> entrypoint, List<String> cmd,
                         String workingDir, boolean tty, boolean openStdin, boolean stdinOnce, Map<String, String> labels,
                         String stopSignal, Integer stopTimeout, List<String> exposedPorts, HostSettings host,
                         dev.berth.engine.container.health.HealthCheck healthCheck, Attach attach) {
        this(id, name, imageId, imageName, created, hostname, domainname, user, env, entrypoint, cmd, workingDir, tty,
                openStdin, stdinOnce, labels, stopSignal, stopTimeout, exposedPorts, host, healthCheck, attach,
                MountRequests.NONE, List.of(), PortRequests.NONE, NameSettings.NONE);
    }

    /** This container with new host settings (the only part docker update changes). */
    public ContainerSpec withHost(HostSettings newHost) {
        return new ContainerSpec(id, name, imageId, imageName, created, hostname, domainname, user, env, entrypoint, cmd,
                workingDir, tty, openStdin, stdinOnce, labels, stopSignal, stopTimeout, exposedPorts, newHost, healthCheck, attach,
                mountRequests, mounts, ports, names);
    }

    /** This container under another name (docker rename). */
    public ContainerSpec withName(String newName) {
        return new ContainerSpec(id, newName, imageId, imageName, created, hostname, domainname, user, env, entrypoint, cmd,
                workingDir, tty, openStdin, stdinOnce, labels, stopSignal, stopTimeout, exposedPorts, host, healthCheck, attach,
                mountRequests, mounts, ports, names);
    }

    /** The names of the volumes this container mounts. */
    public List<String> volumeNames() {
        return mounts.stream().filter(MountPoint::isVolume).map(MountPoint::name).toList();
    }

    /** The process to run: entrypoint followed by cmd. */
    public List<String> argv() {
        List<String> all = new java.util.ArrayList<>(entrypoint);
        all.addAll(cmd);
        return all;
    }

    /**
     * Host-side settings (Docker's HostConfig, in berth's terms). The cgroup limits are one
     * {@link ResourceLimits} (Docker's {@code Resources}, {@code ShmSize} included) and the device
     * nodes and rules one {@link DeviceAccess}; records stored before those existed kept six of the
     * limits as fields of their own and are read through {@link LegacySpecs}.
     */
    public record HostSettings(
            boolean autoRemove,
            RestartPolicy restartPolicy,
            ResourceLimits resources,
            DeviceAccess devices,
            boolean readonlyRootfs,
            List<String> capAdd,
            List<String> capDrop,
            boolean privileged,
            boolean init,
            String networkMode,
            List<String> binds,
            Map<String, String> tmpfs,
            String logDriver,
            Map<String, String> logOptions,
            int consoleHeight,
            int consoleWidth,
            SecurityOptions security,
            KernelSettings kernel) {
        public HostSettings {
            if (resources == null) resources = ResourceLimits.NONE;
            if (devices == null) devices = DeviceAccess.NONE;
            if (security == null) security = SecurityOptions.NONE;
            if (kernel == null) kernel = KernelSettings.DEFAULT;
            capAdd = List.copyOf(capAdd);
            capDrop = List.copyOf(capDrop);
            binds = List.copyOf(binds);
            tmpfs = Map.copyOf(tmpfs);
            logOptions = Map.copyOf(logOptions);
            // records written before the field existed read back as null
            if (logDriver == null || logDriver.isEmpty()) logDriver = "json-file";
        }

        /** These settings with new resource limits (create's defaults, docker update). */
        public HostSettings withResources(ResourceLimits limits) {
            return new HostSettings(autoRemove, restartPolicy, limits, devices, readonlyRootfs, capAdd, capDrop, privileged, init,
                    networkMode, binds, tmpfs, logDriver, logOptions, consoleHeight, consoleWidth, security, kernel);
        }

        /** These settings with a new restart policy (docker update --restart). */
        public HostSettings withRestartPolicy(RestartPolicy policy) {
            return new HostSettings(autoRemove, policy, resources, devices, readonlyRootfs, capAdd, capDrop, privileged, init,
                    networkMode, binds, tmpfs, logDriver, logOptions, consoleHeight, consoleWidth, security, kernel);
        }

        /** These settings with the security options berthd resolved at create. */
        public HostSettings withSecurity(SecurityOptions resolved) {
            return new HostSettings(autoRemove, restartPolicy, resources, devices, readonlyRootfs, capAdd, capDrop, privileged, init,
                    networkMode, binds, tmpfs, logDriver, logOptions, consoleHeight, consoleWidth, resolved, kernel);
        }
    }

    /** Docker's restart policies: no, always, unless-stopped, on-failure[:max]. */
    public record RestartPolicy(String name, int maximumRetryCount) {
        public static final RestartPolicy NO = new RestartPolicy("no", 0);

        public RestartPolicy {
            if (name == null || name.isEmpty()) name = "no";
            if (!List.of("no", "always", "unless-stopped", "on-failure").contains(name)) {
                throw new dev.berth.common.errors.BerthException.InvalidArgument("invalid restart policy '" + name + "'");
            }
            if (maximumRetryCount < 0) {
                throw new dev.berth.common.errors.BerthException.InvalidArgument("invalid restart policy: maximum retry count cannot be negative");
            }
            if (maximumRetryCount > 0 && !name.equals("on-failure")) {
                throw new dev.berth.common.errors.BerthException.InvalidArgument("invalid restart policy: maximum retry count can only be used with 'on-failure'");
            }
        }

        /** Whether a container that exited with {@code exitCode} should be restarted. */
        public boolean shouldRestart(int exitCode, boolean stoppedByUser, int restartCount) {
            if (stoppedByUser) return false;
            return switch (name) {
                case "always", "unless-stopped" -> true;
                case "on-failure" -> exitCode != 0 && (maximumRetryCount == 0 || restartCount < maximumRetryCount);
                default -> false;
            };
        }
    }
}
