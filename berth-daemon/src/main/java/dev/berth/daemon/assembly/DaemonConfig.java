package dev.berth.daemon.assembly;

import dev.berth.common.errors.BerthException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * berthd's flags, named like dockerd's. {@code socketGroup} is the -G/--group as given ("" for the
 * daemon's own group); {@code noNewPrivileges} is the default of new containers' no-new-privileges.
 */
public record DaemonConfig(List<Path> sockets, Path dataRoot, Path execRoot, Path pidFile, String logLevel,
                           String bridgeName, String cgroupParent, String socketGroup, boolean noNewPrivileges,
                           List<String> insecureRegistries, List<java.net.URI> registryMirrors) {
    public static final Path DEFAULT_DATA_ROOT = Path.of("/var/lib/berth");
    public static final Path DEFAULT_EXEC_ROOT = Path.of("/run/berth");

    public static DaemonConfig parse(String[] args) {
        List<Path> sockets = new ArrayList<>();
        Path dataRoot = DEFAULT_DATA_ROOT;
        Path execRoot = DEFAULT_EXEC_ROOT;
        Path pidFile = null;
        String logLevel = "info";
        String bridge = null;
        String group = dev.berth.daemon.http.SocketGroup.DEFAULT;
        boolean noNewPrivileges = false;
        List<String> insecure = new ArrayList<>();
        List<java.net.URI> mirrors = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "-H", "--host" -> sockets.add(socketPath(value != null ? value : next(args, ++i, a)));
                case "--data-root" -> dataRoot = Path.of(value != null ? value : next(args, ++i, a)).toAbsolutePath();
                case "--exec-root" -> execRoot = Path.of(value != null ? value : next(args, ++i, a)).toAbsolutePath();
                case "-p", "--pidfile" -> pidFile = Path.of(value != null ? value : next(args, ++i, a)).toAbsolutePath();
                case "-l", "--log-level" -> logLevel = value != null ? value : next(args, ++i, a);
                case "--bridge-name" -> bridge = value != null ? value : next(args, ++i, a);
                case "-G", "--group" -> group = value != null ? value : next(args, ++i, a);
                case "--no-new-privileges" -> noNewPrivileges = value == null || bool(a, value);
                case "--insecure-registry" -> insecure.add(insecureRegistry(value != null ? value : next(args, ++i, a)));
                case "--registry-mirror" -> mirrors.add(mirror(value != null ? value : next(args, ++i, a)));
                case "-h", "--help" -> throw new HelpRequested();
                default -> throw new BerthException.InvalidArgument("unknown flag: " + a);
            }
        }
        if (sockets.isEmpty()) sockets.add(execRoot.resolve("berth.sock"));
        if (pidFile == null) pidFile = execRoot.resolve("berthd.pid");
        boolean isDefault = dataRoot.equals(DEFAULT_DATA_ROOT);
        String suffix = isDefault ? "" : dev.berth.oci.Digest.of(dataRoot.toString().getBytes(StandardCharsets.UTF_8)).hex().substring(0, 6);
        if (bridge == null) bridge = isDefault ? "berth0" : "berth" + suffix;
        String cgroupParent = isDefault ? "/berth" : "/berth-" + suffix;
        return new DaemonConfig(List.copyOf(sockets), dataRoot, execRoot, pidFile, logLevel, bridge, cgroupParent, group, noNewPrivileges,
                List.copyOf(insecure), List.copyOf(mirrors));
    }

    private static String next(String[] args, int i, String flag) {
        if (i >= args.length) throw new BerthException.InvalidArgument("flag needs an argument: " + flag);
        return args[i];
    }

    /** A boolean flag's {@code =value}, spelled as Go's strconv.ParseBool (dockerd's flags) accepts it. */
    private static boolean bool(String flag, String value) {
        return switch (value) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw new BerthException.InvalidArgument("invalid argument \"" + value + "\" for \"" + flag
                    + "\" flag: strconv.ParseBool: parsing \"" + value + "\": invalid syntax");
        };
    }

    /** {@code HOST[:PORT]}, as dockerd takes it (a scheme is tolerated and dropped); CIDRs are not supported yet. */
    static String insecureRegistry(String spec) {
        String s = spec.replaceFirst("^[a-z]+://", "").replaceFirst("/+$", "");
        if (s.isEmpty() || s.contains("/")) {
            throw new BerthException.InvalidArgument("invalid --insecure-registry \"" + spec + "\": berth takes HOST or HOST:PORT (CIDR ranges are not supported)");
        }
        return s;
    }

    /** An http(s) URL without path, query or credentials, as dockerd requires of a mirror. */
    static java.net.URI mirror(String spec) {
        try {
            java.net.URI u = new java.net.URI(spec.replaceFirst("/+$", ""));
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null
                    || (u.getPath() != null && !u.getPath().isEmpty()) || u.getQuery() != null || u.getUserInfo() != null) {
                throw new java.net.URISyntaxException(spec, "must be http(s)://HOST[:PORT]");
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            throw new BerthException.InvalidArgument("invalid --registry-mirror \"" + spec + "\": " + e.getReason());
        }
    }

    static Path socketPath(String spec) {
        if (spec.startsWith("unix://")) return Path.of(spec.substring("unix://".length()));
        if (spec.startsWith("tcp://") || spec.startsWith("fd://")) {
            throw new BerthException.NotImplemented("berthd serves unix sockets only for now: " + spec);
        }
        return Path.of(spec);
    }

    /** -h/--help. */
    public static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super("help");
        }
    }

    public static final String USAGE = """
            Usage:\tberthd [OPTIONS]

            A self-sufficient runtime for containers, compatible with the Docker Engine API.

            Options:
              -H, --host list          Daemon socket(s) to listen on (unix:///path; default unix:///run/berth/berth.sock)
                  --data-root string   Root directory of persistent state (default "/var/lib/berth")
              -G, --group string       Group for the unix socket (default "berth"; root when there is no such group).
                                       Its members can use the whole API: that is root on the host
                  --exec-root string   Root directory for execution state files (default "/run/berth")
              -p, --pidfile string     Path to use for daemon PID file (default "<exec-root>/berthd.pid")
              -l, --log-level string   Set the logging level ("debug"|"info"|"warn"|"error"|"fatal") (default "info")
                  --bridge-name string Name of the default bridge (default "berth0"; derived from --data-root otherwise)
                  --no-new-privileges  Set no-new-privileges by default for new containers
              --insecure-registry list  Registry (HOST:PORT) to reach in plain HTTP (127.0.0.0/8 always is)
              --registry-mirror list    Mirror (http(s)://HOST[:PORT]) tried first for docker.io pulls
            """;
}
