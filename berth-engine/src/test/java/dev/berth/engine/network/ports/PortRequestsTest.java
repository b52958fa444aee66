package dev.berth.engine.network.ports;

import dev.berth.common.errors.BerthException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PortRequestsTest {
    private static PortRequests of(String key, String ip, String port) {
        return new PortRequests(Map.of(key, List.of(new HostBinding(ip, port))), false);
    }

    @Test
    void bindingsResolveToHostPortsAndRanges() {
        Map<String, List<HostBinding>> b = new LinkedHashMap<>();
        b.put("80/tcp", List.of(new HostBinding("", "8080"), new HostBinding("127.0.0.1", "")));
        b.put("53/udp", List.of(new HostBinding(null, "5300-5310")));
        b.put("81", List.of(new HostBinding("", "")));
        List<RequestedPort> r = new PortRequests(b, false).resolve(List.of("80/tcp", "53/udp", "81/tcp"));
        assertEquals(List.of(
                new RequestedPort("tcp", 80, "0.0.0.0", 8080, 8080),
                new RequestedPort("tcp", 80, "127.0.0.1", 0, 0),
                new RequestedPort("udp", 53, "0.0.0.0", 5300, 5310),
                new RequestedPort("tcp", 81, "0.0.0.0", 0, 0)), r);
    }

    @Test
    void publishAllAddsAnEphemeralPortForEachExposedPortWithoutBinding() {
        PortRequests p = new PortRequests(Map.of("80/tcp", List.of(new HostBinding("", "8080"))), true);
        assertEquals(List.of(new RequestedPort("tcp", 80, "0.0.0.0", 8080, 8080), new RequestedPort("udp", 90, "0.0.0.0", 0, 0)),
                p.resolve(List.of("80/tcp", "90/udp")));
        assertEquals(List.of(), new PortRequests(Map.of("80/tcp", List.of()), false).resolve(List.of("80/tcp")));
    }

    @Test
    void invalidSpecsGetDockerdsMessages() {
        assertEquals("invalid port specification: \"abc\"", assertThrows(BerthException.InvalidArgument.class, () -> of("abc/tcp", "", "")).getMessage());
        assertEquals("invalid port specification: \"0\"", assertThrows(BerthException.InvalidArgument.class, () -> of("0/tcp", "", "")).getMessage());
        assertEquals("invalid port specification: \"80-81\"", assertThrows(BerthException.InvalidArgument.class, () -> of("80-81/tcp", "", "")).getMessage());
        assertEquals("invalid port specification: \"99999\"", assertThrows(BerthException.InvalidArgument.class, () -> of("80/tcp", "", "99999")).getMessage());
        assertEquals("invalid port specification: \"9-8\"", assertThrows(BerthException.InvalidArgument.class, () -> of("80/tcp", "", "9-8")).getMessage());
        assertEquals("invalid proto: icmp", assertThrows(BerthException.InvalidArgument.class, () -> of("80/icmp", "", "")).getMessage());
        assertEquals("invalid IP address: 1.2.3", assertThrows(BerthException.InvalidArgument.class, () -> of("80/tcp", "1.2.3", "")).getMessage());
        assertThrows(BerthException.NotImplemented.class, () -> of("80/sctp", "", ""));
        assertThrows(BerthException.NotImplemented.class, () -> of("80/tcp", "::1", ""));
    }
}
