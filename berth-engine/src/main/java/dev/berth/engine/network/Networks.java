package dev.berth.engine.network;

import dev.berth.common.errors.BerthException;
import dev.berth.common.io.Trees;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.network.bridge.BridgeFirewall;
import dev.berth.engine.network.bridge.Iptables;
import dev.berth.engine.network.bridge.Isolation;
import dev.berth.engine.network.ipam.Cidr;
import dev.berth.engine.network.ipam.HostRoutes;
import dev.berth.engine.network.ipam.IpamPool;
import dev.berth.engine.network.ipam.SubnetPicker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * User-defined networks: create (validation, subnet choice, the host side of the driver), lookup,
 * removal and prune, and their restore at start-up. A network's host side is its bridge with the
 * gateway address, its forward and masquerade rules and its place in the isolation chain; all of
 * it is made again at every start (it is torn down when berthd stops with nothing running) and
 * removed with the network. Containers join through {@link Endpoints}.
 *
 * <p>Data: the record in {@code berth.db}; host-local's reservations in {@code <dir>/<id>/ipam}.
 */
public final class Networks {
    private static final Set<String> PREDEFINED = Set.of("bridge", "host", "none");
    private final NetworkStore store;
    private final AttachmentStore attachments;
    private final BridgeNetwork defaultBridge;
    private final Path dir;
    private final EventBus events;
    private final Isolation isolation;
    private final SecureRandom random = new SecureRandom();

    public Networks(NetworkStore store, AttachmentStore attachments, BridgeNetwork defaultBridge, Path dir, EventBus events) {
        this.store = store;
        this.attachments = attachments;
        this.defaultBridge = defaultBridge;
        this.dir = dir;
        this.events = events;
        this.isolation = new Isolation(defaultBridge.bridgeName());
    }

    public List<NetworkConfig> list() {
        return store.all();
    }

    public Optional<NetworkConfig> find(String ref) {
        return store.find(ref);
    }

    public NetworkConfig get(String ref) {
        return store.find(ref).orElseThrow(() -> new BerthException.NotFound("network " + ref + " not found"));
    }

    public Optional<NetworkConfig> byId(String id) {
        return store.byId(id);
    }

    public BridgeNetwork defaultBridge() {
        return defaultBridge;
    }

    public static boolean isPredefined(String name) {
        return PREDEFINED.contains(name);
    }

    /** The containers on a network and their endpoints (active ones have an address): see {@link Attachment}. */
    public List<Attachment> endpointsOn(String networkId) {
        return attachments.onNetwork(networkId);
    }

    /** Where the network's host-local IPAM keeps its reservations. */
    Path ipamDir(String networkId) {
        return dir.resolve(networkId).resolve("ipam");
    }

    // ------------------------------------------------------------------ create

    public synchronized NetworkConfig create(NetworkRequest req) {
        String name = req.name();
        if (name == null || name.isEmpty()) throw new BerthException.InvalidArgument("network name cannot be empty");
        if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            throw new BerthException.InvalidArgument("invalid network name \"" + name + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        if (isPredefined(name) || store.all().stream().anyMatch(n -> n.name().equals(name))) {
            throw new BerthException.Conflict("network with name " + name + " already exists");
        }
        NetworkDriver driver = NetworkDriver.of(req.driver());
        if (req.enableIpv6()) {
            throw new BerthException.NotImplemented("berth: IPv6 networks (--ipv6) are not supported yet");
        }
        driver.checkOptions(req.options());
        String id = newId();
        String hostIf = driver.hostInterface(id, req.options());
        if (!hostIf.isEmpty() && (hostIf.equals(defaultBridge.bridgeName())
                || store.all().stream().anyMatch(n -> n.bridge().equals(hostIf)) || Files.exists(Path.of("/sys/class/net", hostIf)))) {
            throw new BerthException.Conflict("bridge name " + hostIf + " is already in use");
        }
        List<IpamPool> pools = pools(req, driver);
        NetworkConfig n = new NetworkConfig(id, name, driver.name(), Instant.now(), pools, req.options(), req.labels(),
                req.internal(), req.attachable(), false, hostIf);
        try {
            Files.createDirectories(ipamDir(id));
            reserveAux(n);
            store.insert(n);
        } catch (IOException | RuntimeException e) {
            deleteDir(id);
            if (e instanceof BerthException be) throw be;
            throw new BerthException.Internal("cannot create network " + name + ": " + e.getMessage(), e);
        }
        try {
            setUp(n);
            refreshIsolation();
        } catch (RuntimeException e) {
            tearDown(n);
            store.delete(id);
            deleteDir(id);
            throw e;
        }
        events.publish("network", "create", id, Map.of("name", name, "type", driver.name()));
        return n;
    }

    private String newId() {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }

    /** The pools asked for (checked), or one picked from Docker's defaults; never overlapping another network's. */
    private List<IpamPool> pools(NetworkRequest req, NetworkDriver driver) {
        List<Cidr> taken = new ArrayList<>();
        taken.add(Cidr.parse(defaultBridge.subnet(), "subnet"));
        for (NetworkConfig other : store.all()) for (IpamPool p : other.ipam()) taken.add(p.cidr());
        if (req.ipam().isEmpty()) {
            if (driver instanceof SubInterfaceDriver) {
                // the parent's network decides the addresses: guessing one would collide with it
                throw new BerthException.NotImplemented("berth: a " + driver.name() + " network needs --subnet");
            }
            List<Cidr> used = new ArrayList<>(taken);
            used.addAll(HostRoutes.destinations());
            Cidr picked = SubnetPicker.pick(used);
            return List.of(new IpamPool(picked.toString(), "", "", Map.of()).validated());
        }
        List<IpamPool> out = new ArrayList<>();
        for (IpamPool asked : req.ipam()) {
            if (asked.subnet() == null || asked.subnet().isEmpty()) {
                throw new BerthException.InvalidArgument("berth: an IPAM config without a subnet is not supported (give --subnet)");
            }
            IpamPool p = asked.validated();
            Cidr c = p.cidr();
            if (taken.stream().anyMatch(c::overlaps)) throw new BerthException.Forbidden("Pool overlaps with other one on this address space");
            taken.add(c);
            out.add(p);
        }
        return out;
    }

    /** Aux addresses are host-local reservations no container owns, so it never hands them out. */
    private void reserveAux(NetworkConfig n) throws IOException {
        Path store = ipamDir(n.id()).resolve("berth-" + n.shortId());
        Files.createDirectories(store);
        for (IpamPool p : n.ipam()) {
            for (String ip : p.auxAddresses().values()) {
                Files.writeString(store.resolve(ip), "aux-address", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            }
        }
    }

    // ------------------------------------------------------------------ remove, prune

    /** docker network rm: refused for the predefined networks and while a container runs on it. */
    public synchronized void remove(String ref) {
        if (isPredefined(ref)) throw new BerthException.Forbidden(ref + " is a pre-defined network and cannot be removed");
        NetworkConfig n = get(ref);
        if (attachments.onNetwork(n.id()).stream().anyMatch(Attachment::active)) {
            throw new BerthException.Forbidden("error while removing network: network " + n.name() + " id " + n.id() + " has active endpoints");
        }
        tearDown(n);
        store.delete(n.id());
        refreshIsolation();
        deleteDir(n.id());
        events.publish("network", "destroy", n.id(), Map.of("name", n.name(), "type", n.driver()));
    }

    /** docker network prune: every user network no running container uses and {@code filter} accepts; their names. */
    public synchronized List<String> prune(Predicate<NetworkConfig> filter) {
        List<String> removed = new ArrayList<>();
        for (NetworkConfig n : store.all()) {
            if (!filter.test(n) || attachments.onNetwork(n.id()).stream().anyMatch(Attachment::active)) continue;
            try {
                remove(n.id());
                removed.add(n.name());
            } catch (BerthException e) {
                // in use since the check: kept, as dockerd does
            }
        }
        if (!removed.isEmpty()) events.publish("network", "prune", "", Map.of());
        return removed;
    }

    private void deleteDir(String id) {
        try {
            Trees.deleteRecursively(dir.resolve(id));
        } catch (IOException e) {
            System.err.println("berthd: cannot remove " + dir.resolve(id) + ": " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ host side

    /** Start-up, before containers are reconciled: every network's host side is made again. */
    public synchronized void restore() {
        // the default bridge's accepts go first in FORWARD: the isolation jump must come before them
        defaultBridge.ensure();
        for (NetworkConfig n : store.all()) {
            try {
                setUp(n);
            } catch (RuntimeException e) {
                System.err.println("berthd: cannot set up network " + n.name() + ": " + e.getMessage());
            }
        }
        refreshIsolation();
    }

    /** Daemon shutdown with nothing running: bridges and rules go, records and reservations stay. */
    public synchronized void teardownAll() {
        for (NetworkConfig n : store.all()) tearDown(n);
        isolation.teardown();
    }

    private void setUp(NetworkConfig n) {
        if (!n.driver().equals("bridge")) return;
        String br = n.bridge();
        if (!Files.exists(Path.of("/sys/class/net", br))) {
            Iptables.run(List.of("ip", "link", "add", br, "type", "bridge"), false);
            recordBridge(br);
        }
        // the CNI bridge plugin would add the gateway at the first container; DNS needs it before
        for (IpamPool p : n.ipam()) {
            Iptables.run(List.of("ip", "addr", "replace", p.gateway() + "/" + p.prefixLength(), "dev", br), false);
        }
        if (n.options().containsKey(BridgeDriver.MTU_OPTION)) {
            Iptables.run(List.of("ip", "link", "set", br, "mtu", n.options().get(BridgeDriver.MTU_OPTION)), false);
        }
        Iptables.run(List.of("ip", "link", "set", br, "up"), false);
        if (!n.internal()) Iptables.run(List.of("sysctl", "-qw", "net.ipv4.ip_forward=1"), true);
        Iptables.ensure(BridgeFirewall.rules(br, subnets(n), n.internal()));
    }

    private void tearDown(NetworkConfig n) {
        if (!n.driver().equals("bridge")) return;
        Iptables.remove(BridgeFirewall.rules(n.bridge(), subnets(n), n.internal()));
        Iptables.run(List.of("ip", "link", "del", n.bridge()), true);
    }

    /** Every bridge berthd made, appended once: the tests' leak check reads it after the daemon is gone. */
    private void recordBridge(String br) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("bridges-made"), br + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // only the leak check reads it
        }
    }

    private void refreshIsolation() {
        List<String> bridges = new ArrayList<>();
        List<String> internal = new ArrayList<>();
        for (NetworkConfig n : store.all()) {
            if (!n.driver().equals("bridge")) continue;
            bridges.add(n.bridge());
            if (n.internal()) internal.add(n.bridge());
        }
        isolation.rebuild(bridges, internal);
    }

    private static List<String> subnets(NetworkConfig n) {
        return n.ipam().stream().map(p -> p.cidr().toString()).toList();
    }
}
