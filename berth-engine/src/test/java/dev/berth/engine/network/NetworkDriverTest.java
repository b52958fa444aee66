package dev.berth.engine.network;

import dev.berth.common.errors.BerthException;
import dev.berth.engine.network.bridge.Isolation;
import dev.berth.engine.network.ipam.IpamPool;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Driver names and options as dockerd checks them, the CNI configuration as data, and the isolation rules. */
class NetworkDriverTest {
    @Test
    void unknownAndSingletonDriversAreRefusedAsDockerd() {
        assertEquals("plugin \"foo\" not found", assertThrows(BerthException.NotFound.class, () -> NetworkDriver.of("foo")).getMessage());
        assertThrows(BerthException.Forbidden.class, () -> NetworkDriver.of("host"));
        assertThrows(BerthException.InvalidArgument.class,
                () -> NetworkDriver.of("bridge").checkOptions(Map.of("com.docker.network.bridge.name", "much-too-long-bridge-name")));
        assertThrows(BerthException.NotImplemented.class, () -> NetworkDriver.of("bridge").checkOptions(Map.of("com.docker.network.bridge.enable_icc", "false")));
        assertThrows(BerthException.InvalidArgument.class,
                () -> NetworkDriver.of("macvlan").checkOptions(Map.of("parent", "lo", "macvlan_mode", "weird")));
        assertEquals("br-0123456789ab", NetworkDriver.of("bridge").hostInterface("0123456789abcdef", Map.of()));
    }

    @Test
    void cniConfigurationOfABridgeNetwork() {
        NetworkConfig n = new NetworkConfig("0123456789abcdef0123", "web", "bridge", Instant.EPOCH,
                List.of(new IpamPool("10.9.0.0/24", "10.9.0.1", "10.9.0.0/25", Map.of())), Map.of(), Map.of(), false, false, false, "br-0123456789ab");
        var conf = CniConfigs.of(n, Path.of("/d"), false);
        assertEquals("bridge", conf.path("type").asText());
        assertEquals("br-0123456789ab", conf.path("bridge").asText());
        var range = conf.path("ipam").path("ranges").path(0).path(0);
        assertEquals("10.9.0.1", range.path("rangeStart").asText());
        assertEquals("10.9.0.127", range.path("rangeEnd").asText());
        assertEquals("0.0.0.0/0", conf.path("ipam").path("routes").path(0).path("dst").asText());
        // a fixed address may sit outside --ip-range; an internal network has no default route
        assertFalse(CniConfigs.of(n, Path.of("/d"), true).path("ipam").path("ranges").path(0).path(0).has("rangeStart"));
        NetworkConfig internal = new NetworkConfig(n.id(), n.name(), n.driver(), n.created(), n.ipam(), Map.of(), Map.of(), true, false, false, n.bridge());
        assertTrue(CniConfigs.of(internal, Path.of("/d"), false).path("ipam").path("routes").isMissingNode());
    }

    @Test
    void isolationDropsBetweenEveryPairAndAroundInternalBridges() {
        var rules = new Isolation("berth0").rules(List.of("br-a", "br-b"), List.of("br-b"));
        assertTrue(rules.stream().anyMatch(r -> r.spec().equals(List.of("-i", "br-a", "-o", "br-b", "-j", "DROP"))));
        assertTrue(rules.stream().anyMatch(r -> r.spec().equals(List.of("-i", "berth0", "-o", "br-a", "-j", "DROP"))));
        assertTrue(rules.stream().anyMatch(r -> r.spec().equals(List.of("-i", "br-b", "!", "-o", "br-b", "-j", "DROP"))));
        assertFalse(rules.stream().anyMatch(r -> r.spec().equals(List.of("-i", "br-a", "-o", "br-a", "-j", "DROP"))));
        assertEquals(2 + 6, rules.size());
    }
}
