package dev.berth.engine.runtime;

import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;
import dev.berth.oci.runtime.RuntimeSpec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerSeccompProfilesTest {
    static final DockerSeccompProfiles.Arch AMD64 = new DockerSeccompProfiles.Arch("amd64", "SCMP_ARCH_X86_64");
    static final DockerSeccompProfiles.KernelVersion KERNEL = new DockerSeccompProfiles.KernelVersion(6, 1);
    static final String NO_MKDIR = """
            {"defaultAction": "SCMP_ACT_ALLOW",
             "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1, "comment": "no directories"}]}""";

    private static RuntimeSpec.Seccomp load(String json, List<String> caps) {
        return DockerSeccompProfiles.fromDockerJson(json, caps, AMD64, KERNEL);
    }

    private static List<List<String>> names(RuntimeSpec.Seccomp p) {
        return p.syscalls() == null ? List.of() : p.syscalls().stream().map(RuntimeSpec.SyscallRule::names).toList();
    }

    @Test
    void aProfileRefusingMkdirGivesARuleRefusingMkdir() {
        RuntimeSpec.Seccomp p = load(NO_MKDIR, OciSpecBuilder.DEFAULT_CAPS);
        assertEquals("SCMP_ACT_ALLOW", p.defaultAction());
        assertEquals(List.of(new RuntimeSpec.SyscallRule(List.of("mkdir", "mkdirat"), "SCMP_ACT_ERRNO", 1)), p.syscalls());
        assertNull(p.architectures(), "none listed: runc filters the native architecture");
        assertEquals("{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"mkdir\",\"mkdirat\"],"
                + "\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":1}]}", new String(Json.bytes(p), StandardCharsets.UTF_8));
    }

    @Test
    void includesAndExcludesAreWeighedAgainstCapabilitiesArchAndKernel() {
        String json = """
                {"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1,
                 "archMap": [{"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"]},
                             {"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]}],
                 "syscalls": [
                   {"names": ["read"], "action": "SCMP_ACT_ALLOW"},
                   {"names": ["mount"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}},
                   {"names": ["both"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN", "CAP_SYS_TIME"]}},
                   {"name": "clone", "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 2114060288, "op": "SCMP_CMP_MASKED_EQ"}],
                    "excludes": {"caps": ["CAP_SYS_ADMIN"]}},
                   {"names": ["arch_prctl"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["amd64", "x32"]}},
                   {"names": ["set_tls"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["arm", "arm64"]}},
                   {"names": ["not_s390"], "action": "SCMP_ACT_ALLOW", "excludes": {"arches": ["s390x"]}},
                   {"names": ["ptrace"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "4.8"}},
                   {"names": ["future"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "9.0"}},
                   {"names": ["old_only"], "action": "SCMP_ACT_ALLOW", "excludes": {"minKernel": "5.10"}}]}""";
        RuntimeSpec.Seccomp plain = load(json, OciSpecBuilder.DEFAULT_CAPS);
        assertEquals(List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"), plain.architectures());
        assertEquals(1, plain.defaultErrnoRet());
        assertEquals(List.of(List.of("read"), List.of("clone"), List.of("arch_prctl"), List.of("not_s390"), List.of("ptrace")), names(plain));
        assertEquals(0x7e020000L, plain.syscalls().get(1).args().getFirst().value());

        RuntimeSpec.Seccomp admin = load(json, List.of("CAP_SYS_ADMIN"));
        assertEquals(List.of(List.of("read"), List.of("mount"), List.of("arch_prctl"), List.of("not_s390"), List.of("ptrace")), names(admin));
        assertTrue(names(load(json, List.of("CAP_SYS_ADMIN", "CAP_SYS_TIME"))).contains(List.of("both")), "includes.caps needs them all");
        RuntimeSpec.Seccomp arm = DockerSeccompProfiles.fromDockerJson(json, List.of(),
                new DockerSeccompProfiles.Arch("arm64", "SCMP_ARCH_AARCH64"), new DockerSeccompProfiles.KernelVersion(5, 4));
        assertEquals(List.of("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"), arm.architectures());
        assertEquals(List.of(List.of("read"), List.of("clone"), List.of("set_tls"), List.of("not_s390"), List.of("ptrace"),
                List.of("old_only")), names(arm));
    }

    @Test
    void badProfilesAreRefusedWithTheReason() {
        var bad = assertThrows(BerthException.InvalidArgument.class, () -> load("{\"defaultAction\": ", List.of()));
        assertTrue(bad.getMessage().startsWith("Decoding seccomp profile failed: "), bad.getMessage());
        var notObject = assertThrows(BerthException.InvalidArgument.class, () -> load("[1]", List.of()));
        assertTrue(notObject.getMessage().startsWith("Decoding seccomp profile failed: "), notObject.getMessage());
        var wrongType = assertThrows(BerthException.InvalidArgument.class,
                () -> load("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": \"mkdir\", \"action\": \"SCMP_ACT_ALLOW\"}]}", List.of()));
        assertTrue(wrongType.getMessage().contains("names must be a list"), wrongType.getMessage());
        var action = assertThrows(BerthException.InvalidArgument.class,
                () -> load(NO_MKDIR.replace("SCMP_ACT_ERRNO", "SCMP_ACT_REFUSE"), List.of()));
        assertTrue(action.getMessage().contains("unknown action SCMP_ACT_REFUSE"), action.getMessage());
        assertThrows(BerthException.InvalidArgument.class, () -> load("{\"defaultAction\": \"ALLOW\"}", List.of()));
        var op = assertThrows(BerthException.InvalidArgument.class, () -> load("""
                {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["socket"], "action": "SCMP_ACT_ERRNO",
                 "args": [{"index": 0, "value": 40, "op": "SCMP_CMP_IS"}]}]}""", List.of()));
        assertTrue(op.getMessage().contains("unknown comparison SCMP_CMP_IS"), op.getMessage());
        var both = assertThrows(BerthException.InvalidArgument.class, () -> load("""
                {"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64"],
                 "archMap": [{"architecture": "SCMP_ARCH_X86_64", "subArchitectures": []}]}""", List.of()));
        assertTrue(both.getMessage().startsWith("both 'architectures' and 'archMap'"), both.getMessage());
        var kernel = assertThrows(BerthException.InvalidArgument.class, () -> load("""
                {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["x"], "action": "SCMP_ACT_ALLOW",
                 "includes": {"minKernel": "five"}}]}""", List.of()));
        assertEquals("invalid kernel version: five", kernel.getMessage());
    }

    @Test
    void anEmptyProfileAndUnconfinedMeanNoFilter() {
        assertNull(load("{}", List.of()));
        assertNull(DockerSeccompProfiles.forSecurityOption("unconfined", OciSpecBuilder.DEFAULT_CAPS));
        assertEquals(SeccompProfile.forCapabilities(OciSpecBuilder.DEFAULT_CAPS),
                DockerSeccompProfiles.forSecurityOption("builtin", OciSpecBuilder.DEFAULT_CAPS));
        assertEquals(SeccompProfile.forCapabilities(OciSpecBuilder.DEFAULT_CAPS),
                DockerSeccompProfiles.forSecurityOption(null, OciSpecBuilder.DEFAULT_CAPS));
        assertEquals("SCMP_ACT_ALLOW", DockerSeccompProfiles.forSecurityOption(NO_MKDIR, OciSpecBuilder.DEFAULT_CAPS).defaultAction());
    }

    @Test
    void argumentValuesAreUnsigned64Bit() {
        RuntimeSpec.Seccomp p = load("""
                {"defaultAction": "SCMP_ACT_ALLOW", "flags": ["SECCOMP_FILTER_FLAG_LOG"], "syscalls": [{"names": ["personality"],
                 "action": "SCMP_ACT_ERRNO", "args": [{"index": 0, "value": 18446744073709551615, "valueTwo": 8, "op": "SCMP_CMP_MASKED_EQ"}]}]}""",
                List.of());
        assertEquals(-1L, p.syscalls().getFirst().args().getFirst().value());
        String json = new String(Json.bytes(p), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"value\":18446744073709551615,\"valueTwo\":8"), json);
        assertTrue(json.contains("\"flags\":[\"SECCOMP_FILTER_FLAG_LOG\"]"), json);
        assertThrows(BerthException.InvalidArgument.class, () -> load("""
                {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["x"], "action": "SCMP_ACT_ALLOW",
                 "args": [{"index": 0, "value": -1, "op": "SCMP_CMP_EQ"}]}]}""", List.of()));
    }
}
