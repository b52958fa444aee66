package dev.berth.daemon.api.containers;

import dev.berth.daemon.api.Router;
import dev.berth.daemon.api.Times;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.json.Json;
import dev.berth.engine.container.ContainerStore;
import dev.berth.engine.runtime.cgroup.Usage;

import java.io.IOException;
import java.util.Map;

/**
 * {@code GET /containers/{id}/stats}: Docker's stats document, one per second when streaming.
 * {@code precpu_stats} is the previous sample so clients can compute CPU percentages; a non-stream
 * request therefore samples twice, a second apart, unless {@code one-shot} is set (as dockerd).
 */
public final class StatsRoutes {
    private static final long INTERVAL_MS = 1000;
    /** What the stats route needs of the engine. */
    public interface Backend {
        ContainerStore.Entry container(String ref);

        Usage usage(String id);

        boolean isRunning(String id);
    }

    private final Backend containers;

    public StatsRoutes(Backend containers) {
        this.containers = containers;
    }

    public void register(Router r) {
        r.add("GET", "/containers/(.+)/stats", this::stats);
    }

    private void stats(Router.Call c) throws IOException {
        ContainerStore.Entry e = containers.container(c.group(1));
        String id = e.spec().id();
        String name = "/" + e.spec().name();
        boolean stream = c.req().bool("stream", true);
        boolean oneShot = c.req().bool("one-shot", false);
        Usage previous = Usage.empty();
        Usage current = containers.usage(id);
        if (!stream) {
            if (!oneShot && current.read() != null) {
                sleep();
                previous = current;
                current = containers.usage(id);
            }
            c.json(200, document(id, name, current, previous));
            return;
        }
        c.res().startChunked(200, "application/json");
        try {
            while (true) {
                c.res().chunk(Json.bytes(document(id, name, current, previous)));
                c.res().chunk("\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                if (current.read() == null || !containers.isRunning(id)) break;
                sleep();
                previous = current;
                current = containers.usage(id);
            }
        } catch (IOException clientGone) {
            return;
        } catch (dev.berth.common.errors.BerthException.NotFound removed) {
            // the container went away while streaming: end the stream
        }
        c.res().endChunked();
    }

    private static void sleep() {
        try {
            Thread.sleep(INTERVAL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ObjectNode document(String id, String name, Usage u, Usage pre) {
        ObjectNode n = Json.object();
        n.put("read", Times.rfc3339(u.read()));
        n.put("preread", Times.rfc3339(pre.read()));
        ObjectNode pids = n.putObject("pids_stats");
        if (u.read() != null) {
            pids.put("current", u.pids());
            if (u.pidsLimit() > 0) pids.put("limit", u.pidsLimit());
        }
        ObjectNode blkio = n.putObject("blkio_stats");
        if (u.read() != null) {
            ArrayNode bytes = blkio.putArray("io_service_bytes_recursive");
            for (Usage.BlockIo b : u.blockIo()) {
                ObjectNode o = bytes.addObject();
                o.put("major", b.major());
                o.put("minor", b.minor());
                o.put("op", b.op());
                o.put("value", b.bytes());
            }
        } else {
            blkio.putNull("io_service_bytes_recursive");
        }
        for (String k : new String[]{"io_serviced_recursive", "io_queue_recursive", "io_service_time_recursive",
                "io_wait_time_recursive", "io_merged_recursive", "io_time_recursive", "sectors_recursive"}) {
            blkio.putNull(k);
        }
        n.put("num_procs", 0);
        n.putObject("storage_stats");
        cpu(n.putObject("cpu_stats"), u);
        cpu(n.putObject("precpu_stats"), pre);
        ObjectNode mem = n.putObject("memory_stats");
        if (u.read() != null) {
            mem.put("usage", u.memoryUsage());
            if (!u.cgroupV2()) mem.put("max_usage", u.memoryMaxUsage());
            ObjectNode st = mem.putObject("stats");
            for (Map.Entry<String, Long> s : u.memoryStats().entrySet()) st.put(s.getKey(), s.getValue());
            if (!u.cgroupV2()) mem.put("failcnt", u.memoryFailcnt());
            mem.put("limit", u.memoryLimit());
        }
        n.put("name", name);
        n.put("id", id);
        if (u.read() != null) {
            ObjectNode nets = n.putObject("networks");
            for (Map.Entry<String, Usage.NetIo> x : u.networks().entrySet()) {
                Usage.NetIo io = x.getValue();
                ObjectNode o = nets.putObject(x.getKey());
                o.put("rx_bytes", io.rxBytes());
                o.put("rx_packets", io.rxPackets());
                o.put("rx_errors", io.rxErrors());
                o.put("rx_dropped", io.rxDropped());
                o.put("tx_bytes", io.txBytes());
                o.put("tx_packets", io.txPackets());
                o.put("tx_errors", io.txErrors());
                o.put("tx_dropped", io.txDropped());
            }
        }
        return n;
    }

    private static void cpu(ObjectNode n, Usage u) {
        ObjectNode usage = n.putObject("cpu_usage");
        usage.put("total_usage", u.cpuTotalNanos());
        if (!u.perCpuNanos().isEmpty()) u.perCpuNanos().forEach(usage.putArray("percpu_usage")::add);
        usage.put("usage_in_kernelmode", u.cpuKernelNanos());
        usage.put("usage_in_usermode", u.cpuUserNanos());
        if (u.read() != null) {
            n.put("system_cpu_usage", u.systemCpuNanos());
            n.put("online_cpus", u.onlineCpus());
        }
        ObjectNode t = n.putObject("throttling_data");
        t.put("periods", 0);
        t.put("throttled_periods", 0);
        t.put("throttled_time", 0);
    }
}
