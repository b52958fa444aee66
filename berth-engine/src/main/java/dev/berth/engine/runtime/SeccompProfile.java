package dev.berth.engine.runtime;

import dev.berth.oci.runtime.RuntimeSpec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * berth's default seccomp profile: Docker's default profile (moby/profiles seccomp v0.2.3),
 * written as a deny list. Every call that profile refuses to a container with these capabilities
 * fails with EPERM here too; everything else is allowed.
 *
 * <p>A deny list rather than Docker's allow list of ~370 calls, because runc compiles the profile
 * in every container's init: the allow list cost ~12 ms per container start here, this one ~1 ms.
 * What a deny list cannot do is refuse calls newer than its table (Docker's refuses them all);
 * the table below is Docker's as of kernel 6.13 plus {@code open_tree_attr} (6.15), so for example
 * {@code file_getattr}/{@code file_setattr} (6.17) pass here and not under Docker.
 *
 * <p>As in Docker's profile, some calls open up with a capability ({@code --cap-add SYS_TIME}
 * allows {@code settimeofday}; dropping {@code SYS_CHROOT} refuses {@code chroot}), and three take
 * conditions on their arguments:
 * <ul>
 * <li>{@code personality} is allowed for 0 (PER_LINUX), 8 (PER_LINUX32), 0x20000 (UNAME26),
 * 0x20008 (both) and 0xffffffff (the query), refused for everything else, so {@code linux32}
 * works but ASLR and the other persona flags cannot be switched off. libseccomp lets a deny rule
 * win over any allow rule for the same call, so the refused values are written as a cover of
 * conditions that no allowed value meets: any bit above 31; or a bit other than 3 and 17 that is
 * set while the next bit up is clear (the top of a run of ones, bit 31's "next" being bit 0); or
 * bit 2 set with bit 4 clear, or bit 16 set with bit 18 clear (a run that ends at bit 3 or 17 and
 * has other bits in it). 0xffffffff has no clear bit, and the other allowed values set only bits
 * 3 and 17. 33 conditions, ~1-2 ms of runc's time.
 * <li>{@code socket} is refused for AF_ALG (38) and AF_VSOCK (40).
 * <li>Without CAP_SYS_ADMIN a container cannot make namespaces: {@code unshare} and {@code setns}
 * fail with EPERM, {@code clone} with any namespace flag too, and {@code clone3}, whose flags sit
 * in memory a filter cannot read, with ENOSYS, so that libc falls back to {@code clone}. Only
 * user namespaces needed no capability in the first place; they are what this keeps closed (the
 * kernel surface they open is the reason Docker closes them).
 * </ul>
 */
final class SeccompProfile {
    /** Calls Docker's profile refuses whatever the capabilities (obsolete, host-wide, or i386 relics). */
    static final List<String> ALWAYS_DENIED = List.of("_sysctl", "add_key", "afs_syscall", "bdflush", "break",
            "create_module", "ftime", "get_kernel_syms", "getpmsg", "gtty", "idle", "io_uring_enter", "io_uring_register",
            "io_uring_setup", "kexec_file_load", "kexec_load", "keyctl", "lock", "migrate_pages", "move_pages", "mpx",
            "nfsservctl", "nice", "oldfstat", "oldlstat", "oldolduname", "oldstat", "olduname", "pivot_root", "prof",
            "profil", "putpmsg", "query_module", "readdir", "request_key", "security", "sgetmask", "sigaction", "signal",
            "sigpending", "sigsuspend", "ssetmask", "stty", "swapoff", "swapon", "sysfs", "tuxcall", "ulimit", "uselib",
            "userfaultfd", "ustat", "vm86", "vm86old", "vserver",
            // newer than Docker's table, which therefore refuses them: kernel 6.15's mount-API call
            "open_tree_attr");

    /** Calls Docker's profile allows only to a container holding one of the capabilities that list them. */
    static final Map<String, List<String>> ALLOWED_BY_CAPABILITY = Map.ofEntries(
            Map.entry("CAP_SYS_ADMIN", List.of("bpf", "fanotify_init", "fsconfig", "fsmount", "fsopen", "fspick",
                    "lookup_dcookie", "lsm_get_self_attr", "lsm_list_modules", "lsm_set_self_attr", "mount", "mount_setattr",
                    "move_mount", "open_tree", "perf_event_open", "quotactl", "quotactl_fd",
                    "setdomainname", "sethostname", "setns", "syslog", "umount", "umount2", "unshare")),
            Map.entry("CAP_DAC_READ_SEARCH", List.of("open_by_handle_at")),
            Map.entry("CAP_SYS_BOOT", List.of("reboot")),
            Map.entry("CAP_SYS_CHROOT", List.of("chroot")),
            Map.entry("CAP_SYS_MODULE", List.of("delete_module", "init_module", "finit_module")),
            Map.entry("CAP_SYS_PACCT", List.of("acct")),
            Map.entry("CAP_SYS_PTRACE", List.of("kcmp", "pidfd_getfd", "process_madvise")),
            Map.entry("CAP_SYS_RAWIO", List.of("iopl", "ioperm")),
            Map.entry("CAP_SYS_TIME", List.of("settimeofday", "stime", "clock_settime", "clock_settime64")),
            Map.entry("CAP_SYS_TTY_CONFIG", List.of("vhangup")),
            Map.entry("CAP_SYS_NICE", List.of("get_mempolicy", "mbind", "set_mempolicy", "set_mempolicy_home_node")),
            Map.entry("CAP_SYSLOG", List.of("syslog")),
            Map.entry("CAP_BPF", List.of("bpf")),
            Map.entry("CAP_PERFMON", List.of("perf_event_open")));

    /** The personality values Docker's profile allows. */
    static final List<Long> PERSONALITIES = List.of(0x0L, 0x8L, 0x20000L, 0x20008L, 0xffffffffL);
    /** AF_ALG and AF_VSOCK: the socket families Docker's profile refuses. */
    static final List<Long> REFUSED_SOCKET_FAMILIES = List.of(38L, 40L);

    /** CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET. */
    static final List<Long> NAMESPACE_FLAGS = List.of(0x00020000L, 0x02000000L, 0x04000000L, 0x08000000L,
            0x10000000L, 0x20000000L, 0x40000000L);
    private static final int EPERM = 1;
    private static final int ENOSYS = 38;
    private static final List<String> ARCHITECTURES = List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32");

    private SeccompProfile() {}

    /** The profile for a container with these capabilities ({@code CAP_...} names). */
    static RuntimeSpec.Seccomp forCapabilities(Collection<String> capabilities) {
        List<RuntimeSpec.SyscallRule> rules = new ArrayList<>();
        rules.add(new RuntimeSpec.SyscallRule(denied(capabilities), "SCMP_ACT_ERRNO", EPERM));
        rules.add(new RuntimeSpec.SyscallRule(List.of("personality"), "SCMP_ACT_ERRNO", EPERM, personalityRefusals()));
        rules.add(new RuntimeSpec.SyscallRule(List.of("socket"), "SCMP_ACT_ERRNO", EPERM, REFUSED_SOCKET_FAMILIES.stream()
                .map(family -> new RuntimeSpec.SyscallArg(0, family, 0, "SCMP_CMP_EQ")).toList()));
        if (!capabilities.contains("CAP_SYS_ADMIN")) {
            rules.add(new RuntimeSpec.SyscallRule(List.of("clone"), "SCMP_ACT_ERRNO", EPERM, namespaceFlags()));
            rules.add(new RuntimeSpec.SyscallRule(List.of("clone3"), "SCMP_ACT_ERRNO", ENOSYS));
        }
        return new RuntimeSpec.Seccomp("SCMP_ACT_ALLOW", ARCHITECTURES, List.copyOf(rules));
    }

    /** The calls refused outright: the ever-refused ones and those none of these capabilities opens. */
    static List<String> denied(Collection<String> capabilities) {
        Set<String> opened = new HashSet<>();
        ALLOWED_BY_CAPABILITY.forEach((cap, calls) -> {
            if (capabilities.contains(cap)) opened.addAll(calls);
        });
        Set<String> denied = new TreeSet<>(ALWAYS_DENIED);
        for (List<String> calls : ALLOWED_BY_CAPABILITY.values()) {
            for (String call : calls) if (!opened.contains(call)) denied.add(call);
        }
        return List.copyOf(denied);
    }

    /** clone's flags (its first argument on x86) with any namespace flag set; any one suffices. */
    static List<RuntimeSpec.SyscallArg> namespaceFlags() {
        return NAMESPACE_FLAGS.stream().map(f -> new RuntimeSpec.SyscallArg(0, f, f, "SCMP_CMP_MASKED_EQ")).toList();
    }

    /** The conditions under which personality is refused; any one of them suffices. */
    static List<RuntimeSpec.SyscallArg> personalityRefusals() {
        List<RuntimeSpec.SyscallArg> any = new ArrayList<>();
        any.add(new RuntimeSpec.SyscallArg(0, 0xffffffffL, 0, "SCMP_CMP_GT"));
        for (int b = 0; b < 32; b++) {
            if (b == 3 || b == 17) continue;
            any.add(setWithClear(b, (b + 1) % 32));
        }
        any.add(setWithClear(2, 4));
        any.add(setWithClear(16, 18));
        return List.copyOf(any);
    }

    private static RuntimeSpec.SyscallArg setWithClear(int set, int clear) {
        return new RuntimeSpec.SyscallArg(0, (1L << set) | (1L << clear), 1L << set, "SCMP_CMP_MASKED_EQ");
    }
}
