package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ContainerLogsTest {
    @Test
    void validatesDriversAndOptionsWithDockerdsMessages() {
        ContainerLogs.validate("", Map.of("max-size", "10m", "max-file", "3", "labels", "a", "tag", "x"));
        ContainerLogs.validate("none", Map.of());
        assertEquals("unknown log opt 'max-sise' for json-file log driver",
                assertThrows(BerthException.InvalidArgument.class, () -> ContainerLogs.validate("json-file", Map.of("max-sise", "1m"))).getMessage());
        assertEquals("logger: no log driver named 'nope' is registered",
                assertThrows(BerthException.InvalidArgument.class, () -> ContainerLogs.validate("nope", Map.of())).getMessage());
        assertEquals("max-file cannot be less than 1",
                assertThrows(BerthException.InvalidArgument.class, () -> ContainerLogs.validate("json-file", Map.of("max-file", "0"))).getMessage());
        assertThrows(BerthException.NotImplemented.class, () -> ContainerLogs.validate("syslog", Map.of()));
        assertThrows(BerthException.NotImplemented.class, () -> ContainerLogs.validate("json-file", Map.of("compress", "true")));
    }

    @Test
    void attrsFollowLabelsEnvAndTag() {
        ContainerSpec.HostSettings host = new ContainerSpec.HostSettings(false, ContainerSpec.RestartPolicy.NO, null, null, false,
                List.of(), List.of(), false, false, "default", List.of(), Map.of(), "json-file",
                Map.of("labels", "tier,missing", "env-regex", "^APP_", "tag", "{{.Name}}/{{.ID}}"), 0, 0, null, null);
        ContainerSpec spec = new ContainerSpec("0123456789abcdef0123", "web", "sha256:feedface", "busybox", Instant.EPOCH, "h", "", "",
                List.of("APP_MODE=prod", "PATH=/bin"), List.of(), List.of("true"), "", false, false, false,
                Map.of("tier", "front", "other", "x"), null, null, List.of(), host, null, null);
        assertEquals(Map.of("tier", "front", "APP_MODE", "prod", "tag", "web/0123456789ab"), ContainerLogs.attrs(spec));
        assertEquals(new dev.berth.engine.logging.JsonLogFile.Limits(0, 1), ContainerLogs.limits(spec));
    }
}
