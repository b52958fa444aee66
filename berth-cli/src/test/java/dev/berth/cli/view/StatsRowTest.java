package dev.berth.cli.view;

import dev.berth.client.json.JsonNodes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatsRowTest {
    @Test
    void computesLikeTheDockerCli() {
        String doc = """
                {"name":"/spy1","id":"b2077c992291d9be57998ccd74b6c0f42f43779ac3749e20a6a1a89c7696b9da",
                 "cpu_stats":{"cpu_usage":{"total_usage":300000000},"system_cpu_usage":2000000000,"online_cpus":2},
                 "precpu_stats":{"cpu_usage":{"total_usage":100000000},"system_cpu_usage":1000000000},
                 "memory_stats":{"usage":1339392,"limit":25275486208,"stats":{"total_inactive_file":999424}},
                 "networks":{"eth0":{"rx_bytes":946,"tx_bytes":0}},
                 "blkio_stats":{"io_service_bytes_recursive":[{"op":"Read","value":4096},{"op":"Write","value":1000000}]},
                 "pids_stats":{"current":1}}
                """;
        StatsRow r = StatsRow.of("spy1", JsonNodes.parse(doc.getBytes(StandardCharsets.UTF_8)), true);
        assertEquals("""
                CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O     BLOCK I/O     PIDS
                b2077c992291   spy1      40.00%    332KiB / 23.54GiB   0.00%     946B / 0B   4.1kB / 1MB   1
                """, Listing.render(StatsRow.DEFAULT_TABLE, StatsRow.HEADERS, List.of(r)));
    }

    @Test
    void stoppedContainersShowZeros() {
        StatsRow r = StatsRow.of("x", JsonNodes.parse("{\"name\":\"/x\",\"id\":\"abc\"}".getBytes(StandardCharsets.UTF_8)), true);
        assertEquals("0.00% 0B / 0B 0.00% 0B / 0B 0", Listing.render("{{.CPUPerc}} {{.MemUsage}} {{.MemPerc}} {{.NetIO}} {{.PIDs}}", StatsRow.HEADERS, List.of(r)).trim());
    }
}
