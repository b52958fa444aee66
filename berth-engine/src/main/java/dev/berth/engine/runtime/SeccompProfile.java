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

    static final RuntimeSpec.Seccomp DEFAULT = new RuntimeSpec.Seccomp("SCMP_ACT_ALLOW",
            List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"),
            List.of(new RuntimeSpec.SyscallRule(DENIED, "SCMP_ACT_ERRNO", 1),
                    new RuntimeSpec.SyscallRule(List.of("personality"), "SCMP_ACT_ERRNO", 1, personalityRefusals())));

    private SeccompProfile() {}

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
