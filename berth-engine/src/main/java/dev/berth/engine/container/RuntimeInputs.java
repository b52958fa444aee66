package dev.berth.engine.container;

import dev.berth.engine.runtime.DeviceCgroupRules;
import dev.berth.engine.runtime.DeviceNodes;
import dev.berth.engine.runtime.OciSpecBuilder;
import dev.berth.oci.runtime.RuntimeSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * A container's spec in the runtime's terms. The runtime package sits below this one and knows
 * nothing of containers as the API describes them; this is where the two meet.
 */
final class RuntimeInputs {
    private RuntimeInputs() {}

    static OciSpecBuilder.Process process(ContainerSpec spec) {
        return process(spec, List.of());
    }

    /** With {@code linkEnv} (what --link adds) first: the container's own variables win over it, as in dockerd. */
    static OciSpecBuilder.Process process(ContainerSpec spec, List<String> linkEnv) {
        ContainerSpec.HostSettings host = spec.host();
        List<String> env = spec.env();
        if (!linkEnv.isEmpty()) {
            java.util.Set<String> own = new java.util.HashSet<>();
            for (String e : spec.env()) own.add(e.contains("=") ? e.substring(0, e.indexOf('=')) : e);
            env = new ArrayList<>(linkEnv.stream().filter(e -> !own.contains(e.substring(0, e.indexOf('=')))).toList());
            env.addAll(spec.env());
        }
        return new OciSpecBuilder.Process(spec.argv(), spec.user(), env, spec.workingDir(), spec.tty(),
                host.consoleHeight(), host.consoleWidth());
    }

    static OciSpecBuilder.Confinement confinement(ContainerSpec.HostSettings host) {
        SecurityOptions security = host.security();
        return new OciSpecBuilder.Confinement(host.privileged(), host.capAdd(), host.capDrop(), host.readonlyRootfs(), host.init(),
                security.noNewPrivileges(), security.seccompProfile());
    }

    /** A unified (v2) cgroup hierarchy: Docker's default cgroup namespace is private there, the host's on v1. */
    static final boolean CGROUP_V2 = java.nio.file.Files.exists(java.nio.file.Path.of("/sys/fs/cgroup/cgroup.controllers"));

    static OciSpecBuilder.Kernel kernel(ContainerSpec.HostSettings host) {
        KernelSettings k = host.kernel();
        return new OciSpecBuilder.Kernel(k.pidMode().equals("host"), k.utsMode().equals("host"), k.ipcMode(),
                k.effectiveCgroupnsMode(CGROUP_V2).equals("private"), k.groupAdd(),
                k.ulimits().stream().map(u -> new OciSpecBuilder.Rlimit(u.name(), u.soft(), u.hard())).toList(), k.sysctls(),
                k.oomScoreAdj());
    }

    static OciSpecBuilder.Limits limits(ContainerSpec.HostSettings host) {
        return limits(host.resources());
    }

    /** ResourceLimits in the runtime's terms: a pids limit of 0 or below, Docker's "unlimited", is -1 there. */
    static OciSpecBuilder.Limits limits(ResourceLimits r) {
        long pids = r.pidsLimit() == null ? 0 : r.pidsLimit() > 0 ? r.pidsLimit() : -1;
        return new OciSpecBuilder.Limits(r.memory(), r.memorySwap(), r.nanoCpus(), r.cpuShares(), pids, r.shmSize(),
                r.memoryReservation(), r.memorySwappiness(), r.oomKillDisable(), r.cpuPeriod(), r.cpuQuota(),
                r.cpusetCpus(), r.cpusetMems(), r.blkioWeight());
    }

    /**
     * The container's {@code --device} nodes as the host has them now, and its cgroup rules.
     * Reads the host's /dev (lstat), so it belongs to start, not to create.
     */
    static OciSpecBuilder.Devices devices(DeviceAccess access) {
        if (access.devices().isEmpty() && access.cgroupRules().isEmpty()) return OciSpecBuilder.Devices.NONE;
        List<RuntimeSpec.Device> nodes = new ArrayList<>();
        List<RuntimeSpec.DeviceRule> rules = new ArrayList<>();
        for (DeviceAccess.Mapping m : access.devices()) {
            DeviceNodes.Resolved r = DeviceNodes.resolve(m.pathOnHost(), m.pathInContainer(), m.effectivePermissions());
            nodes.addAll(r.nodes());
            rules.addAll(r.rules());
        }
        for (String rule : access.cgroupRules()) rules.add(DeviceCgroupRules.parse(rule));
        return new OciSpecBuilder.Devices(nodes, rules);
    }
}
