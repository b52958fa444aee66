package dev.berth.cli.commands.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.Cli;
import dev.berth.cli.StatusException;
import dev.berth.cli.commands.HelpOption;
import dev.berth.client.json.JsonNodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code berth network connect}: the endpoint settings the docker CLI sends (aliases, fixed addresses, links). */
@Command(name = "connect", description = "Connect a container to a network", customSynopsis = "[OPTIONS] NETWORK CONTAINER")
public final class NetworkConnectCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = "--alias", paramLabel = "strings", description = "Add network-scoped alias for the container")
    List<String> aliases = new ArrayList<>();
    @Option(names = "--ip", paramLabel = "string", description = "IPv4 address (e.g., \"172.30.100.104\")")
    String ip = "";
    @Option(names = "--ip6", paramLabel = "string", description = "IPv6 address (e.g., \"2001:db8::33\")")
    String ip6 = "";
    @Option(names = "--link", paramLabel = "list", description = "Add link to another container")
    List<String> links = new ArrayList<>();
    @Option(names = "--link-local-ip", paramLabel = "strings", description = "Add a link-local address for the container")
    List<String> linkLocal = new ArrayList<>();
    @Option(names = "--driver-opt", paramLabel = "strings", description = "driver options for the network")
    List<String> driverOpts = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "NETWORK")
    String network;
    @Parameters(index = "1", paramLabel = "CONTAINER")
    String container;

    public NetworkConnectCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        ObjectNode ep = JsonNodes.object();
        ObjectNode ipam = ep.putObject("IPAMConfig");
        ipam.put("IPv4Address", ip);
        ipam.put("IPv6Address", ip6);
        linkLocal.forEach(ipam.withArray("LinkLocalIPs")::add);
        links.forEach(ep.withArray("Links")::add);
        aliases.forEach(ep.withArray("Aliases")::add);
        ObjectNode opts = ep.putObject("DriverOpts");
        for (String o : driverOpts) {
            int eq = o.indexOf('=');
            if (eq < 0) throw new StatusException(1, "invalid key value pair format in driver options");
            opts.put(o.substring(0, eq), o.substring(eq + 1));
        }
        cli.networks().connect(network, container, ep);
        return 0;
    }
}
