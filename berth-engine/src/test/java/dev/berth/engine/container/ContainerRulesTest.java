package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContainerRulesTest {
    @Test
    void parsesSignalsAsDockerDoes() {
        assertEquals(15, Signals.parse("TERM"));
        assertEquals(15, Signals.parse("SIGTERM"));
        assertEquals(9, Signals.parse("9"));
        assertEquals(9, Signals.parse(null));
        BerthException e = assertThrows(BerthException.InvalidArgument.class, () -> Signals.parse("BOGUS"));
        assertEquals("Invalid signal: BOGUS", e.getMessage());
    }

    @Test
    void restartPolicies() {
        var onFailure = new ContainerSpec.RestartPolicy("on-failure", 2);
        assertTrue(onFailure.shouldRestart(1, false, 0));
        assertTrue(onFailure.shouldRestart(1, false, 1));
        assertFalse(onFailure.shouldRestart(1, false, 2));
        assertFalse(onFailure.shouldRestart(0, false, 0));
        assertTrue(new ContainerSpec.RestartPolicy("always", 0).shouldRestart(0, false, 5));
        assertFalse(new ContainerSpec.RestartPolicy("unless-stopped", 0).shouldRestart(0, true, 0));
        assertFalse(ContainerSpec.RestartPolicy.NO.shouldRestart(1, false, 0));
        assertThrows(BerthException.InvalidArgument.class, () -> new ContainerSpec.RestartPolicy("sometimes", 0));
        assertThrows(BerthException.InvalidArgument.class, () -> new ContainerSpec.RestartPolicy("always", 3));
    }

    @Test
    void parsesSizes() {
        assertEquals(10L * 1024 * 1024, Sizes.parse("10m"));
        assertEquals(1024L, Sizes.parse("1k"));
        assertEquals(2L * 1024 * 1024 * 1024, Sizes.parse("2g"));
        assertEquals(100L, Sizes.parse("100"));
        assertThrows(BerthException.InvalidArgument.class, () -> Sizes.parse("lots"));
    }

    @Test
    void validatesNames() {
        assertTrue(Names.isValid("web-1"));
        assertTrue(Names.isValid("/web_1.x"));
        assertFalse(Names.isValid("x"));
        assertFalse(Names.isValid("-bad"));
        assertTrue(Names.isValid(Names.generate()));
    }
}
