package dev.berth.engine.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.common.errors.BerthException;
import dev.berth.common.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The default {@code bridge} network: a Linux bridge made by the CNI bridge plugin, host-local
 * IPAM, and one MASQUERADE rule for outbound traffic installed once per network (not per
 * container, which costs ~40 ms a container). The subnet is chosen so it collides with no route
 * already on the host, so berthd coexists with dockerd's docker0 and with another berthd.
 */
public final class BridgeNetwork {
    public static final String NAME = "bridge";
    private final Cni cni;
    private final String bridgeName;
    private final Path ipamDir;
    private final String id;
    private String subnet;
    private String gateway;
    private boolean ready;

    public BridgeNetwork(Cni cni, String bridgeName, Path stateDir, String preferredSubnet) {
        this.cni = cni;
        this.bridgeName = bridgeName;
        this.ipamDir = stateDir.resolve("ipam");
        this.id = NetworkInfo.predefinedId(NAME, bridgeName);
        this.subnet = preferredSubnet;
    }

    public String id() {
        return id;
    }

    public String bridgeName() {
        return bridgeName;
    }

    public synchronized String subnet() {
        ensure();
        return subnet;
    }

    public synchronized String gateway() {
        ensure();
        return gateway;
    }

    /** Picks the subnet and installs the NAT rule; idempotent. */
    public synchronized void ensure() {
        if (ready) return;
        try {
            Files.createDirectories(ipamDir);
            Path saved = ipamDir.resolve("subnet");
            if (subnet == null && Files.exists(saved)) subnet = Files.readString(saved).trim();
            if (subnet == null || (routeConflicts(subnet) && !bridgeOwns(subnet))) subnet = pickSubnet();
            Files.writeString(saved, subnet);
            String base = subnet.substring(0, subnet.lastIndexOf('.'));
            gateway = base.substring(0, base.length()) + ".1";
            exec(List.of("sysctl", "-qw", "net.ipv4.ip_forward=1"), true);
            List<String> rule = List.of("-t", "nat", "-C", "POSTROUTING", "-s", subnet, "!", "-o", bridgeName, "-j", "MASQUERADE",
                    "-m", "comment", "--comment", "berth:" + bridgeName);
            if (!exec(cmd("iptables", rule), true)) {
                List<String> add = new ArrayList<>(rule);
                add.set(2, "-A");
                exec(cmd("iptables", add), false);
            }
            List<String> fwd = List.of("-C", "FORWARD", "-i", bridgeName, "-j", "ACCEPT", "-m", "comment", "--comment", "berth:" + bridgeName);
            if (!exec(cmd("iptables", fwd), true)) {
                List<String> add = new ArrayList<>(fwd);
                add.set(0, "-I");
                exec(cmd("iptables", add), false);
            }
            List<String> fwdIn = List.of("-C", "FORWARD", "-o", bridgeName, "-j", "ACCEPT", "-m", "comment", "--comment", "berth:" + bridgeName);
            if (!exec(cmd("iptables", fwdIn), true)) {
                List<String> add = new ArrayList<>(fwdIn);
                add.set(0, "-I");
                exec(cmd("iptables", add), false);
            }
            ready = true;
        } catch (IOException e) {
            throw new BerthException.Internal("cannot set up bridge network: " + e.getMessage(), e);
        }
    }

    /** Removes the bridge, its NAT and forward rules (daemon shutdown with no containers left). */
    public synchronized void teardown() {
        if (subnet == null) return;
        exec(List.of("iptables", "-t", "nat", "-D", "POSTROUTING", "-s", subnet, "!", "-o", bridgeName, "-j", "MASQUERADE",
                "-m", "comment", "--comment", "berth:" + bridgeName), true);
        exec(List.of("iptables", "-D", "FORWARD", "-i", bridgeName, "-j", "ACCEPT", "-m", "comment", "--comment", "berth:" + bridgeName), true);
        exec(List.of("iptables", "-D", "FORWARD", "-o", bridgeName, "-j", "ACCEPT", "-m", "comment", "--comment", "berth:" + bridgeName), true);
        exec(List.of("ip", "link", "del", bridgeName), true);
        ready = false;
    }

    private JsonNode config() {
        ObjectNode c = Json.object();
        c.put("cniVersion", "1.0.0");
        c.put("name", "berth-" + bridgeName);
        c.put("type", "bridge");
        c.put("bridge", bridgeName);
        c.put("isGateway", true);
        c.put("ipMasq", false);
        c.put("hairpinMode", true);
        ObjectNode ipam = c.putObject("ipam");
        ipam.put("type", "host-local");
        ipam.putArray("ranges").addArray().addObject().put("subnet", subnet).put("gateway", gateway);
        ipam.putArray("routes").addObject().put("dst", "0.0.0.0/0");
        ipam.put("dataDir", ipamDir.toString());
        return c;
    }

    private static JsonNode loopback() {
        ObjectNode c = Json.object();
        c.put("cniVersion", "1.0.0");
        c.put("name", "lo");
        c.put("type", "loopback");
        return c;
    }

    /** Brings up lo in a fresh network namespace (also for --network none). */
    public void loopbackUp(String containerId, String netns) {
        cni.invoke("ADD", containerId, netns, "lo", loopback());
    }

    public synchronized Endpoint attach(String containerId, String netns) {
        return attach(containerId, netns, "");
    }

    /** {@code mac}: the interface's MAC ({@code --mac-address}), or empty for the plugin's choice. */
    public synchronized Endpoint attach(String containerId, String netns, String mac) {
        ensure();
        loopbackUp(containerId, netns);
        JsonNode result = cni.invoke("ADD", containerId, netns, "eth0", config(), mac.isEmpty() ? "" : "IgnoreUnknown=1;MAC=" + mac);
        JsonNode ip = result.path("ips").path(0);
        String[] addr = ip.path("address").asText().split("/");
        String given = "";
        for (JsonNode iface : result.path("interfaces")) {
            if ("eth0".equals(iface.path("name").asText()) && iface.hasNonNull("sandbox")) given = iface.path("mac").asText();
        }
        return new Endpoint(NAME, id, dev.berth.oci.Digest.of((containerId + "/" + NAME).getBytes(StandardCharsets.UTF_8)).hex(),
                addr[0], Integer.parseInt(addr[1]), ip.path("gateway").asText(gateway), given);
    }

    /** Releases the container's address; the netns may already be gone (the plugin tolerates that). */
    public synchronized void detach(String containerId, String netns) {
        try {
            ensure();
            cni.invoke("DEL", containerId, netns, "eth0", config());
        } catch (BerthException e) {
            // DEL must not block cleanup; the address is reclaimed on the next DEL
        }
    }

    private String pickSubnet() {
        for (int second = 17; second <= 31; second++) {
            String candidate = "172." + second + ".0.0/16";
            if (!routeConflicts(candidate)) return candidate;
        }
        for (int third = 0; third < 255; third++) {
            String candidate = "10.213." + third + ".0/24";
            if (!routeConflicts(candidate)) return candidate;
        }
        throw new BerthException.Unavailable("no free subnet for the default bridge");
    }

    private boolean bridgeOwns(String cidr) {
        return routes().stream().anyMatch(r -> r.contains(" dev " + bridgeName + " ") && r.startsWith(cidr.split("/")[0].replaceAll("\\.0$", "")));
    }

    private boolean routeConflicts(String cidr) {
        long[] mine = range(cidr);
        for (String r : routes()) {
            String dst = r.split(" ")[0];
            if (dst.equals("default") || !dst.contains(".")) continue;
            if (r.contains(" dev " + bridgeName + " ")) continue;
            long[] theirs = range(dst.contains("/") ? dst : dst + "/32");
            if (mine[0] <= theirs[1] && theirs[0] <= mine[1]) return true;
        }
        return false;
    }

    static long[] range(String cidr) {
        String[] p = cidr.split("/");
        String[] o = p[0].split("\\.");
        long ip = 0;
        for (String s : o) ip = (ip << 8) | Long.parseLong(s);
        int len = Integer.parseInt(p[1]);
        long mask = len == 0 ? 0 : (0xffffffffL << (32 - len)) & 0xffffffffL;
        long start = ip & mask;
        return new long[]{start, start | (~mask & 0xffffffffL)};
    }

    private static List<String> routes() {
        List<String> out = new ArrayList<>();
        try {
            Process p = new ProcessBuilder("ip", "-4", "route", "show", "table", "all").redirectErrorStream(true).start();
            out.addAll(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().map(l -> l + " ").toList());
            p.waitFor();
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        }
        return out;
    }

    private static List<String> cmd(String binary, List<String> args) {
        List<String> c = new ArrayList<>();
        c.add(binary);
        c.addAll(args);
        return c;
    }

    private static boolean exec(List<String> cmd, boolean tolerateFailure) {
        return dev.berth.engine.network.bridge.Iptables.run(cmd, tolerateFailure);
    }
}
