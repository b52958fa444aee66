package dev.berth.cli.commands.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.BerthVersion;
import dev.berth.cli.Cli;
import dev.berth.cli.StatusException;
import dev.berth.cli.commands.HelpOption;
import dev.berth.cli.format.Sizes;
import dev.berth.cli.template.Template;
import dev.berth.cli.template.TemplateException;
import dev.berth.client.DaemonUnreachableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code berth info}: the daemon's {@code /info} in docker's layout (the fields berthd reports), or through {@code --format}. */
@Command(name = "info", description = "Display system-wide information", customSynopsis = "[OPTIONS]")
public final class InfoCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-f", "--format"}, paramLabel = "string", description = "Format output using a custom template")
    String format;

    public InfoCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        JsonNode info;
        if (format != null && !format.isEmpty()) {
            info = cli.system().info();
            try {
                cli.out().println(Template.parse(format.equals("json") ? "{{json .}}" : format).execute(info));
            } catch (TemplateException e) {
                throw new StatusException(1, "template parsing error: " + e.getMessage());
            }
            return 0;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Client:\n Version:    ").append(BerthVersion.VERSION).append("\n Context:    default\n Debug Mode: false\n\nServer:\n");
        try {
            info = cli.system().info();
        } catch (DaemonUnreachableException e) {
            cli.out().print(sb);
            cli.out().flush();
            throw new StatusException(1, e.getMessage());
        }
        sb.append(" Containers: ").append(info.path("Containers").asInt()).append('\n');
        sb.append("  Running: ").append(info.path("ContainersRunning").asInt()).append('\n');
        sb.append("  Paused: ").append(info.path("ContainersPaused").asInt()).append('\n');
        sb.append("  Stopped: ").append(info.path("ContainersStopped").asInt()).append('\n');
        sb.append(" Images: ").append(info.path("Images").asInt()).append('\n');
        sb.append(" Server Version: ").append(info.path("ServerVersion").asText()).append('\n');
        sb.append(" Storage Driver: ").append(info.path("Driver").asText()).append('\n');
        for (JsonNode kv : info.path("DriverStatus")) sb.append("  ").append(kv.path(0).asText()).append(": ").append(kv.path(1).asText()).append('\n');
        sb.append(" Logging Driver: ").append(info.path("LoggingDriver").asText()).append('\n');
        sb.append(" Cgroup Driver: ").append(info.path("CgroupDriver").asText()).append('\n');
        sb.append(" Cgroup Version: ").append(info.path("CgroupVersion").asText()).append('\n');
        sb.append(" Plugins:\n");
        sb.append("  Volume: ").append(join(info.path("Plugins").path("Volume"))).append('\n');
        sb.append("  Network: ").append(join(info.path("Plugins").path("Network"))).append('\n');
        sb.append("  Log: ").append(join(info.path("Plugins").path("Log"))).append('\n');
        sb.append(" Swarm: ").append(info.path("Swarm").path("LocalNodeState").asText("inactive")).append('\n');
        List<String> runtimes = new ArrayList<>();
        info.path("Runtimes").fieldNames().forEachRemaining(runtimes::add);
        sb.append(" Runtimes: ").append(String.join(" ", runtimes)).append('\n');
        sb.append(" Default Runtime: ").append(info.path("DefaultRuntime").asText()).append('\n');
        sb.append(" Init Binary: ").append(info.path("InitBinary").asText()).append('\n');
        if (!info.path("SecurityOptions").isEmpty()) {
            sb.append(" Security Options:\n");
            for (JsonNode o : info.path("SecurityOptions")) {
                String[] kvs = o.asText().split(",");
                for (String kv : kvs) {
                    String[] p = kv.split("=", 2);
                    if (p[0].equals("name")) sb.append("  ").append(p[1]).append('\n');
                    else sb.append("   ").append(Character.toUpperCase(p[0].charAt(0))).append(p[0].substring(1)).append(": ").append(p.length > 1 ? p[1] : "").append('\n');
                }
            }
        }
        sb.append(" Kernel Version: ").append(info.path("KernelVersion").asText()).append('\n');
        sb.append(" Operating System: ").append(info.path("OperatingSystem").asText()).append('\n');
        sb.append(" OSType: ").append(info.path("OSType").asText()).append('\n');
        sb.append(" Architecture: ").append(info.path("Architecture").asText()).append('\n');
        sb.append(" CPUs: ").append(info.path("NCPU").asInt()).append('\n');
        sb.append(" Total Memory: ").append(Sizes.binary(info.path("MemTotal").asLong())).append('\n');
        sb.append(" Name: ").append(info.path("Name").asText()).append('\n');
        sb.append(" ID: ").append(info.path("ID").asText()).append('\n');
        sb.append(" Docker Root Dir: ").append(info.path("DockerRootDir").asText()).append('\n');
        sb.append(" Debug Mode: ").append(info.path("Debug").asBoolean()).append('\n');
        if (!info.path("Labels").isEmpty()) {
            // berthd's own version is here (dev.berth.version); Server Version is the Docker release of its API
            sb.append(" Labels:\n");
            for (JsonNode l : info.path("Labels")) sb.append("  ").append(l.asText()).append('\n');
        }
        sb.append(" Experimental: ").append(info.path("ExperimentalBuild").asBoolean()).append('\n');
        if (!info.path("RegistryConfig").path("InsecureRegistryCIDRs").isEmpty()) {
            sb.append(" Insecure Registries:\n");
            for (JsonNode c : info.path("RegistryConfig").path("InsecureRegistryCIDRs")) sb.append("  ").append(c.asText()).append('\n');
        }
        sb.append(" Live Restore Enabled: ").append(info.path("LiveRestoreEnabled").asBoolean()).append('\n');
        for (JsonNode w : info.path("Warnings")) sb.append(w.asText()).append('\n');
        cli.out().print(sb);
        return 0;
    }

    private static String join(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(x -> out.add(x.asText()));
        return String.join(" ", out);
    }
}
