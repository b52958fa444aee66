package dev.berth.dockerapi;

import dev.berth.common.errors.BerthException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FiltersTest {
    @Test
    void readsTheMapAndTheListForm() {
        assertEquals(List.of("a=b"), Filters.parse("{\"label\":{\"a=b\":true}}").get("label"));
        assertEquals(List.of("x", "y"), Filters.parse("{\"name\":[\"x\",\"y\"]}").get("name"));
        assertTrue(Filters.parse(null).values().isEmpty());
    }

    @Test
    void refusesUnknownKeysAndBadBooleansWithDockerdsWords() {
        assertEquals("invalid filter 'bogus'", assertThrows(BerthException.InvalidArgument.class,
                () -> Filters.parse("{\"bogus\":[\"1\"]}").allow(Set.of("label"))).getMessage());
        assertEquals("Invalid filter 'dangling=maybe'", assertThrows(BerthException.InvalidArgument.class,
                () -> Filters.bool("dangling", "maybe")).getMessage());
        assertTrue(Filters.bool("dangling", "1"));
        assertFalse(Filters.bool("dangling", "FALSE"));
    }

    @Test
    void matchesReferencesLikeGosPathMatch() {
        assertTrue(Filters.pathMatch("busybox", "busybox"));
        assertTrue(Filters.pathMatch("busy*", "busybox"));
        assertTrue(Filters.pathMatch("foo/*", "foo/bar"));
        assertFalse(Filters.pathMatch("*", "foo/bar"), "* stops at a slash");
        assertTrue(Filters.pathMatch("*/*:1", "foo/bar:1"));
        assertTrue(Filters.pathMatch("b?sybox:[l]atest", "busybox:latest"));
        assertFalse(Filters.pathMatch("b[^u]sybox", "busybox"));
        assertTrue(Filters.pathMatch("a.b+c", "a.b+c"), "regex characters are literal");
        assertFalse(Filters.pathMatch("a.b", "axb"));
        assertFalse(Filters.pathMatch("[unclosed", "u"));
    }

    @Test
    void labelFiltersAllMustMatch() {
        Filters f = Filters.parse("{\"label\":[\"a\",\"b=2\"]}");
        assertTrue(f.matchLabels(Map.of("a", "x", "b", "2")));
        assertFalse(f.matchLabels(Map.of("a", "x", "b", "3")));
    }
}
