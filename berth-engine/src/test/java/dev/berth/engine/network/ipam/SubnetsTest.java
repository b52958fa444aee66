package dev.berth.engine.network.ipam;

import dev.berth.common.errors.BerthException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Subnet picking from Docker's default pools, overlap, and dockerd's checks of an IPAM config. */
class SubnetsTest {
    private static Cidr c(String s) {
        return Cidr.parse(s, "subnet");
    }

    @Test
    void cidrsNormaliseAndOverlap() {
        assertEquals("10.1.2.0/24", c("10.1.2.77/24").toString());
        assertTrue(c("172.18.0.0/16").overlaps(c("172.18.5.0/24")));
        assertFalse(c("172.18.0.0/16").overlaps(c("172.19.0.0/16")));
        assertTrue(c("10.0.0.0/8").contains(c("10.200.0.0/16")));
        assertEquals("10.1.2.1", c("10.1.2.0/24").host(1));
        assertThrows(BerthException.InvalidArgument.class, () -> c("10.1.2/24"));
        assertThrows(BerthException.InvalidArgument.class, () -> c("10.1.2.300/24"));
    }

    @Test
    void picksTheFirstDefaultPoolNothingUses() {
        assertEquals("172.17.0.0/16", SubnetPicker.pick(List.of()).toString());
        // the default bridge on 172.17, a host route inside 172.18, a network on 172.19
        assertEquals("172.20.0.0/16", SubnetPicker.pick(List.of(c("172.17.0.0/16"), c("172.18.3.0/24"), c("172.19.0.0/16"))).toString());
        // a route covering all of 172.16/12 sends it to 192.168.x/20s
        assertEquals("192.168.0.0/20", SubnetPicker.pick(List.of(c("172.16.0.0/12"))).toString());
        assertEquals("192.168.16.0/20", SubnetPicker.pick(List.of(c("172.16.0.0/12"), c("192.168.1.0/24"))).toString());
        assertThrows(BerthException.Forbidden.class, () -> SubnetPicker.pick(List.of(c("172.16.0.0/12"), c("192.168.0.0/16"))));
    }

    @Test
    void ipamConfigChecks() {
        IpamPool p = new IpamPool("10.5.0.0/16", "", "10.5.1.0/24", Map.of("router", "10.5.0.2")).validated();
        assertEquals("10.5.0.1", p.gateway());
        assertEquals(16, p.prefixLength());
        assertEquals("no matching subnet for gateway 10.6.0.1",
                assertThrows(BerthException.class, () -> new IpamPool("10.5.0.0/16", "10.6.0.1", "", Map.of()).validated()).getMessage());
        assertEquals("no matching subnet for range 10.6.0.0/24",
                assertThrows(BerthException.class, () -> new IpamPool("10.5.0.0/16", "", "10.6.0.0/24", Map.of()).validated()).getMessage());
        assertEquals("no matching subnet for aux-address 10.7.0.9",
                assertThrows(BerthException.class, () -> new IpamPool("10.5.0.0/16", "", "", Map.of("a", "10.7.0.9")).validated()).getMessage());
        assertThrows(BerthException.NotImplemented.class, () -> new IpamPool("fd00::/64", "", "", Map.of()).validated());
    }
}
