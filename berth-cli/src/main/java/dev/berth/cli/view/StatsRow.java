package dev.berth.cli.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.format.Ellipsis;
import dev.berth.cli.format.Sizes;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code docker stats} row, computed from a stats document the way the docker CLI does:
 * CPU % from the change of the container's and the system's CPU time since {@code precpu_stats},
 * memory without the page cache (inactive files), network and block I/O summed over devices.
 */
public final class StatsRow implements TableRow {
    public static final String DEFAULT_TABLE = "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";
    public static final Map<String, String> HEADERS = Map.of("Container", "CONTAINER", "ID", "CONTAINER ID", "Name", "NAME",
            "CPUPerc", "CPU %", "MemUsage", "MEM USAGE / LIMIT", "MemPerc", "MEM %", "NetIO", "NET I/O", "BlockIO", "BLOCK I/O", "PIDs", "PIDS");

    private final String container;
    private final String id;
    private final String name;
    private final double cpuPercent;
    private final double memory;
    private final double memoryLimit;
    private final double memoryPercent;
    private final double netRx;
    private final double netTx;
    private final double blockRead;
    private final double blockWrite;
    private final long pids;
    private final boolean trunc;

    private StatsRow(String container, String id, String name, double cpuPercent, double memory, double memoryLimit, double memoryPercent,
                     double netRx, double netTx, double blockRead, double blockWrite, long pids, boolean trunc) {
        this.container = container;
        this.id = id;
        this.name = name;
        this.cpuPercent = cpuPercent;
        this.memory = memory;
        this.memoryLimit = memoryLimit;
        this.memoryPercent = memoryPercent;
        this.netRx = netRx;
        this.netTx = netTx;
        this.blockRead = blockRead;
        this.blockWrite = blockWrite;
        this.pids = pids;
        this.trunc = trunc;
    }

    /** @param container the name the user gave (the {@code .Container} field) */
    public static StatsRow of(String container, JsonNode s, boolean trunc) {
        JsonNode cpu = s.path("cpu_stats");
        JsonNode pre = s.path("precpu_stats");
        double cpuDelta = cpu.path("cpu_usage").path("total_usage").asDouble() - pre.path("cpu_usage").path("total_usage").asDouble();
        double systemDelta = cpu.path("system_cpu_usage").asDouble() - pre.path("system_cpu_usage").asDouble();
        double online = cpu.path("online_cpus").asDouble();
        if (online == 0) online = cpu.path("cpu_usage").path("percpu_usage").size();
        double cpuPercent = systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * online * 100.0 : 0;

        JsonNode mem = s.path("memory_stats");
        double usage = mem.path("usage").asDouble();
        double memory = usage;
        JsonNode stats = mem.path("stats");
        if (stats.has("total_inactive_file") && stats.get("total_inactive_file").asDouble() < usage) {
            memory = usage - stats.get("total_inactive_file").asDouble();
        } else if (stats.path("inactive_file").asDouble() < usage) {
            memory = usage - stats.path("inactive_file").asDouble();
        }
        double limit = mem.path("limit").asDouble();
        double memPercent = limit != 0 ? memory / limit * 100.0 : 0;

        double rx = 0;
        double tx = 0;
        for (JsonNode n : s.path("networks")) {
            rx += n.path("rx_bytes").asDouble();
            tx += n.path("tx_bytes").asDouble();
        }
        double read = 0;
        double write = 0;
        for (JsonNode b : s.path("blkio_stats").path("io_service_bytes_recursive")) {
            String op = b.path("op").asText("").toLowerCase(Locale.ROOT);
            if (op.startsWith("r")) read += b.path("value").asDouble();
            else if (op.startsWith("w")) write += b.path("value").asDouble();
        }
        String name = s.path("name").asText("");
        if (name.startsWith("/")) name = name.substring(1);
        return new StatsRow(container, s.path("id").asText(""), name, cpuPercent, memory, limit, memPercent, rx, tx, read, write,
                s.path("pids_stats").path("current").asLong(), trunc);
    }

    @Override
    public Object field(String field, List<Object> args) {
        if (!args.isEmpty()) return MISSING;
        return switch (field) {
            case "Container" -> container;
            case "ID" -> trunc ? Ellipsis.shortId(id) : id;
            case "Name" -> name.isEmpty() ? "--" : name;
            case "CPUPerc" -> String.format(Locale.ROOT, "%.2f%%", cpuPercent);
            case "MemUsage" -> Sizes.binary(memory) + " / " + Sizes.binary(memoryLimit);
            case "MemPerc" -> String.format(Locale.ROOT, "%.2f%%", memoryPercent);
            case "NetIO" -> Sizes.human(netRx) + " / " + Sizes.human(netTx);
            case "BlockIO" -> Sizes.human(blockRead) + " / " + Sizes.human(blockWrite);
            case "PIDs" -> Long.toString(pids);
            default -> MISSING;
        };
    }

    @Override
    public Map<String, String> headers() {
        return HEADERS;
    }

    @Override
    public String goType() {
        return "formatter.StatsEntry";
    }
}
