package dev.berth.client.api;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilterArgsTest {
    @Test
    void mapFormAsTheDockerCliSendsIt() {
        FilterArgs f = FilterArgs.parse(List.of("label=a=b", "status=running", "label=c"));
        assertEquals("{\"label\":{\"a=b\":true,\"c\":true},\"status\":{\"running\":true}}", f.toJson());
        assertEquals(List.of("a=b", "c"), f.get("label"));
        assertTrue(FilterArgs.none().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> FilterArgs.parse(List.of("nonsense")));
    }

    @Test
    void pathStatHeader() {
        // observed from dockerd: a directory with mode 0755 (Go os.ModeDir | 0755)
        String json = "{\"name\":\"data\",\"size\":4096,\"mode\":2147484141,\"mtime\":\"2026-11-23T18:19:10Z\",\"linkTarget\":\"\"}";
        PathStat s = PathStat.fromHeader(Base64.getEncoder().encodeToString(json.getBytes()));
        assertEquals("data", s.name());
        assertTrue(s.isDirectory());
        assertEquals(false, s.isSymlink());
        assertEquals(null, PathStat.fromHeader(null));
    }
}
