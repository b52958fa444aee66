package dev.berth.dockerapi;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WireFormatsTest {
    @Test
    void framesLikeDockerStdcopy() {
        // Bytes as captured from dockerd: \x01\0\0\0\0\0\0\x03hi\n
        byte[] f = StdStreams.frame(1, "hi\n".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(new byte[]{1, 0, 0, 0, 0, 0, 0, 3, 'h', 'i', '\n'}, f);
        List<Object[]> decoded = StdStreams.decode(concat(f, StdStreams.frame(2, "err\n".getBytes())));
        assertEquals(2, decoded.size());
        assertEquals(2, decoded.get(1)[0]);
        assertEquals("err\n", new String((byte[]) decoded.get(1)[1]));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void filtersAcceptMapAndListForms() {
        Filters map = Filters.parse("{\"label\":{\"a=b\":true},\"status\":{\"running\":true}}");
        Filters list = Filters.parse("{\"label\":[\"a=b\"],\"status\":[\"running\"]}");
        assertEquals(map.values(), list.values());
        assertTrue(map.matchLabels(Map.of("a", "b", "c", "d")));
        assertFalse(map.matchLabels(Map.of("a", "x")));
        assertTrue(Filters.parse("{\"label\":[\"a\"]}").matchLabels(Map.of("a", "")));
        assertTrue(Filters.parse(null).values().isEmpty());
    }

    @Test
    void comparesApiVersions() {
        assertTrue(ApiVersion.parse("1.41").compareTo(ApiVersion.MAX) < 0);
        assertTrue(ApiVersion.parse("1.44").atLeast(1, 42));
        assertFalse(ApiVersion.parse("1.32").atLeast(1, 42));
    }
}
