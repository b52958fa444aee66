package dev.berth.cli.commands.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.Cli;
import dev.berth.cli.commands.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code berth port CONTAINER [PRIVATE_PORT[/PROTO]]}: the host side of a container's published ports,
 * read from inspect's {@code NetworkSettings.Ports} as the docker CLI does ({@code 80/tcp -> 0.0.0.0:8080},
 * or only {@code 0.0.0.0:8080} for one port).
 */
@Command(name = "port", description = "List port mappings or a specific mapping for the container",
        customSynopsis = "CONTAINER [PRIVATE_PORT[/PROTO]]")
public final class PortCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Parameters(index = "0", arity = "1", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PRIVATE_PORT[/PROTO]")
    String privatePort;

    public PortCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        JsonNode ports = cli.containers().inspect(container, false).path("NetworkSettings").path("Ports");
        if (privatePort != null) {
            String key = privatePort.contains("/") ? privatePort : privatePort + "/tcp";
            String proto = key.substring(key.indexOf('/') + 1);
            if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
                cli.err().println("Error: invalid proto: " + proto);
                return 1;
            }
            JsonNode bindings = ports.path(key);
            if (!bindings.isArray() || bindings.isEmpty()) {
                cli.err().println("Error: No public port '" + key + "' published for " + container);
                return 1;
            }
            for (JsonNode b : bindings) cli.out().println(hostSide(b));
            return 0;
        }
        List<String> keys = new ArrayList<>();
        ports.fieldNames().forEachRemaining(keys::add);
        keys.sort(Comparator.comparingInt((String k) -> Integer.parseInt(k.split("/")[0])).thenComparing(k -> k));
        for (String k : keys) {
            for (JsonNode b : ports.path(k)) cli.out().println(k + " -> " + hostSide(b));
        }
        return 0;
    }

    private static String hostSide(JsonNode binding) {
        String ip = binding.path("HostIp").asText("");
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + binding.path("HostPort").asText("");
    }
}
