package dev.berth.oci.image;

import dev.berth.common.errors.BerthException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageRefTest {
    @Test
    void normalisesDockerHubNames() {
        ImageRef r = ImageRef.parse("busybox");
        assertEquals("docker.io", r.domain());
        assertEquals("library/busybox", r.path());
        assertEquals("latest", r.tag());
        assertEquals("busybox:latest", r.familiar());
        assertEquals(r, ImageRef.parse("docker.io/library/busybox:latest"));
    }

    @Test
    void keepsRegistryHostAndPort() {
        ImageRef r = ImageRef.parse("127.0.0.1:5000/spy/img:v1");
        assertEquals("127.0.0.1:5000", r.domain());
        assertEquals("spy/img", r.path());
        assertEquals("127.0.0.1:5000/spy/img:v1", r.familiar());
        assertEquals("localhost/x:latest", ImageRef.parse("localhost/x").familiar());
    }

    @Test
    void rejectsUppercaseWithDockersMessage() {
        BerthException e = assertThrows(BerthException.InvalidArgument.class, () -> ImageRef.parse("BusyBox"));
        assertEquals("invalid reference format: repository name must be lowercase", e.getMessage());
        assertThrows(BerthException.InvalidArgument.class, () -> ImageRef.parse("a//b"));
        assertThrows(BerthException.InvalidArgument.class, () -> ImageRef.parse(""));
    }

    @Test
    void parsesDigests() {
        String d = "sha256:" + "a".repeat(64);
        ImageRef r = ImageRef.parse("busybox@" + d);
        assertEquals(d, r.digest());
        assertTrue(r.familiar().endsWith("@" + d));
    }
}
