package dev.berth.engine.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.json.Json;
import dev.berth.oci.runtime.RuntimeSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The profiles as real runc applies them, in a busybox container with Docker's default capabilities. */
@Tag("root")
class SeccompRuncTest {
    /** Makes each numbered call with zero arguments and prints NUMBER:ok, NUMBER:ENOSYS, NUMBER:EPERM or NUMBER:other. */
    private static final String CALLER = """
            #include <errno.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <unistd.h>
            int main(int argc, char **argv) {
                for (int i = 1; i < argc; i++) {
                    long nr = strtol(argv[i], 0, 0);
                    long r = syscall(nr, 0, 0, 0, 0, 0, 0);
                    printf("%ld:%s\\n", nr, r >= 0 ? "ok" : errno == ENOSYS ? "ENOSYS" : errno == EPERM ? "EPERM" : "other");
                }
                return 0;
            }
            """;

    @TempDir
    Path dir;

    /** Runs {@code sh -c script} in a busybox container under this profile and returns what it printed. */
    private String run(RuntimeSpec.Seccomp profile, String script) throws Exception {
        Path rootfs = dir.resolve("rootfs");
        if (!Files.exists(dir.resolve("config.json"))) {
            Files.createDirectories(rootfs.resolve("bin"));
            Files.createDirectories(rootfs.resolve("tmp"));
            Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"));
            for (String applet : List.of("sh", "mkdir", "rmdir", "unshare", "true", "echo")) {
                Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet), Path.of("busybox"));
            }
            assertEquals(0, new ProcessBuilder("runc", "spec", "--bundle", dir.toString()).start().waitFor());
        }
        ObjectNode config = (ObjectNode) Json.tree(Files.readAllBytes(dir.resolve("config.json")));
        ((ObjectNode) config.path("root")).put("readonly", false);
        ObjectNode process = (ObjectNode) config.path("process");
        process.put("terminal", false);
        ArrayNode args = process.putArray("args");
        args.add("sh").add("-c").add(script);
        ObjectNode caps = process.putObject("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            ArrayNode list = caps.putArray(set);
            OciSpecBuilder.DEFAULT_CAPS.forEach(list::add);
        }
        ObjectNode linux = (ObjectNode) config.path("linux");
        if (profile == null) linux.remove("seccomp");
        else linux.set("seccomp", Json.tree(Json.bytes(profile)));
        Files.write(dir.resolve("config.json"), Json.bytes(config));
        Process p = new ProcessBuilder("runc", "--root", dir.resolve("state").toString(), "run", "--bundle", dir.toString(),
                "seccomp-" + ProcessHandle.current().pid()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    @Timeout(30)
    void aDockerProfileRefusingMkdirRefusesIt() throws Exception {
        String out = run(DockerSeccompProfiles.fromDockerJson(DockerSeccompProfilesTest.NO_MKDIR, OciSpecBuilder.DEFAULT_CAPS),
                "mkdir /tmp/made; echo mkdir=$?");
        assertTrue(out.contains("Operation not permitted") && out.contains("mkdir=1"), out);
    }

    @Test
    @Timeout(30)
    void theDefaultProfileAllowsOrdinaryCallsAndRefusesNamespaces() throws Exception {
        String out = run(SeccompProfile.forCapabilities(OciSpecBuilder.DEFAULT_CAPS),
                "mkdir /tmp/made; echo mkdir=$?; rmdir /tmp/made; unshare -U true; echo unshare=$?");
        assertTrue(out.contains("mkdir=0"), out);
        // a user namespace needs no capability: only the filter stops it
        assertTrue(out.contains("unshare(0x10000000): Operation not permitted") && out.contains("unshare=1"), out);
        assertTrue(run(null, "unshare -U true; echo unshare=$?").contains("unshare=0"), "without a filter it works");
    }

    @Test
    @Timeout(60)
    void callsNewerThanTheFilterGetEnosys() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "skipped: no gcc to build the calling program");
        Files.writeString(dir.resolve("caller.c"), CALLER);
        Files.createDirectories(dir.resolve("rootfs/bin"));
        Process gcc = new ProcessBuilder("gcc", "-static", "-O2", "-o", dir.resolve("rootfs/bin/caller").toString(),
                dir.resolve("caller.c").toString()).redirectErrorStream(true).start();
        String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(gcc.waitFor() == 0, "skipped: gcc -static failed (libc6-dev?): " + log);
        // 457 statmount, 458 listmount, 462 mseal, 467 open_tree_attr; 246 kexec_load (listed nowhere, older); 39 getpid
        String out = run(SeccompProfile.forCapabilities(OciSpecBuilder.DEFAULT_CAPS), "caller 457 458 462 467 246 39");
        for (String call : List.of("467:ENOSYS", "246:EPERM", "39:ok")) assertTrue(out.contains(call), call + " in " + out);
        // Docker's profile allows statmount, listmount and mseal; runc ignores names its libseccomp does not know
        // (2.5.4 knows calls up to set_mempolicy_home_node, 450), and then they are above the filter's highest call.
        // Either way they are not refused with EPERM, which would keep a program from falling back
        for (String call : List.of("457:", "458:", "462:")) assertTrue(out.contains(call) && !out.contains(call + "EPERM"), call + " in " + out);
    }
}
