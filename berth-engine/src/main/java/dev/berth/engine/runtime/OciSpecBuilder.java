package dev.berth.engine.runtime;

import dev.berth.common.errors.BerthException;
import dev.berth.oci.runtime.RuntimeSpec;
import dev.berth.oci.runtime.RuntimeSpec.Mount;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Describes a container as an OCI runtime spec: Docker's defaults for namespaces, capabilities,
 * masked and read-only paths, /dev, seccomp and rlimits, then the container's own settings.
 * Pure: it reads the rootfs's /etc/passwd to resolve a user name, and nothing else.
 */
public final class OciSpecBuilder {
    public static final List<String> DEFAULT_CAPS = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER",
            "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
            "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");
    public static final List<String> ALL_CAPS = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER",
            "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
            "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
            "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
            "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
            "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
            "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE");
    /**
     * What "all capabilities" means here: those in berthd's own bounding set. A sandboxed root may
     * lack some (this machine lacks CAP_SYS_RESOURCE), and runc fails outright if asked for them.
     */
    public static final List<String> HOST_CAPS = boundedBy(hostBoundingSet());

    static List<String> boundedBy(long bounding) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < ALL_CAPS.size(); i++) if ((bounding & (1L << i)) != 0) out.add(ALL_CAPS.get(i));
        return List.copyOf(out);
    }

    private static long hostBoundingSet() {
        try {
            for (String l : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (l.startsWith("CapBnd:")) return Long.parseUnsignedLong(l.substring(7).trim(), 16);
            }
        } catch (java.io.IOException | NumberFormatException ignored) {
            // assume everything
        }
        return -1L;
    }

    public static final List<String> MASKED = List.of("/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
            "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap");
    public static final List<String> READONLY = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");
    public static final long MIN_MEMORY = 6 * 1024 * 1024;

    /** The container's process as the image and the client set it: argv, user (name or id), environment, working dir, tty. */
    public record Process(List<String> argv, String user, List<String> env, String workingDir,
                          boolean tty, int consoleHeight, int consoleWidth) {}

    /**
     * How far the container is confined: Docker's {@code --privileged}, {@code --cap-add/--cap-drop},
     * {@code --read-only}, {@code --init}, and {@code --security-opt} {@code no-new-privileges} and
     * {@code seccomp=} (null: Docker's default profile; "unconfined"; or a Docker profile's JSON).
     */
    public record Confinement(boolean privileged, List<String> capAdd, List<String> capDrop, boolean readonlyRootfs, boolean init,
                              boolean noNewPrivileges, String seccompProfile) {
        /** Docker's defaults apart from the given capabilities, root filesystem and init. */
        public Confinement(boolean privileged, List<String> capAdd, List<String> capDrop, boolean readonlyRootfs, boolean init) {
            this(privileged, capAdd, capDrop, readonlyRootfs, init, false, null);
        }
    }

    /**
     * Resource limits in Docker's units; 0 (or null, "") means not set (shm: Docker's 64 MiB).
     * {@code pidsLimit} -1 is a limit explicitly lifted; {@code memorySwapBytes} -1 unlimited swap.
     * {@link CgroupResources} turns them into {@code linux.resources}.
     */
    public record Limits(long memoryBytes, long memorySwapBytes, long nanoCpus, long cpuShares, long pidsLimit, long shmSize,
                         long memoryReservation, Long memorySwappiness, Boolean oomKillDisable, long cpuPeriod, long cpuQuota,
                         String cpusetCpus, String cpusetMems, int blkioWeight) {
        public Limits {
            cpusetCpus = cpusetCpus == null ? "" : cpusetCpus;
            cpusetMems = cpusetMems == null ? "" : cpusetMems;
        }

        /** Memory, CPUs, shares, pids and /dev/shm only. */
        public Limits(long memoryBytes, long memorySwapBytes, long nanoCpus, long cpuShares, long pidsLimit, long shmSize) {
            this(memoryBytes, memorySwapBytes, nanoCpus, cpuShares, pidsLimit, shmSize, 0, null, null, 0, 0, "", "", 0);
        }
    }

    /**
     * Docker's {@code --device} mappings already read from the host ({@link DeviceNodes}), and the
     * allow rules of {@code --device-cgroup-rule} ({@link DeviceCgroupRules}).
     */
    public record Devices(List<RuntimeSpec.Device> nodes, List<RuntimeSpec.DeviceRule> rules) {
        public static final Devices NONE = new Devices(List.of(), List.of());

        public Devices {
            nodes = List.copyOf(nodes);
            rules = List.copyOf(rules);
        }
    }

    /**
     * Namespaces shared with the host, supplementary groups (names or ids, resolved in the
     * container's /etc/group), rlimits by Docker's names (-1 unlimited) and sysctls.
     */
    public record Kernel(boolean hostPid, boolean hostUts, String ipcMode, boolean privateCgroupns,
                         List<String> groupAdd, List<Rlimit> rlimits, Map<String, String> sysctls, int oomScoreAdj) {
        public static final Kernel DEFAULT = new Kernel(false, false, "", false, List.of(), List.of(), Map.of(), 0);

        public Kernel(boolean hostPid, boolean hostUts, String ipcMode, boolean privateCgroupns,
                      List<String> groupAdd, List<Rlimit> rlimits, Map<String, String> sysctls) {
            this(hostPid, hostUts, ipcMode, privateCgroupns, groupAdd, rlimits, sysctls, 0);
        }
    }

    /** One {@code --ulimit}: Docker's name ("nofile"), soft and hard. */
    public record Rlimit(String name, long soft, long hard) {}

    /** Everything one start of a container asks of the runtime, in the runtime's own terms. */
    public record Inputs(String id, String hostname, Process process, Confinement confinement, Limits limits,
                         Map<String, String> tmpfs, Path rootfs, Path hostsFile, Path hostnameFile, Path resolvConf,
                         String netnsPath, String cgroupParent, long hostNofileHard, List<Mount> extraMounts, Path initBinary,
                         Kernel kernel, Devices devices) {
        public Inputs {
            if (kernel == null) kernel = Kernel.DEFAULT;
            if (devices == null) devices = Devices.NONE;
        }

        public Inputs(String id, String hostname, Process process, Confinement confinement, Limits limits,
                      Map<String, String> tmpfs, Path rootfs, Path hostsFile, Path hostnameFile, Path resolvConf,
                      String netnsPath, String cgroupParent, long hostNofileHard, List<Mount> extraMounts, Path initBinary,
                      Kernel kernel) {
            this(id, hostname, process, confinement, limits, tmpfs, rootfs, hostsFile, hostnameFile, resolvConf, netnsPath,
                    cgroupParent, hostNofileHard, extraMounts, initBinary, kernel, Devices.NONE);
        }

        public Inputs(String id, String hostname, Process process, Confinement confinement, Limits limits,
                      Map<String, String> tmpfs, Path rootfs, Path hostsFile, Path hostnameFile, Path resolvConf,
                      String netnsPath, String cgroupParent, long hostNofileHard, List<Mount> extraMounts, Path initBinary) {
            this(id, hostname, process, confinement, limits, tmpfs, rootfs, hostsFile, hostnameFile, resolvConf, netnsPath,
                    cgroupParent, hostNofileHard, extraMounts, initBinary, Kernel.DEFAULT, Devices.NONE);
        }
    }

    public RuntimeSpec build(Inputs in) {
        Process proc = in.process();
        Confinement host = in.confinement();
        Limits limits = in.limits();
        List<String> args = proc.argv();
        if (args.isEmpty()) throw new BerthException.InvalidArgument("No command specified");
        if (host.init() && in.initBinary() != null) {
            List<String> withInit = new ArrayList<>(List.of("/dev/init", "--"));
            withInit.addAll(args);
            args = withInit;
        }
        Kernel kernel = in.kernel();
        RuntimeSpec.User user = withGroups(resolveUser(proc.user(), in.rootfs()), kernel.groupAdd(), in.rootfs());
        List<String> caps = capabilities(host);
        List<String> env = new ArrayList<>(proc.env());
        if (env.stream().noneMatch(e -> e.startsWith("PATH="))) env.addFirst("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        if (env.stream().noneMatch(e -> e.startsWith("HOSTNAME="))) env.add("HOSTNAME=" + in.hostname());
        if (proc.tty() && env.stream().noneMatch(e -> e.startsWith("TERM="))) env.add("TERM=xterm");
        long nofile = Math.min(1048576L, in.hostNofileHard());
        List<RuntimeSpec.Rlimit> rlimits = new ArrayList<>();
        if (kernel.rlimits().stream().noneMatch(r -> r.name().equals("nofile"))) rlimits.add(new RuntimeSpec.Rlimit("RLIMIT_NOFILE", nofile, nofile));
        for (Rlimit r : kernel.rlimits()) rlimits.add(new RuntimeSpec.Rlimit("RLIMIT_" + r.name().toUpperCase(java.util.Locale.ROOT), r.hard(), r.soft()));
        RuntimeSpec.Process process = new RuntimeSpec.Process(
                proc.tty(),
                proc.tty() && proc.consoleHeight() > 0 ? new RuntimeSpec.ConsoleSize(proc.consoleHeight(), proc.consoleWidth()) : null,
                user, args, env,
                proc.workingDir() == null || proc.workingDir().isEmpty() ? "/" : proc.workingDir(),
                RuntimeSpec.Capabilities.of(caps),
                List.copyOf(rlimits),
                // as dockerd, always set: the container does not inherit berthd's (or conmon's) score
                host.noNewPrivileges(), kernel.oomScoreAdj());

        List<Mount> mounts = new ArrayList<>(List.of(
                new Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
                new Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
                new Mount("/dev/pts", "devpts", "devpts", List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
                new Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", host.privileged() ? "rw" : "ro")),
                new Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("nosuid", "noexec", "nodev", "relatime", host.privileged() ? "rw" : "ro")),
                new Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
                new Mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=" + (limits.shmSize() > 0 ? limits.shmSize() : 67108864L)))));
        // as Docker: with --read-only the files berthd writes for the container are read-only too
        boolean ro = host.readonlyRootfs();
        if (in.resolvConf() != null) mounts.add(bind("/etc/resolv.conf", in.resolvConf(), ro));
        if (in.hostnameFile() != null) mounts.add(bind("/etc/hostname", in.hostnameFile(), ro));
        if (in.hostsFile() != null) mounts.add(bind("/etc/hosts", in.hostsFile(), ro));
        if (host.init() && in.initBinary() != null) mounts.add(new Mount("/dev/init", "bind", in.initBinary().toString(), List.of("rbind", "ro")));
        // as dockerd: a user's mount replaces berth's own at the same place (its /etc/hosts, /dev/shm...),
        // and a --tmpfs wins over a volume or bind asking for the same place
        for (Mount m : in.extraMounts()) {
            if (in.tmpfs().containsKey(m.destination())) continue;
            replaceAt(mounts, m.destination());
            mounts.add(m);
        }
        in.tmpfs().forEach((dest, opts) -> {
            List<String> o = new ArrayList<>(List.of("nosuid", "nodev", "noexec"));
            if (!opts.isEmpty()) o.addAll(List.of(opts.split(",")));
            replaceAt(mounts, dest);
            mounts.add(new Mount(dest, "tmpfs", "tmpfs", o));
        });

        // as Docker: --pid/--uts/--ipc host share the host's; --ipc none is a private one without /dev/shm
        List<RuntimeSpec.Namespace> namespaces = new ArrayList<>();
        if (!kernel.hostPid()) namespaces.add(new RuntimeSpec.Namespace("pid", null));
        if (!kernel.ipcMode().equals("host")) namespaces.add(new RuntimeSpec.Namespace("ipc", null));
        if (!kernel.hostUts()) namespaces.add(new RuntimeSpec.Namespace("uts", null));
        namespaces.add(new RuntimeSpec.Namespace("mount", null));
        if (kernel.privateCgroupns()) namespaces.add(new RuntimeSpec.Namespace("cgroup", null));
        if (kernel.ipcMode().equals("none") || kernel.ipcMode().equals("host")) {
            mounts.removeIf(m -> m.destination().equals("/dev/shm"));
            if (kernel.ipcMode().equals("host")) mounts.add(new Mount("/dev/shm", "bind", "/dev/shm", List.of("rbind", "rprivate")));
        }
        if (in.netnsPath() != null) namespaces.add(new RuntimeSpec.Namespace("network", in.netnsPath().isEmpty() ? null : in.netnsPath()));

        // as dockerd: deny everything, then allow each --device and --device-cgroup-rule (runc adds its default nodes' rules)
        List<RuntimeSpec.DeviceRule> deviceRules = new ArrayList<>(List.of(new RuntimeSpec.DeviceRule(false, null, null, null, "rwm")));
        deviceRules.addAll(in.devices().rules());
        RuntimeSpec.Resources resources = CgroupResources.atStart(limits, host.privileged() ? null : List.copyOf(deviceRules));

        RuntimeSpec.Seccomp seccomp = host.privileged() ? null : DockerSeccompProfiles.forSecurityOption(host.seccompProfile(), caps);
        RuntimeSpec.Linux linux = new RuntimeSpec.Linux(namespaces, resources,
                in.cgroupParent() + "/" + in.id(), kernel.sysctls().isEmpty() ? null : Map.copyOf(kernel.sysctls()),
                host.privileged() ? null : MASKED, host.privileged() ? null : READONLY, seccomp,
                in.devices().nodes().isEmpty() ? null : in.devices().nodes());
        // with the host's UTS namespace runc may not set a hostname
        return new RuntimeSpec("1.0.2", process, new RuntimeSpec.Root(in.rootfs().toString(), host.readonlyRootfs()),
                kernel.hostUts() ? null : in.hostname(), mounts, linux);
    }

    /** Drops the mounts at {@code destination}; a mount of /dev takes the place of everything under it too. */
    private static void replaceAt(List<Mount> mounts, String destination) {
        mounts.removeIf(m -> m.destination().equals(destination) || (destination.equals("/dev") && m.destination().startsWith("/dev/")));
    }

    private static Mount bind(String dest, Path source, boolean ro) {
        return new Mount(dest, "bind", source.toString(), ro ? List.of("rbind", "rprivate", "ro") : List.of("rbind", "rprivate"));
    }

    /** The container's capability set: Docker's defaults, less --cap-drop, plus --cap-add; all of them when privileged. */
    public static List<String> capabilities(Confinement host) {
        if (host.privileged()) return HOST_CAPS;
        Set<String> caps = new LinkedHashSet<>();
        boolean dropAll = host.capDrop().stream().anyMatch(c -> c.equalsIgnoreCase("ALL"));
        if (!dropAll) caps.addAll(DEFAULT_CAPS);
        for (String c : host.capAdd()) {
            if (c.equalsIgnoreCase("ALL")) caps.addAll(HOST_CAPS);
            else caps.add(normalizeCap(c));
        }
        for (String c : host.capDrop()) if (!c.equalsIgnoreCase("ALL")) caps.remove(normalizeCap(c));
        return List.copyOf(caps);
    }

    static String normalizeCap(String c) {
        String up = c.toUpperCase();
        String n = up.startsWith("CAP_") ? up : "CAP_" + up;
        if (!ALL_CAPS.contains(n)) throw new BerthException.InvalidArgument("invalid capability: " + c);
        return n;
    }

    /** {@code user} with the supplementary groups of {@code --group-add} (names resolved in the rootfs's /etc/group). */
    public static RuntimeSpec.User withGroups(RuntimeSpec.User user, List<String> groupAdd, Path rootfs) {
        if (groupAdd.isEmpty()) return user;
        List<Long> gids = new ArrayList<>();
        for (String g : groupAdd) {
            if (g.matches("\\d+")) {
                gids.add(Long.parseLong(g));
                continue;
            }
            String[] gr = lookup(rootfs.resolve("etc/group"), g);
            if (gr == null) throw new BerthException.InvalidArgument("Unable to find group " + g + ": no matching entries in group file");
            gids.add(Long.parseLong(gr[2]));
        }
        return new RuntimeSpec.User(user.uid(), user.gid(), List.copyOf(gids));
    }

    /** Resolves {@code user[:group]} (names or ids) against the rootfs's passwd and group files. */
    public static RuntimeSpec.User resolveUser(String user, Path rootfs) {
        if (user == null || user.isEmpty()) return new RuntimeSpec.User(0, 0, null);
        String[] parts = user.split(":", 2);
        long uid;
        long gid = 0;
        String[] pw = lookup(rootfs.resolve("etc/passwd"), parts[0]);
        if (parts[0].matches("\\d+")) {
            uid = Long.parseLong(parts[0]);
            if (pw != null) gid = Long.parseLong(pw[3]);
        } else {
            if (pw == null) throw new BerthException.InvalidArgument("unable to find user " + parts[0] + ": no matching entries in passwd file");
            uid = Long.parseLong(pw[2]);
            gid = Long.parseLong(pw[3]);
        }
        if (parts.length == 2) {
            if (parts[1].matches("\\d+")) {
                gid = Long.parseLong(parts[1]);
            } else {
                String[] gr = lookup(rootfs.resolve("etc/group"), parts[1]);
                if (gr == null) throw new BerthException.InvalidArgument("unable to find group " + parts[1] + ": no matching entries in group file");
                gid = Long.parseLong(gr[2]);
            }
        }
        return new RuntimeSpec.User(uid, gid, null);
    }

    private static String[] lookup(Path file, String nameOrId) {
        try {
            if (!Files.isRegularFile(file)) return null;
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split(":", -1); // keep empty fields: "staff:x:50:" has four
                if (f.length >= 4 && (f[0].equals(nameOrId) || f[2].equals(nameOrId))) return f;
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }
}
