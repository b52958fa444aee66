package dev.berth.engine.runtime;

import dev.berth.common.json.Json;
import dev.berth.oci.runtime.RuntimeSpec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeccompProfileTest {
    private static RuntimeSpec.SyscallRule rule(RuntimeSpec.Seccomp profile, String name) {
        return profile.syscalls().stream().filter(r -> r.names().equals(List.of(name))).findFirst().orElse(null);
    }

    @Test
    void theProfileIsAnAllowListThatRefusesWithEperm() {
        RuntimeSpec.Seccomp p = SeccompProfile.forCapabilities(OciSpecBuilder.DEFAULT_CAPS);
        assertEquals("SCMP_ACT_ERRNO", p.defaultAction());
        assertEquals(1, p.defaultErrnoRet());
        assertEquals(List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"), p.architectures());
        List<String> allowed = p.syscalls().getFirst().names();
        assertEquals("SCMP_ACT_ALLOW", p.syscalls().getFirst().action());
        assertTrue(allowed.containsAll(List.of("read", "mkdir", "execve", "arch_prctl", "ptrace", "statx", "chroot")));
        for (String refused : List.of("kexec_load", "mount", "unshare", "io_uring_setup", "userfaultfd", "open_tree_attr",
                "personality", "socket", "clone", "clone3")) {
            assertFalse(allowed.contains(refused), refused);
        }
        String json = new String(Json.bytes(p), StandardCharsets.UTF_8);
        assertFalse(json.contains("null"), "absent values are omitted: " + json);
        assertFalse(json.contains("\"flags\""), json);
        assertTrue(json.contains("\"defaultErrnoRet\":1"), json);
    }

    @Test
    void personalityAndSocketAreAllowedForDockersValuesOnly() {
        RuntimeSpec.Seccomp p = SeccompProfile.forCapabilities(OciSpecBuilder.DEFAULT_CAPS);
        var personality = rule(p, "personality");
        assertEquals(SeccompProfile.PERSONALITIES, personality.args().stream().map(RuntimeSpec.SyscallArg::value).toList());
        assertTrue(personality.args().stream().allMatch(a -> a.op().equals("SCMP_CMP_EQ") && a.index() == 0));
        var socket = rule(p, "socket");
        java.util.function.LongPredicate allowed = family -> socket.args().stream().anyMatch(a -> switch (a.op()) {
            case "SCMP_CMP_LT" -> family < a.value();
            case "SCMP_CMP_EQ" -> family == a.value();
            case "SCMP_CMP_GT" -> family > a.value();
            default -> throw new AssertionError(a.op());
        });
        for (long family = 0; family < 64; family++) {
            assertEquals(family != 38 && family != 40, allowed.test(family), "socket family " + family);
        }
    }

    @Test
    void withoutSysAdminNoNamespaceCanBeMade() {
        RuntimeSpec.Seccomp p = SeccompProfile.forCapabilities(List.of("CAP_CHOWN", "CAP_NET_ADMIN"));
        assertFalse(p.syscalls().getFirst().names().contains("unshare"));
        assertFalse(p.syscalls().getFirst().names().contains("setns"));
        var clone = rule(p, "clone");
        assertEquals(38, rule(p, "clone3").errnoRet(), "ENOSYS, so libc falls back to clone, whose flags a filter can see");
        assertEquals("SCMP_ACT_ERRNO", rule(p, "clone3").action());
        java.util.function.LongPredicate allowed = flags -> clone.args().stream().allMatch(a -> (flags & a.value()) == a.valueTwo());
        assertTrue(allowed.test(0x01200011L), "fork: SIGCHLD|CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID");
        assertTrue(allowed.test(0x003d0f00L), "pthread_create's flags");
        for (long ns : List.of(0x00020000L, 0x02000000L, 0x04000000L, 0x08000000L, 0x10000000L, 0x20000000L, 0x40000000L)) {
            assertFalse(allowed.test(ns | 0x11L), Long.toHexString(ns));
        }

        var admin = SeccompProfile.forCapabilities(List.of("CAP_SYS_ADMIN"));
        assertTrue(admin.syscalls().getFirst().names().containsAll(List.of("unshare", "setns", "clone", "clone3", "mount")));
        assertNull(rule(admin, "clone"));
        assertNull(rule(admin, "clone3"));
    }

    @Test
    void capabilitiesOpenTheCallsDockersProfileTiesToThem() {
        List<String> byDefault = SeccompProfile.allowed(OciSpecBuilder.DEFAULT_CAPS);
        for (String call : List.of("mount", "umount2", "settimeofday", "reboot", "bpf", "syslog", "kcmp", "init_module")) {
            assertFalse(byDefault.contains(call), call);
        }
        for (String call : List.of("chroot", "ptrace", "process_vm_readv", "clock_adjtime", "socketcall", "name_to_handle_at")) {
            assertTrue(byDefault.contains(call), call + " is Docker's to allow by default");
        }
        List<String> withTime = SeccompProfile.allowed(with(OciSpecBuilder.DEFAULT_CAPS, "CAP_SYS_TIME"));
        assertTrue(withTime.containsAll(List.of("settimeofday", "clock_settime")));
        assertFalse(SeccompProfile.allowed(OciSpecBuilder.DEFAULT_CAPS.stream().filter(c -> !c.equals("CAP_SYS_CHROOT")).toList())
                .contains("chroot"));
        List<String> admin = SeccompProfile.allowed(with(OciSpecBuilder.DEFAULT_CAPS, "CAP_SYS_ADMIN"));
        assertTrue(admin.containsAll(List.of("mount", "umount2", "bpf", "syslog", "sethostname", "unshare")));
        assertFalse(admin.contains("reboot") || admin.contains("kexec_load"), "SYS_ADMIN opens only its own calls");
        // a call two capabilities open is open with either
        assertTrue(SeccompProfile.allowed(with(OciSpecBuilder.DEFAULT_CAPS, "CAP_BPF")).contains("bpf"));
        assertTrue(SeccompProfile.allowed(with(OciSpecBuilder.DEFAULT_CAPS, "CAP_SYSLOG")).contains("syslog"));
    }

    private static List<String> with(List<String> caps, String extra) {
        List<String> all = new ArrayList<>(caps);
        all.add(extra);
        return all;
    }
}
