package dev.berth.cli.run;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageReferenceTest {
    @Test
    void normalizesLikeTheDockerCli() {
        ImageReference b = ImageReference.parse("busybox");
        assertEquals("docker.io/library/busybox", b.name());
        assertEquals("latest", b.tag());
        assertEquals("busybox:latest", b.familiar());
        assertEquals("spybox:nope", ImageReference.parse("spybox:nope").familiar());
        ImageReference r = ImageReference.parse("127.0.0.1:5099/spy/img:v1");
        assertEquals("127.0.0.1:5099", r.domain());
        assertEquals("127.0.0.1:5099/spy/img", r.familiarName());
        assertEquals("v1", r.tag());
        assertEquals("user/app:latest", ImageReference.parse("user/app").familiar());
        assertEquals("localhost/app", ImageReference.parse("localhost/app:1").name());
        ImageReference d = ImageReference.parse("busybox@sha256:" + "a".repeat(64));
        assertEquals(null, d.tag());
        assertEquals("busybox@sha256:" + "a".repeat(64), d.familiar());
    }

    @Test
    void rejectsBadReferences() {
        assertEquals("invalid reference format: repository name (library/BusyBox) must be lowercase",
                assertThrows(ConfigException.class, () -> ImageReference.parse("BusyBox")).getMessage());
        assertThrows(ConfigException.class, () -> ImageReference.parse(""));
        assertThrows(ConfigException.class, () -> ImageReference.parse("a:b:c"));
    }
}
