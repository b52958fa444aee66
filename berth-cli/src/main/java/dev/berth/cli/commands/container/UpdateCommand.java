package dev.berth.cli.commands.container;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.Cli;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.run.ConfigException;
import dev.berth.cli.run.CreateBody;
import dev.berth.cli.run.Resources;
import dev.berth.client.json.JsonNodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code docker update}: the flags the docker CLI has, sent as it sends them (zero means "unchanged"). */
@Command(name = "update", description = "Update configuration of one or more containers", customSynopsis = "[OPTIONS] CONTAINER [CONTAINER...]")
public final class UpdateCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-m", "--memory"}, paramLabel = "bytes", converter = Resources.BytesConverter.class, description = "Memory limit")
    Resources.Bytes memory;

    @Option(names = "--memory-swap", paramLabel = "bytes", converter = Resources.SwapConverter.class,
            description = "Swap limit equal to memory plus swap: -1 to enable unlimited swap")
    Resources.SwapBytes memorySwap;

    @Option(names = "--memory-reservation", paramLabel = "bytes", converter = Resources.BytesConverter.class, description = "Memory soft limit")
    Resources.Bytes memoryReservation;

    @Option(names = "--cpus", paramLabel = "decimal", converter = Resources.CpusConverter.class, description = "Number of CPUs")
    Resources.NanoCpus cpus;

    @Option(names = {"-c", "--cpu-shares"}, paramLabel = "int", description = "CPU shares (relative weight)")
    long cpuShares;

    @Option(names = "--cpu-period", paramLabel = "int", description = "Limit CPU CFS (Completely Fair Scheduler) period")
    long cpuPeriod;

    @Option(names = "--cpu-quota", paramLabel = "int", description = "Limit CPU CFS (Completely Fair Scheduler) quota")
    long cpuQuota;

    @Option(names = "--cpuset-cpus", paramLabel = "string", description = "CPUs in which to allow execution (0-3, 0,1)")
    String cpusetCpus = "";

    @Option(names = "--cpuset-mems", paramLabel = "string", description = "MEMs in which to allow execution (0-3, 0,1)")
    String cpusetMems = "";

    @Option(names = "--pids-limit", paramLabel = "int", description = "Tune container pids limit (set -1 for unlimited)")
    Long pidsLimit;

    @Option(names = "--blkio-weight", paramLabel = "uint16", description = "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)")
    int blkioWeight;

    @Option(names = "--restart", paramLabel = "string", description = "Restart policy to apply when a container exits")
    String restart = "";

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    public UpdateCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        ObjectNode body = JsonNodes.object();
        try {
            body.put("Memory", memory == null ? 0 : memory.value());
            body.put("MemorySwap", memorySwap == null ? 0 : memorySwap.value());
            body.put("MemoryReservation", memoryReservation == null ? 0 : memoryReservation.value());
            body.put("NanoCpus", cpus == null ? 0 : cpus.value());
            body.put("CpuShares", cpuShares);
            body.put("CpuPeriod", cpuPeriod);
            body.put("CpuQuota", cpuQuota);
            body.put("CpusetCpus", cpusetCpus);
            body.put("CpusetMems", cpusetMems);
            body.put("BlkioWeight", blkioWeight);
            if (pidsLimit != null) body.put("PidsLimit", pidsLimit);
            ObjectNode rp = body.putObject("RestartPolicy");
            rp.put("Name", restart.isEmpty() ? "" : CreateBody.restartName(restart));
            rp.put("MaximumRetryCount", restart.isEmpty() ? 0 : CreateBody.restartCount(restart));
        } catch (ConfigException e) {
            cli.err().println(e.getMessage());
            return 125;
        }
        int status = 0;
        for (String c : containers) {
            try {
                cli.containers().update(c, body).path("Warnings").forEach(w -> cli.err().println(w.asText()));
                cli.out().println(c);
            } catch (dev.berth.client.ApiException e) {
                cli.err().println("Error response from daemon: " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }
}
