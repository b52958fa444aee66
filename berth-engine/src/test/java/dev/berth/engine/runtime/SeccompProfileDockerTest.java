package dev.berth.engine.runtime;

import dev.berth.oci.runtime.RuntimeSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * berth's default profile against Docker's own default.json, as Debian ships it with Docker 20.10.24
 * (package golang-github-docker-docker-dev, installed by scripts/install-deps.sh). berth's table
 * follows Docker's newer profile (moby/profiles, 2026), so the test spells out every difference
 * between the two Docker versions; anything else that differs is a mistake in berth's table.
 */
class SeccompProfileDockerTest {
    static final Path DEBIAN_PROFILE = Path.of("/usr/share/gocode/src/github.com/docker/docker/profiles/seccomp/default.json");

    /** Allowed by 20.10 to every container, and no longer: io_uring (Docker dropped it in 2023), socket (now not for AF_ALG, AF_VSOCK). */
    static final Set<String> NO_LONGER_UNCONDITIONAL = Set.of("io_uring_enter", "io_uring_register", "io_uring_setup", "socket");
    /** Allowed to every container now and not by 20.10: calls of kernels 4.9 to 6.13, and those of {@link #ONCE_ONLY_WITH}. */
    static final Set<String> NEWLY_ALLOWED = Set.of("cachestat", "fchmodat2", "futex_requeue", "futex_wait", "futex_wake",
            "getxattrat", "listmount", "listxattrat", "map_shadow_stack", "mseal", "name_to_handle_at", "pkey_alloc", "pkey_free",
            "pkey_mprotect", "process_vm_readv", "process_vm_writev", "removexattrat", "riscv_hwprobe", "setxattrat", "statmount",
            "uretprobe");
    /** Calls 20.10 allowed only with a capability and everyone may make now. */
    static final Map<String, String> ONCE_ONLY_WITH = Map.of("name_to_handle_at", "CAP_SYS_ADMIN",
            "process_vm_readv", "CAP_SYS_PTRACE", "process_vm_writev", "CAP_SYS_PTRACE");
    /** Newer calls (or newer capabilities: CAP_BPF, CAP_PERFMON) that open with a capability now, by call. */
    static final Map<String, String> NEWLY_ALLOWED_WITH = Map.of("lsm_get_self_attr", "CAP_SYS_ADMIN", "lsm_list_modules", "CAP_SYS_ADMIN",
            "lsm_set_self_attr", "CAP_SYS_ADMIN", "clock_settime64", "CAP_SYS_TIME", "set_mempolicy_home_node", "CAP_SYS_NICE",
            "bpf", "CAP_BPF", "perf_event_open", "CAP_PERFMON");

    static String debianJson;

    @BeforeAll
    static void readDockersProfile() throws Exception {
        assumeTrue(Files.isRegularFile(DEBIAN_PROFILE), "skipped: no Docker profile at " + DEBIAN_PROFILE
                + " (apt-get install golang-github-docker-docker-dev, as scripts/install-deps.sh does)");
        debianJson = Files.readString(DEBIAN_PROFILE);
    }

    private static RuntimeSpec.Seccomp docker(List<String> caps) {
        return DockerSeccompProfiles.fromDockerJson(debianJson, caps, new DockerSeccompProfiles.Arch("amd64", "SCMP_ARCH_X86_64"),
                new DockerSeccompProfiles.KernelVersion(6, 1));
    }

    /** The calls a profile allows whatever their arguments. */
    private static Set<String> unconditional(RuntimeSpec.Seccomp profile) {
        Set<String> calls = new TreeSet<>();
        for (var rule : profile.syscalls()) if (rule.action().equals("SCMP_ACT_ALLOW") && rule.args() == null) calls.addAll(rule.names());
        return calls;
    }

    private static List<RuntimeSpec.SyscallArg> args(RuntimeSpec.Seccomp profile, String call, String action) {
        List<RuntimeSpec.SyscallArg> args = new ArrayList<>();
        for (var rule : profile.syscalls()) {
            if (rule.names().contains(call) && rule.action().equals(action) && rule.args() != null) args.addAll(rule.args());
        }
        return args;
    }

    static Stream<List<String>> capabilitySets() {
        List<String> noChroot = OciSpecBuilder.DEFAULT_CAPS.stream().filter(c -> !c.equals("CAP_SYS_CHROOT")).toList();
        List<String> withPtraceTime = new ArrayList<>(OciSpecBuilder.DEFAULT_CAPS);
        withPtraceTime.addAll(List.of("CAP_SYS_PTRACE", "CAP_SYS_TIME", "CAP_SYS_NICE"));
        return Stream.of(OciSpecBuilder.DEFAULT_CAPS, OciSpecBuilder.ALL_CAPS, List.of(), noChroot, withPtraceTime);
    }

    @Test
    void everyCallDockerAllowsBerthAllowsAndTheRestIsNewer() {
        capabilitySets().forEach(caps -> {
            Set<String> docker = unconditional(docker(caps));
            Set<String> berth = unconditional(SeccompProfile.forCapabilities(caps));

            Set<String> onlyDocker = new TreeSet<>(docker);
            onlyDocker.removeAll(berth);
            assertEquals(new TreeSet<>(NO_LONGER_UNCONDITIONAL), onlyDocker, "allowed by Docker 20.10, not by berth, with " + caps);

            Set<String> expected = new TreeSet<>(NEWLY_ALLOWED);
            ONCE_ONLY_WITH.forEach((call, cap) -> {
                if (caps.contains(cap)) expected.remove(call);
            });
            NEWLY_ALLOWED_WITH.forEach((call, cap) -> {
                if (caps.contains(cap) && !docker.contains(call)) expected.add(call);
            });
            Set<String> onlyBerth = new TreeSet<>(berth);
            onlyBerth.removeAll(docker);
            assertEquals(expected, onlyBerth, "allowed by berth, not by Docker 20.10, with " + caps);
        });
    }

    @Test
    void theConditionalRulesAreDockers() {
        capabilitySets().forEach(caps -> {
            RuntimeSpec.Seccomp docker = docker(caps);
            RuntimeSpec.Seccomp berth = SeccompProfile.forCapabilities(caps);
            assertEquals(args(docker, "personality", "SCMP_ACT_ALLOW"), args(berth, "personality", "SCMP_ACT_ALLOW"));
            assertEquals(args(docker, "clone", "SCMP_ACT_ALLOW"), args(berth, "clone", "SCMP_ACT_ALLOW"), "clone with " + caps);
            var dockerClone3 = docker.syscalls().stream().filter(r -> r.names().equals(List.of("clone3"))).map(r -> r.errnoRet()).toList();
            var berthClone3 = berth.syscalls().stream().filter(r -> r.names().equals(List.of("clone3"))).map(r -> r.errnoRet()).toList();
            assertEquals(dockerClone3, berthClone3, "clone3's ENOSYS with " + caps);
            assertEquals(docker.defaultAction(), berth.defaultAction());
            assertEquals(docker.architectures(), berth.architectures());
            // 20.10's profile leaves the errno to runc, whose default is EPERM; the newer one says 1
            assertEquals(null, docker.defaultErrnoRet());
            assertEquals(SeccompProfile.EPERM, berth.defaultErrnoRet());
        });
        assertNotNull(args(SeccompProfile.forCapabilities(List.of()), "socket", "SCMP_ACT_ALLOW"), "socket is conditional now");
    }
}
