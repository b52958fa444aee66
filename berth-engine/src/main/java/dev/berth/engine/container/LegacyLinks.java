package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;
import dev.berth.engine.network.Endpoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code --link} on the default bridge, as dockerd does it: links are resolved to containers at
 * create (registerLinks), and at each start every linked container must be running; the linker
 * then gets an /etc/hosts line per link and the link's environment variables
 * ({@code ALIAS_PORT_80_TCP=tcp://ip:80}, {@code ALIAS_NAME=/me/alias}, {@code ALIAS_ENV_X=...}:
 * moby's daemon/links). Docker 29 dropped the variables by default; berth follows Docker 28,
 * whose API it serves.
 *
 * <p>On a user-defined network a link is only a name the linker can resolve through the embedded
 * DNS: {@link #resolve} keeps such links unresolved (container id empty) for the network code to
 * turn into {@code NetworkNames.Member#links}.
 */
final class LegacyLinks {
    private final ContainerStore store;
    private final Function<String, Optional<Endpoint>> endpoints;

    LegacyLinks(ContainerStore store, Function<String, Optional<Endpoint>> endpoints) {
        this.store = store;
        this.endpoints = endpoints;
    }

    /** At create: each asked link ({@code name}, {@code alias}) bound to the container it names, with dockerd's errors. */
    List<NameSettings.Link> resolve(List<NameSettings.Link> asked, String networkMode) {
        if (asked.isEmpty()) return asked;
        if (networkMode.equals("host")) {
            throw new BerthException.InvalidArgument("conflicting options: host type networking can't be used with links. This would result in undefined behavior");
        }
        if (!List.of("default", "bridge", "none", "").contains(networkMode) && !networkMode.startsWith("container:")) {
            return asked; // a user-defined network: the links are DNS aliases (see the class comment)
        }
        List<NameSettings.Link> out = new ArrayList<>();
        for (NameSettings.Link l : asked) {
            ContainerStore.Entry child = store.find(l.name())
                    .orElseThrow(() -> new BerthException.InvalidArgument("could not get container for " + l.name()
                            + ": No such container: " + l.name()));
            if (child.spec().host().networkMode().equals("host")) {
                throw new BerthException.InvalidArgument("conflicting options: host type networking can't be used with links. This would result in undefined behavior");
            }
            out.add(new NameSettings.Link(child.spec().id(), child.spec().name(), l.alias()));
        }
        return out;
    }

    /** What the links give a starting container: /etc/hosts lines and environment variables. */
    record AtStart(List<String> hostsLines, List<String> env) {
        static final AtStart NONE = new AtStart(List.of(), List.of());
    }

    /** At start on the default bridge ({@code mine} is the linker's endpoint). */
    AtStart atStart(ContainerSpec spec, Endpoint mine) {
        if (spec.names().links().isEmpty() || mine == null) return AtStart.NONE;
        List<String> hosts = new ArrayList<>();
        List<String> env = new ArrayList<>();
        for (NameSettings.Link l : spec.names().links()) {
            if (l.containerId().isEmpty()) continue;
            Optional<ContainerStore.Entry> found = store.find(l.containerId());
            if (found.isEmpty()) continue; // removed since: dockerd drops the link with it
            ContainerSpec child = found.get().spec();
            String linkName = "/" + spec.name() + "/" + l.alias();
            if (!found.get().state().isRunning()) {
                throw new BerthException.Internal("Cannot link to a non running container: /" + child.name() + " AS " + linkName);
            }
            Endpoint theirs = endpoints.apply(child.id())
                    .orElseThrow(() -> new BerthException.Internal("container " + child.id() + " not attached to default bridge network"));
            // the alias, the linked container's hostname, and its name when the alias is not its name
            String names = l.alias() + " " + child.hostname() + (l.alias().equals(child.name()) ? "" : " " + child.name());
            hosts.add(theirs.ipAddress() + "\t" + names);
            env.addAll(env(linkName, theirs.ipAddress(), child.env(), child.exposedPorts()));
        }
        return new AtStart(hosts, env);
    }

    /** One link's variables, in moby's order: ports sorted TCP first, ranges of consecutive ports summed up. */
    static List<String> env(String linkName, String ip, List<String> childEnv, List<String> exposedPorts) {
        String alias = linkName.substring(linkName.lastIndexOf('/') + 1).toUpperCase(Locale.ROOT).replace('-', '_');
        List<Port> ports = new ArrayList<>(exposedPorts.stream().map(Port::parse).toList());
        ports.sort(Comparator.comparing((Port p) -> !p.proto().equals("tcp")).thenComparing(Port::proto).thenComparingInt(Port::num));
        List<String> env = new ArrayList<>();
        Port start = null;
        Port end = null;
        for (int i = 0; i < ports.size(); i++) {
            Port p = ports.get(i);
            if (i == 0) {
                start = p;
                end = p;
                env.add(alias + "_PORT=" + p.proto() + "://" + ip + ":" + p.num());
            }
            String prefix = alias + "_PORT_" + p.num() + "_" + p.proto().toUpperCase(Locale.ROOT);
            env.add(prefix + "=" + p.proto() + "://" + ip + ":" + p.num());
            env.add(prefix + "_ADDR=" + ip);
            env.add(prefix + "_PORT=" + p.num());
            env.add(prefix + "_PROTO=" + p.proto());
            if (p.num() == end.num() + 1 && p.proto().equals(end.proto())) {
                end = p;
                if (i < ports.size() - 1) continue;
            }
            if (!end.equals(start)) {
                String rp = alias + "_PORT_" + start.num() + "_" + start.proto().toUpperCase(Locale.ROOT);
                env.add(rp + "_START=" + start.proto() + "://" + ip + ":" + start.num());
                env.add(rp + "_PORT_START=" + start.num());
                env.add(rp + "_END=" + end.proto() + "://" + ip + ":" + end.num());
                env.add(rp + "_PORT_END=" + end.num());
            }
            start = p;
            end = p;
        }
        env.add(alias + "_NAME=" + linkName);
        for (String e : childEnv) {
            int eq = e.indexOf('=');
            if (eq < 0) continue;
            String k = e.substring(0, eq);
            // what docker build adds is no business of the linker
            if (k.equals("HOME") || k.equals("PATH")) continue;
            env.add(alias + "_ENV_" + k + "=" + e.substring(eq + 1));
        }
        return env;
    }

    /** An exposed port, {@code 80/tcp} (no protocol: tcp). */
    record Port(int num, String proto) {
        static Port parse(String s) {
            int slash = s.indexOf('/');
            return slash < 0 ? new Port(Integer.parseInt(s), "tcp")
                    : new Port(Integer.parseInt(s.substring(0, slash)), s.substring(slash + 1).toLowerCase(Locale.ROOT));
        }
    }
}
