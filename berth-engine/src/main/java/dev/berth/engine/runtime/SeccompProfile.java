package dev.berth.engine.runtime;

import dev.berth.oci.runtime.RuntimeSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * berth's default seccomp profile. Everything is allowed except calls that act on the whole
 * kernel or host and that no container needs, which fail with EPERM.
 *
 * <p>It is a deny list, not an allow list of ~300 calls like Docker's, because runc compiles the
 * profile in every container's init: an allow list cost ~12 ms per container start here, the
 * deny list next to nothing.
 *
 * <p>{@code personality} is Docker's exception: allowed for 0 (PER_LINUX), 8 (PER_LINUX32),
 * 0x20000 (UNAME26), 0x20008 (both) and 0xffffffff (the query), refused for everything else, so
 * {@code linux32}/{@code setarch i686} work but ASLR and the other persona flags cannot be
 * switched off. libseccomp lets a deny rule win over any allow rule for the same call, so the
 * refused values are written as a cover of conditions that no allowed value meets: any bit above
 * 31; or a bit other than 3 and 17 that is set while the next bit up is clear (the top of a run
 * of ones, bit 31's "next" being bit 0); or bit 2 set with bit 4 clear, or bit 16 set with bit 18
 * clear (a run that ends at bit 3 or 17 and has other bits in it). 0xffffffff has no clear bit, and
 * the other allowed values set only bits 3 and 17. 33 conditions, ~1-2 ms of runc's time.
 *
 * <p>Without CAP_SYS_ADMIN a container cannot make namespaces, as under Docker's profile:
 * {@code unshare} and {@code setns} fail with EPERM, {@code clone} with any namespace flag too,
 * and {@code clone3}, whose flags sit in memory a filter cannot read, with ENOSYS, so that libc
 * falls back to {@code clone}. Only user namespaces needed no capability in the first place; they
 * are what this keeps closed (the kernel surface they open is the reason Docker closes them).
 */
final class SeccompProfile {
    /** Syscalls refused with EPERM: kernel-wide or host-affecting calls no container needs. */
    static final List<String> DENIED = List.of("acct", "add_key", "bpf", "clock_adjtime", "clock_settime", "create_module",
            "delete_module", "finit_module", "get_kernel_syms", "get_mempolicy", "init_module", "ioperm", "iopl", "kcmp",
            "kexec_file_load", "kexec_load", "keyctl", "lookup_dcookie", "mbind", "move_pages", "nfsservctl",
            "open_by_handle_at", "perf_event_open", "pivot_root", "process_vm_readv", "process_vm_writev",
            "query_module", "quotactl", "reboot", "request_key", "set_mempolicy", "settimeofday", "stime", "swapoff",
            "swapon", "_sysctl", "sysfs", "umount", "umount2", "uselib", "userfaultfd", "ustat", "vm86", "vm86old");
    /** The personality values Docker's profile allows. */
    static final List<Long> PERSONALITIES = List.of(0x0L, 0x8L, 0x20000L, 0x20008L, 0xffffffffL);

    /** CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET. */
    static final List<Long> NAMESPACE_FLAGS = List.of(0x00020000L, 0x02000000L, 0x04000000L, 0x08000000L,
            0x10000000L, 0x20000000L, 0x40000000L);
    private static final int EPERM = 1;
    private static final int ENOSYS = 38;
    private static final List<String> ARCHITECTURES = List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32");

    /** With CAP_SYS_ADMIN: namespaces may be made. */
    static final RuntimeSpec.Seccomp SYS_ADMIN = new RuntimeSpec.Seccomp("SCMP_ACT_ALLOW", ARCHITECTURES, List.of(
            new RuntimeSpec.SyscallRule(DENIED, "SCMP_ACT_ERRNO", EPERM),
            new RuntimeSpec.SyscallRule(List.of("personality"), "SCMP_ACT_ERRNO", EPERM, personalityRefusals())));
    /** Without it (Docker's default capabilities): no namespaces. */
    static final RuntimeSpec.Seccomp DEFAULT = new RuntimeSpec.Seccomp("SCMP_ACT_ALLOW", ARCHITECTURES, List.of(
            new RuntimeSpec.SyscallRule(concat(DENIED, List.of("unshare", "setns")), "SCMP_ACT_ERRNO", EPERM),
            new RuntimeSpec.SyscallRule(List.of("personality"), "SCMP_ACT_ERRNO", EPERM, personalityRefusals()),
            new RuntimeSpec.SyscallRule(List.of("clone"), "SCMP_ACT_ERRNO", EPERM, namespaceFlags()),
            new RuntimeSpec.SyscallRule(List.of("clone3"), "SCMP_ACT_ERRNO", ENOSYS)));

    private SeccompProfile() {}

    /** The profile for a container with these capabilities ({@code CAP_...} names). */
    static RuntimeSpec.Seccomp forCapabilities(java.util.Collection<String> capabilities) {
        return capabilities.contains("CAP_SYS_ADMIN") ? SYS_ADMIN : DEFAULT;
    }

    /** clone's flags (its first argument on x86) with any namespace flag set; any one suffices. */
    static List<RuntimeSpec.SyscallArg> namespaceFlags() {
        return NAMESPACE_FLAGS.stream().map(f -> new RuntimeSpec.SyscallArg(0, f, f, "SCMP_CMP_MASKED_EQ")).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
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
