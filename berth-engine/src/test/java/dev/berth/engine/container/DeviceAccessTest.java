package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The create-time checks of Devices, DeviceCgroupRules and OomScoreAdj, for clients that skip the docker CLI's. */
class DeviceAccessTest {
    private static String refusal(DeviceAccess a) {
        return assertThrows(BerthException.InvalidArgument.class, a::validate).getMessage();
    }

    @Test
    void mappingsAndRulesAreChecked() {
        var ok = new DeviceAccess(List.of(new DeviceAccess.Mapping("/dev/null", "", ""), new DeviceAccess.Mapping("/dev/fuse", "/dev/f", "rw")),
                List.of("c 42:* rmw"));
        ok.validate();
        assertEquals("/dev/null", ok.devices().getFirst().pathInContainer(), "an empty container path is the host's");
        assertEquals("rwm", ok.devices().getFirst().effectivePermissions());
        assertEquals("dev/x is not an absolute path", refusal(new DeviceAccess(List.of(new DeviceAccess.Mapping("/dev/null", "dev/x", "r")), List.of())));
        assertEquals("bad mode specified: rwx", refusal(new DeviceAccess(List.of(new DeviceAccess.Mapping("/dev/null", "/x", "rwx")), List.of())));
        assertEquals("invalid device mapping: PathOnHost is empty", refusal(new DeviceAccess(List.of(new DeviceAccess.Mapping("", "/x", "")), List.of())));
        assertEquals("invalid device cgroup rule format: 'c 1 r'", refusal(new DeviceAccess(List.of(), List.of("c 1 r"))));
    }

    @Test
    void oomScoreAdjIsWithinTheKernelsRange() {
        new KernelSettings("", "", "", "", List.of(), List.of(), Map.of(), -1000).validate("default");
        new KernelSettings("", "", "", "", List.of(), List.of(), Map.of(), 1000).validate("default");
        var e = assertThrows(BerthException.InvalidArgument.class,
                () -> new KernelSettings("", "", "", "", List.of(), List.of(), Map.of(), 2000).validate("default"));
        assertEquals("Invalid value 2000, range for oom score adj is [-1000, 1000]", e.getMessage());
    }
}
