package dev.berth.cli.commands.network;

import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code berth network create}: the docker CLI's body. As the docker CLI, each {@code --gateway},
 * {@code --ip-range} and {@code --aux-address} goes with the {@code --subnet} that contains it;
 * the daemon checks the rest. Prints the new network's id.
 */
@Command(name = "create", description = "Create a network", customSynopsis = "[OPTIONS] NETWORK")
public final class NetworkCreateCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin HelpOption help;

    @Option(names = {"-d", "--driver"}, paramLabel = "string", description = "Driver to manage the Network (default \"bridge\")")
    String driver = "bridge";
    @Option(names = "--subnet", paramLabel = "strings", description = "Subnet in CIDR format that represents a network segment")
    List<String> subnets = new ArrayList<>();
    @Option(names = "--gateway", paramLabel = "strings", description = "IPv4 or IPv6 Gateway for the master subnet")
    List<String> gateways = new ArrayList<>();
    @Option(names = "--ip-range", paramLabel = "strings", description = "Allocate container ip from a sub-range")
    List<String> ranges = new ArrayList<>();
    @Option(names = "--aux-address", paramLabel = "map", description = "Auxiliary IPv4 or IPv6 addresses used by Network driver (default map[])")
    List<String> aux = new ArrayList<>();
    @Option(names = "--internal", arity = "0..1", description = "Restrict external access to the network")
    boolean internal;
    @Option(names = "--attachable", arity = "0..1", description = "Enable manual container attachment")
    boolean attachable;
    @Option(names = "--ipv6", arity = "0..1", description = "Enable or disable IPv6 networking")
    boolean ipv6;
    @Option(names = "--label", paramLabel = "list", description = "Set metadata on a network")
    List<String> labels = new ArrayList<>();
    @Option(names = {"-o", "--opt"}, paramLabel = "map", description = "Set driver specific options (default map[])")
    List<String> opts = new ArrayList<>();
    @Option(names = "--ipam-driver", paramLabel = "string", description = "IP Address Management Driver (default \"default\")")
    String ipamDriver = "default";
    @Option(names = "--ipam-opt", paramLabel = "map", description = "Set IPAM driver specific options (default map[])")
    List<String> ipamOpts = new ArrayList<>();
    @Option(names = "--scope", paramLabel = "string", description = "Control the network's scope")
    String scope = "";

    @Parameters(arity = "1", paramLabel = "NETWORK")
    String name;

    public NetworkCreateCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        ObjectNode b = JsonNodes.object();
        b.put("Name", name);
        b.put("Driver", driver);
        b.put("Scope", scope);
        b.put("EnableIPv6", ipv6);
        ObjectNode ipam = b.putObject("IPAM");
        ipam.put("Driver", ipamDriver);
        ObjectNode ipamOptions = ipam.putObject("Options");
        new TreeMap<>(pairs(ipamOpts)).forEach(ipamOptions::put);
        ipam.set("Config", ipamConfig());
        b.put("Internal", internal);
        b.put("Attachable", attachable);
        b.put("Ingress", false);
        b.put("ConfigOnly", false);
        ObjectNode options = b.putObject("Options");
        new TreeMap<>(pairs(opts)).forEach(options::put);
        ObjectNode labelNode = b.putObject("Labels");
        new TreeMap<>(pairs(labels)).forEach(labelNode::put);
        cli.out().println(cli.networks().create(b).path("Id").asText());
        return 0;
    }

    /** One config per subnet, with the gateway, range and aux addresses inside it (docker's own check and messages). */
    private ArrayNode ipamConfig() {
        ArrayNode config = JsonNodes.array();
        List<ObjectNode> bySubnet = new ArrayList<>();
        for (String s : subnets) {
            ObjectNode c = config.addObject().put("Subnet", s);
            bySubnet.add(c);
        }
        for (String r : ranges) owner(bySubnet, r, "range").put("IPRange", r);
        for (String g : gateways) {
            ObjectNode c = owner(bySubnet, g, "gateway");
            if (c.has("Gateway")) throw new StatusException(1, "cannot configure multiple gateways (" + g + ", " + c.path("Gateway").asText() + ") for the same subnet");
            c.put("Gateway", g);
        }
        for (var a : pairs(aux).entrySet()) {
            ObjectNode c = owner(bySubnet, a.getValue(), "aux-address");
            ((ObjectNode) c.with("AuxiliaryAddresses")).put(a.getKey(), a.getValue());
        }
        return config;
    }

    private static ObjectNode owner(List<ObjectNode> subnets, String address, String what) {
        String ip = address.contains("/") ? address.substring(0, address.indexOf('/')) : address;
        for (ObjectNode c : subnets) if (contains(c.path("Subnet").asText(), ip)) return c;
        throw new StatusException(1, "no matching subnet for " + what + " " + address);
    }

    private static boolean contains(String cidr, String ip) {
        try {
            String[] p = cidr.split("/");
            long mask = Integer.parseInt(p[1]) == 0 ? 0 : (0xffffffffL << (32 - Integer.parseInt(p[1]))) & 0xffffffffL;
            return (v4(p[0]) & mask) == (v4(ip) & mask);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static long v4(String ip) {
        long v = 0;
        for (String o : ip.split("\\.", -1)) v = (v << 8) | Integer.parseInt(o);
        return v;
    }

    static Map<String, String> pairs(List<String> flags) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String f : flags) {
            int eq = f.indexOf('=');
            if (eq < 0) m.put(f, "");
            else m.put(f.substring(0, eq), f.substring(eq + 1));
        }
        return m;
    }
}
