package dev.berth.dockerapi;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetachingInputTest {
    @Test
    void passesInputUpToTheKeysThenEndsAndDetachesOnce() throws Exception {
        AtomicInteger detached = new AtomicInteger();
        byte[] typed = {'l', 's', '\n', 16, 'x', 16, 17, 'l', 'o', 's', 't'};
        var in = new DetachingInput(new ByteArrayInputStream(typed), DetachKeys.DEFAULT.scanner(), detached::incrementAndGet);
        // a broken sequence (ctrl-p then x) is ordinary input; the completed one is dropped, and so is all after it
        assertArrayEquals(new byte[]{'l', 's', '\n', 16, 'x'}, in.readAllBytes());
        assertEquals(1, detached.get());
        assertTrue(in.detached());
        assertEquals(-1, in.read());
        assertEquals(1, detached.get(), "announced once");
        assertEquals(0, in.read(new byte[4], 0, 0));
    }

    @Test
    void withoutTheKeysItIsThePlainInput() throws Exception {
        AtomicInteger detached = new AtomicInteger();
        var in = new DetachingInput(new ByteArrayInputStream("echo hi\n".getBytes()), DetachKeys.parse("ctrl-a,b").scanner(), detached::incrementAndGet);
        assertEquals("echo hi\n", new String(in.readAllBytes()));
        assertEquals(0, detached.get());
        assertFalse(in.detached(), "end of input is the client's own");
    }
}
