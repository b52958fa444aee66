package dev.berth.engine.container;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LegacyLinksTest {
    @Test
    void envVarsAsMobysLinksPackage() {
        List<String> env = LegacyLinks.env("/me/my-db", "172.17.0.3", List.of("PATH=/bin", "USER=x", "HOME=/root"),
                List.of("5432/tcp", "53/udp", "5433/tcp"));
        assertEquals(List.of(
                "MY_DB_PORT=tcp://172.17.0.3:5432",
                "MY_DB_PORT_5432_TCP=tcp://172.17.0.3:5432", "MY_DB_PORT_5432_TCP_ADDR=172.17.0.3", "MY_DB_PORT_5432_TCP_PORT=5432",
                "MY_DB_PORT_5432_TCP_PROTO=tcp",
                "MY_DB_PORT_5433_TCP=tcp://172.17.0.3:5433", "MY_DB_PORT_5433_TCP_ADDR=172.17.0.3", "MY_DB_PORT_5433_TCP_PORT=5433",
                "MY_DB_PORT_5433_TCP_PROTO=tcp",
                // the range is written when the run ends, i.e. after the next port (moby's order)
                "MY_DB_PORT_53_UDP=udp://172.17.0.3:53", "MY_DB_PORT_53_UDP_ADDR=172.17.0.3", "MY_DB_PORT_53_UDP_PORT=53",
                "MY_DB_PORT_53_UDP_PROTO=udp",
                "MY_DB_PORT_5432_TCP_START=tcp://172.17.0.3:5432", "MY_DB_PORT_5432_TCP_PORT_START=5432",
                "MY_DB_PORT_5432_TCP_END=tcp://172.17.0.3:5433", "MY_DB_PORT_5432_TCP_PORT_END=5433",
                "MY_DB_NAME=/me/my-db", "MY_DB_ENV_USER=x"), env);
    }

    @Test
    void hostsLinesInDockersOrder() {
        String hosts = EtcFiles.hosts(EtcFiles.DEFAULT_HOSTS, List.of("db:10.0.0.9"), List.of("172.17.0.3\tdb abc lnk"), "web", "example.com", "172.17.0.2");
        assertEquals(EtcFiles.DEFAULT_HOSTS + "10.0.0.9\tdb\n172.17.0.3\tdb abc lnk\n172.17.0.2\tweb.example.com web\n", hosts);
    }
}
