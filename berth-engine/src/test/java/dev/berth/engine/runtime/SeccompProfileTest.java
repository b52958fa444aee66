package dev.berth.engine.runtime;

import dev.berth.common.json.Json;
import dev.berth.oci.runtime.RuntimeSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeccompProfileTest {
    private static final List<RuntimeSpec.SyscallArg> REFUSE = SeccompProfile.personalityRefusals();

    /** What runc makes of the rule: one libseccomp rule per condition, so any matching condition refuses. */
    private static boolean refused(long persona) {
        for (RuntimeSpec.SyscallArg a : REFUSE) {
            boolean match = switch (a.op()) {
                case "SCMP_CMP_GT" -> Long.compareUnsigned(persona, a.value()) > 0;
                case "SCMP_CMP_MASKED_EQ" -> (persona & a.value()) == a.valueTwo();
                default -> throw new AssertionError("unexpected op " + a.op());
            };
            if (match) return true;
        }
        return false;
    }

    @Test
    void personalityIsAllowedForDockersValuesOnly() {
        for (long allowed : SeccompProfile.PERSONALITIES) assertFalse(refused(allowed), Long.toHexString(allowed));
        List<Long> others = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) others.add(random.nextLong() & 0xffffffffL);
        for (int i = 0; i < 1_000; i++) others.add(random.nextLong());
        // every run of ones, alone and with the allowed bits, and every value one bit short of the query
        for (int lo = 0; lo < 32; lo++) {
            for (int hi = lo; hi < 32; hi++) {
                long run = ((1L << (hi + 1)) - 1) & ~((1L << lo) - 1);
                for (long extra : List.of(0L, 0x8L, 0x20000L, 0x20008L)) others.add(run | extra);
            }
            others.add(0xffffffffL ^ (1L << lo));
        }
        others.addAll(List.of(0x40000L, 0x400000L, 0x100000000L, 0xffffffffffffffffL, 0xc0040000L, 0x3fff8L));
        for (long v : others) {
            if (SeccompProfile.PERSONALITIES.contains(v)) continue;
            assertTrue(refused(v), "personality(0x" + Long.toHexString(v) + ") must be refused");
        }
        assertEquals(33, REFUSE.size());
    }

    @Test
    void withoutSysAdminNoNamespaceCanBeMade() {
        var rules = SeccompProfile.forCapabilities(List.of("CAP_CHOWN", "CAP_NET_ADMIN")).syscalls();
        assertTrue(rules.getFirst().names().containsAll(List.of("unshare", "setns")));
        var clone = rules.stream().filter(r -> r.names().equals(List.of("clone"))).findFirst().orElseThrow();
        var clone3 = rules.stream().filter(r -> r.names().equals(List.of("clone3"))).findFirst().orElseThrow();
        assertEquals(38, clone3.errnoRet(), "ENOSYS, so libc falls back to clone, whose flags a filter can see");
        java.util.function.LongPredicate refused = flags -> clone.args().stream().anyMatch(a -> (flags & a.value()) == a.valueTwo());
        assertFalse(refused.test(0x01200011L), "fork: SIGCHLD|CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID");
        assertFalse(refused.test(0x003d0f00L), "pthread_create's flags");
        for (long ns : SeccompProfile.NAMESPACE_FLAGS) assertTrue(refused.test(ns | 0x11L), Long.toHexString(ns));

        var admin = SeccompProfile.forCapabilities(List.of("CAP_SYS_ADMIN")).syscalls();
        assertFalse(admin.getFirst().names().contains("unshare"));
        assertTrue(admin.stream().noneMatch(r -> r.names().contains("clone") || r.names().contains("clone3")));
    }

    @Test
    void theProfileIsADenyListWithThePersonalityRule() {
        RuntimeSpec.Seccomp p = SeccompProfile.forCapabilities(OciSpecBuilder.DEFAULT_CAPS);
        assertEquals("SCMP_ACT_ALLOW", p.defaultAction());
        assertTrue(p.syscalls().getFirst().names().contains("kexec_load"));
        assertFalse(p.syscalls().getFirst().names().contains("personality"), "refused only by the conditional rule");
        String json = new String(Json.bytes(p), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(json.contains("\"valueTwo\":"), json);
        assertTrue(json.contains("\"op\":\"SCMP_CMP_MASKED_EQ\""), json);
        assertFalse(json.contains("\"args\":null"), "rules without conditions have no args");
        var socket = p.syscalls().stream().filter(r -> r.names().equals(List.of("socket"))).findFirst().orElseThrow();
        assertEquals(List.of(38L, 40L), socket.args().stream().map(RuntimeSpec.SyscallArg::value).toList(), "AF_ALG, AF_VSOCK");
    }

    @Test
    void capabilitiesOpenTheCallsDockersProfileTiesToThem() {
        List<String> byDefault = SeccompProfile.denied(OciSpecBuilder.DEFAULT_CAPS);
        for (String call : List.of("mount", "umount2", "settimeofday", "reboot", "bpf", "syslog", "kcmp",
                "io_uring_setup", "userfaultfd", "pivot_root", "init_module")) {
            assertTrue(byDefault.contains(call), call);
        }
        for (String call : List.of("chroot", "ptrace", "process_vm_readv", "clock_adjtime", "socketcall", "personality", "clone")) {
            assertFalse(byDefault.contains(call), call + " is Docker's to allow by default");
        }
        List<String> withTime = SeccompProfile.denied(with(OciSpecBuilder.DEFAULT_CAPS, "CAP_SYS_TIME"));
        assertFalse(withTime.contains("settimeofday"));
        assertFalse(withTime.contains("clock_settime"));
        List<String> withoutChroot = SeccompProfile.denied(OciSpecBuilder.DEFAULT_CAPS.stream().filter(c -> !c.equals("CAP_SYS_CHROOT")).toList());
        assertTrue(withoutChroot.contains("chroot"));
        List<String> admin = SeccompProfile.denied(with(OciSpecBuilder.DEFAULT_CAPS, "CAP_SYS_ADMIN"));
        for (String call : List.of("mount", "umount2", "bpf", "syslog", "sethostname", "unshare")) assertFalse(admin.contains(call), call);
        assertTrue(admin.contains("reboot") && admin.contains("kexec_load"), "SYS_ADMIN opens only its own calls");
        // a call two capabilities open is open with either
        assertFalse(SeccompProfile.denied(with(OciSpecBuilder.DEFAULT_CAPS, "CAP_BPF")).contains("bpf"));
        assertFalse(SeccompProfile.denied(with(OciSpecBuilder.DEFAULT_CAPS, "CAP_SYSLOG")).contains("syslog"));
    }

    private static List<String> with(List<String> caps, String extra) {
        List<String> all = new ArrayList<>(caps);
        all.add(extra);
        return all;
    }
}
