package dev.berth.cli.format;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EllipsisTest {
    @Test
    void ellipsisAndShortIds() {
        assertEquals("\"sh -c 'echo hello; …\"", "\"" + Ellipsis.cut("sh -c 'echo hello; sleep 10'", 20) + "\"");
        assertEquals("sleep 300", Ellipsis.cut("sleep 300", 20));
        assertEquals("bc6230fdf273", Ellipsis.shortId("sha256:bc6230fdf2737ad729c8a2abf8ad5ff24d5b8c6a51f8e4d9ca969f7cdd7c285f"));
        assertEquals("b2077c992291", Ellipsis.shortId("b2077c992291d9be57998ccd74b6c0f42f43779ac3749e20a6a1a89c7696b9da"));
    }
}
