package dev.berth.daemon.api.images;

import dev.berth.common.errors.BerthException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommitRouteTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void repoAndTag() {
        assertEquals(Optional.empty(), CommitRoute.tag(null, null));
        assertEquals("app:latest", CommitRoute.tag("app", "").orElseThrow().familiar());
        assertEquals("reg:5000/app:v1", CommitRoute.tag("reg:5000/app", "v1").orElseThrow().familiar());
        assertTrue(assertThrows(BerthException.InvalidArgument.class, () -> CommitRoute.tag("", "v1")).getMessage().startsWith("tag:"));
        assertTrue(assertThrows(BerthException.InvalidArgument.class, () -> CommitRoute.tag("app", "bad tag!")).getMessage().startsWith("tag:"));
        assertTrue(assertThrows(BerthException.InvalidArgument.class,
                () -> CommitRoute.tag("app@sha256:" + "a".repeat(64), "")).getMessage().startsWith("repo:"));
    }

    @Test
    void configBodies() {
        assertNull(CommitRoute.config(new byte[0]));
        assertNull(CommitRoute.config(b("null")));
        assertEquals("{\"Cmd\":[\"x\"]}", CommitRoute.config(b("{\"Cmd\":[\"x\"],\"Memory\":0,\"PortSpecs\":null,\"containerId\":\"abc\",\"pause\":true}")).toString());
        var e = assertThrows(BerthException.InvalidArgument.class, () -> CommitRoute.config(b("{\"Memory\":5}")));
        assertTrue(e.getMessage().contains("Memory"), e.getMessage());
        assertThrows(BerthException.InvalidArgument.class, () -> CommitRoute.config(b("[1]")));
        assertThrows(BerthException.InvalidArgument.class, () -> CommitRoute.config(b("{")));
    }
}
