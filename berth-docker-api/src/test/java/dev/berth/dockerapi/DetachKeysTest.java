package dev.berth.dockerapi;

import dev.berth.common.errors.BerthException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetachKeysTest {
    @Test
    void parsesDockersKeyNames() {
        assertArrayEquals(new byte[]{16, 17}, DetachKeys.parse(null).sequence());
        assertArrayEquals(new byte[]{16, 17}, DetachKeys.parse("ctrl-p,ctrl-q").sequence());
        assertArrayEquals(new byte[]{'a', 1, 0, 27, 28, 29, 30, 31}, DetachKeys.parse("a,ctrl-a,ctrl-@,ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_").sequence());
        assertEquals("Invalid detach keys (ctrl-1) provided",
                assertThrows(BerthException.InvalidArgument.class, () -> DetachKeys.parse("ctrl-1")).getMessage());
        assertThrows(BerthException.InvalidArgument.class, () -> DetachKeys.parse("shift-a"));
        // as moby/term: DEL, and names exactly as written (no upper case, no spaces, no empty key)
        assertArrayEquals(new byte[]{'x', 127}, DetachKeys.parse("x,DEL").sequence());
        assertArrayEquals(new byte[]{24, 'x'}, DetachKeys.parse("ctrl-x,x").sequence());
        for (String bad : new String[]{"ctrl-P", "ctrl-p, ctrl-q", "a,,b", "a,", "del"}) {
            assertThrows(BerthException.InvalidArgument.class, () -> DetachKeys.parse(bad), bad);
        }
    }

    @Test
    void passesInputThroughUntilTheWholeSequence() {
        DetachKeys.Scanner s = DetachKeys.DEFAULT.scanner();
        assertArrayEquals("ab".getBytes(), s.filter("ab".getBytes(), 0, 2));
        // ctrl-p alone is held back until the next byte decides
        assertArrayEquals(new byte[0], s.filter(new byte[]{16}, 0, 1));
        assertArrayEquals(new byte[]{16, 'x'}, s.filter(new byte[]{'x'}, 0, 1));
        assertFalse(s.detached());
        assertArrayEquals(new byte[]{'y', 16}, s.filter(new byte[]{'y', 16, 16, 17, 'z'}, 0, 5));
        assertTrue(s.detached(), "the sequence after a broken start still counts");
    }
}
