package dev.berth.distribution;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RegistryHostsTest {
    @Test
    void plainHttpForLoopbackAndInsecureOnlyAndMirrorsFirstForDockerHub() {
        RegistryHosts h = new RegistryHosts(Set.of("reg.internal:5000"), List.of(URI.create("http://mirror:5000")));
        assertEquals(List.of(URI.create("http://127.0.0.1:5000")), h.endpoints("127.0.0.1:5000"));
        assertEquals(List.of(URI.create("http://reg.internal:5000")), h.endpoints("reg.internal:5000"));
        assertEquals(List.of(URI.create("https://reg.internal:5001")), h.endpoints("reg.internal:5001"));
        assertEquals(List.of(URI.create("https://10.0.0.1:5000")), h.endpoints("10.0.0.1:5000"));
        assertEquals(List.of(URI.create("http://mirror:5000"), RegistryHosts.DOCKER_HUB_ENDPOINT), h.endpoints("docker.io"));
    }
}
