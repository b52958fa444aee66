package dev.berth.engine.container;

import dev.berth.engine.runtime.OciSpecBuilder;

/**
 * A container's spec in the runtime's terms. The runtime package sits below this one and knows
 * nothing of containers as the API describes them; this is where the two meet.
 */
final class RuntimeInputs {
    private RuntimeInputs() {}

    static OciSpecBuilder.Process process(ContainerSpec spec) {
        ContainerSpec.HostSettings host = spec.host();
        return new OciSpecBuilder.Process(spec.argv(), spec.user(), spec.env(), spec.workingDir(), spec.tty(),
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
                k.ulimits().stream().map(u -> new OciSpecBuilder.Rlimit(u.name(), u.soft(), u.hard())).toList(), k.sysctls());
    }

    static OciSpecBuilder.Limits limits(ContainerSpec.HostSettings host) {
        return new OciSpecBuilder.Limits(host.memoryBytes(), host.memorySwapBytes(), host.nanoCpus(), host.cpuShares(),
                host.pidsLimit(), host.shmSize());
    }
}
