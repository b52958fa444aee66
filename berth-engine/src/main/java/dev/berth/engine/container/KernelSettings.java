package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the kernel gives the container's processes besides resources: which namespaces it shares
 * with the host (Docker's {@code PidMode}, {@code UTSMode}, {@code IpcMode}, {@code CgroupnsMode}),
 * its supplementary groups ({@code GroupAdd}), rlimits ({@code Ulimits}) and namespaced sysctls
 * ({@code Sysctls}) and the OOM killer's preference ({@code OomScoreAdj}, -1000..1000, written to
 * the process's {@code oom_score_adj}). Validated as dockerd validates them; modes berth cannot provide yet
 * ({@code container:NAME}) are refused with the field named.
 */
public record KernelSettings(String pidMode, String utsMode, String ipcMode, String cgroupnsMode,
                             List<String> groupAdd, List<Ulimit> ulimits, Map<String, String> sysctls, int oomScoreAdj) {
    public static final KernelSettings DEFAULT = new KernelSettings("", "", "", "", List.of(), List.of(), Map.of(), 0);

    /** Without an {@code OomScoreAdj} (0, Docker's default). */
    public KernelSettings(String pidMode, String utsMode, String ipcMode, String cgroupnsMode,
                          List<String> groupAdd, List<Ulimit> ulimits, Map<String, String> sysctls) {
        this(pidMode, utsMode, ipcMode, cgroupnsMode, groupAdd, ulimits, sysctls, 0);
    }

    /** Docker's {@code --ulimit} names (the rlimits Linux has), as {@code RLIMIT_<NAME>} in the OCI spec. */
    static final Set<String> ULIMIT_NAMES = Set.of("as", "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue",
            "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");
    /** Sysctls that live in a namespace a container owns (dockerd's list): the IPC ones, then by prefix. */
    private static final Set<String> IPC_SYSCTLS = Set.of("kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
            "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced");

    /** One rlimit: {@code --ulimit name=soft[:hard]}. */
    public record Ulimit(String name, long soft, long hard) {
        public Ulimit {
            if (!ULIMIT_NAMES.contains(name)) throw new BerthException.InvalidArgument("invalid ulimit type: " + name);
            if (soft > hard) {
                throw new BerthException.InvalidArgument("ulimit soft limit must be less than or equal to hard limit: " + soft + " > " + hard);
            }
        }
    }

    public KernelSettings {
        pidMode = pidMode == null ? "" : pidMode;
        utsMode = utsMode == null ? "" : utsMode;
        ipcMode = ipcMode == null ? "" : ipcMode;
        cgroupnsMode = cgroupnsMode == null ? "" : cgroupnsMode;
        groupAdd = groupAdd == null ? List.of() : List.copyOf(groupAdd);
        ulimits = ulimits == null ? List.of() : List.copyOf(ulimits);
        sysctls = sysctls == null ? Map.of() : Map.copyOf(sysctls);
    }

    /** dockerd's checks at create; {@code networkMode} decides whether net.* sysctls are the container's. */
    public KernelSettings validate(String networkMode) {
        mode("PidMode", pidMode, Set.of("", "host"));
        mode("UTSMode", utsMode, Set.of("", "host"));
        mode("IpcMode", ipcMode, Set.of("", "private", "shareable", "host", "none"));
        if (oomScoreAdj < -1000 || oomScoreAdj > 1000) {
            throw new BerthException.InvalidArgument("Invalid value " + oomScoreAdj + ", range for oom score adj is [-1000, 1000]");
        }
        if (!Set.of("", "private", "host").contains(cgroupnsMode)) {
            throw new BerthException.InvalidArgument("invalid cgroup namespace mode: " + cgroupnsMode);
        }
        for (String g : groupAdd) {
            if (g.isBlank()) throw new BerthException.InvalidArgument("invalid group in GroupAdd: \"" + g + "\"");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Ulimit u : ulimits) {
            if (!seen.add(u.name())) throw new BerthException.InvalidArgument("duplicate ulimit: " + u.name());
        }
        for (String key : sysctls.keySet()) {
            boolean ipc = IPC_SYSCTLS.contains(key) || key.startsWith("fs.mqueue.");
            boolean net = key.startsWith("net.");
            if (!ipc && !net) throw new BerthException.InvalidArgument("sysctl '" + key + "' is not whitelisted");
            if (ipc && ipcMode.equals("host")) throw new BerthException.InvalidArgument("sysctl '" + key + "' not allowed in host IPC namespace");
            if (net && networkMode.equals("host")) throw new BerthException.InvalidArgument("sysctl '" + key + "' not allowed in host network namespace");
        }
        return this;
    }

    private static void mode(String field, String value, Set<String> known) {
        if (known.contains(value)) return;
        if (value.startsWith("container:")) {
            throw new BerthException.NotImplemented("berth: HostConfig." + field + " \"" + value + "\" (joining another container's namespace) is not implemented yet");
        }
        throw new BerthException.InvalidArgument("invalid " + field + ": " + value);
    }

    /** Docker's default cgroup namespace mode on this host: private on cgroup v2, host on v1. */
    public String effectiveCgroupnsMode(boolean cgroupV2) {
        return cgroupnsMode.isEmpty() ? (cgroupV2 ? "private" : "host") : cgroupnsMode;
    }
}
