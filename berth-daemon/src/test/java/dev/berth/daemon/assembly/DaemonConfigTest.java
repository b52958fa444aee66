package dev.berth.daemon.assembly;

import dev.berth.common.errors.BerthException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonConfigTest {
    @Test
    void groupDefaultsToBerthAndTakesBothSpellings() {
        assertEquals("berth", DaemonConfig.parse(new String[0]).socketGroup());
        assertEquals("ops", DaemonConfig.parse(new String[] {"-G", "ops"}).socketGroup());
        assertEquals("ops", DaemonConfig.parse(new String[] {"--group", "ops"}).socketGroup());
        assertEquals("1234", DaemonConfig.parse(new String[] {"--group=1234"}).socketGroup());
        assertEquals("", DaemonConfig.parse(new String[] {"--group="}).socketGroup(), "empty: the daemon's own group, as dockerd");
        var e = assertThrows(BerthException.InvalidArgument.class, () -> DaemonConfig.parse(new String[] {"-G"}));
        assertEquals("flag needs an argument: -G", e.getMessage());
    }

    @Test
    void noNewPrivilegesIsABooleanFlagOffByDefault() {
        assertFalse(DaemonConfig.parse(new String[0]).noNewPrivileges());
        assertTrue(DaemonConfig.parse(new String[] {"--no-new-privileges"}).noNewPrivileges());
        assertTrue(DaemonConfig.parse(new String[] {"--no-new-privileges=true"}).noNewPrivileges());
        assertFalse(DaemonConfig.parse(new String[] {"--no-new-privileges", "--no-new-privileges=false"}).noNewPrivileges());
        // a bool flag takes no separate argument: the next word is the next flag
        DaemonConfig c = DaemonConfig.parse(new String[] {"--no-new-privileges", "--log-level", "debug"});
        assertTrue(c.noNewPrivileges());
        assertEquals("debug", c.logLevel());
        var e = assertThrows(BerthException.InvalidArgument.class, () -> DaemonConfig.parse(new String[] {"--no-new-privileges=yes"}));
        assertEquals("invalid argument \"yes\" for \"--no-new-privileges\" flag: strconv.ParseBool: parsing \"yes\": invalid syntax", e.getMessage());
    }

    @Test
    void helpListsTheNewFlags() {
        assertTrue(DaemonConfig.USAGE.contains("  -G, --group string "), DaemonConfig.USAGE);
        assertTrue(DaemonConfig.USAGE.contains("      --no-new-privileges  Set no-new-privileges by default for new containers"), DaemonConfig.USAGE);
    }
}
