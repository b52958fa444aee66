package dev.berth.client;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DockerHostsTest {
    @Test
    void flagThenBerthHostThenDockerHostThenDefault() {
        Map<String, String> both = Map.of("BERTH_HOST", "unix:///b.sock", "DOCKER_HOST", "unix:///d.sock");
        assertEquals("unix:///f.sock", DockerHosts.resolve("unix:///f.sock", both).toString());
        assertEquals("unix:///b.sock", DockerHosts.resolve(null, both).toString());
        assertEquals("unix:///d.sock", DockerHosts.resolve(null, Map.of("DOCKER_HOST", "unix:///d.sock")).toString());
        assertEquals("unix:///d.sock", DockerHosts.resolve("", Map.of("BERTH_HOST", " ", "DOCKER_HOST", "unix:///d.sock")).toString());
        assertEquals("unix:///run/berth/berth.sock", DockerHosts.resolve(null, Map.of()).toString());
    }

    @Test
    void hostSyntax() {
        assertEquals(new DockerHost(DockerHost.Kind.UNIX, "/var/run/docker.sock", 0), DockerHost.parse("unix:///var/run/docker.sock"));
        assertEquals(new DockerHost(DockerHost.Kind.UNIX, "/tmp/x.sock", 0), DockerHost.parse("/tmp/x.sock"));
        assertEquals(new DockerHost(DockerHost.Kind.TCP, "127.0.0.1", 2375), DockerHost.parse("tcp://127.0.0.1:2375"));
        assertEquals(new DockerHost(DockerHost.Kind.TCP, "example", 2375), DockerHost.parse("tcp://example"));
        assertThrows(IllegalArgumentException.class, () -> DockerHost.parse("ssh://user@host"));
        assertThrows(IllegalArgumentException.class, () -> DockerHost.parse("tcp://h:port"));
    }

    @Test
    void unreachableDaemonMessage() {
        assertEquals("Cannot connect to the berth daemon at unix:///run/berth/berth.sock. Is the berth daemon running?",
                new DaemonUnreachableException(DockerHost.parse(DockerHost.DEFAULT), null, null).getMessage());
    }
}
