package dev.berth.cli.format;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PortsTest {
    @Test
    void publishedPortsOnBothFamilies() {
        assertEquals("0.0.0.0:8080->80/tcp, [::]:8080->80/tcp", Ports.display(List.of(
                new Ports.Port("0.0.0.0", 80, 8080, "tcp"), new Ports.Port("::", 80, 8080, "tcp"))));
    }

    @Test
    void unpublishedPortsFoldIntoRanges() {
        assertEquals("80/tcp", Ports.display(List.of(new Ports.Port("", 80, 0, "tcp"))));
        assertEquals("53/udp, 8000-8002/tcp", Ports.display(List.of(new Ports.Port("", 8001, 0, "tcp"),
                new Ports.Port("", 8000, 0, "tcp"), new Ports.Port("", 8002, 0, "tcp"), new Ports.Port("", 53, 0, "udp"))));
        assertEquals("0.0.0.0:80->80/tcp", Ports.display(List.of(new Ports.Port("0.0.0.0", 80, 80, "tcp"))));
        assertEquals("", Ports.display(List.of()));
    }
}
