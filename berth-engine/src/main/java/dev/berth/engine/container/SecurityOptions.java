package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Docker's {@code HostConfig.SecurityOpt} as berth applies it. The options, as dockerd parses them:
 * <ul>
 * <li>{@code no-new-privileges} (alone, {@code :true}/{@code =true} or {@code =false}): the
 * process and its execs cannot gain privileges through setuid binaries or file capabilities;</li>
 * <li>{@code seccomp=unconfined}, {@code seccomp=builtin}, or {@code seccomp=<profile JSON>}
 * (the docker CLI reads {@code seccomp=FILE} and sends the file's content);</li>
 * <li>{@code apparmor=...} and {@code label=...}: berth loads no AppArmor profile and sets no
 * SELinux label (and hosts like ours run neither module). As documented for Docker,
 * {@code apparmor=unconfined} and {@code label=disable} ask for no confinement, which is what a
 * container gets, so they are accepted; any other profile or label is refused, since running the
 * container without it would silently drop what was asked.</li>
 * </ul>
 * {@code raw} keeps the options as given: inspect shows them so.
 */
public record SecurityOptions(List<String> raw, boolean noNewPrivileges, String seccompProfile) {
    public static final SecurityOptions NONE = new SecurityOptions(List.of(), false, null);

    public SecurityOptions {
        raw = raw == null ? List.of() : List.copyOf(raw);
    }

    /** Parses the options; {@code daemonNoNewPrivileges} is berthd's {@code --no-new-privileges} default. */
    public static SecurityOptions parse(List<String> options, boolean daemonNoNewPrivileges) {
        return parse(options, daemonNoNewPrivileges, HostSecurityModules.probe());
    }

    static SecurityOptions parse(List<String> options, boolean daemonNoNewPrivileges, HostSecurityModules host) {
        boolean nnp = daemonNoNewPrivileges;
        String seccomp = null;
        for (String opt : options == null ? List.<String>of() : options) {
            if (opt.equals("no-new-privileges")) {
                nnp = true;
                continue;
            }
            if (opt.equals("disable")) continue; // label=disable's short form
            int eq = opt.indexOf('=');
            int colon = opt.indexOf(':');
            // "key=value", or the deprecated "key:value" that dockerd still takes
            int at = eq >= 0 ? eq : colon;
            if (at <= 0) throw new BerthException.InvalidArgument("invalid --security-opt 1: \"" + opt + "\"");
            String key = opt.substring(0, at);
            String value = opt.substring(at + 1);
            switch (key) {
                case "no-new-privileges" -> nnp = parseBool(value, opt);
                case "seccomp" -> seccomp = value;
                case "apparmor" -> {
                    if (!value.equals("unconfined")) {
                        throw new BerthException.InvalidArgument("apparmor profile \"" + value + "\" cannot be applied: "
                                + (host.appArmor() ? "berth does not load AppArmor profiles yet" : "AppArmor is not enabled on this host")
                                + " (apparmor=unconfined is accepted)");
                    }
                }
                case "label" -> {
                    if (!value.equals("disable")) {
                        throw new BerthException.InvalidArgument("label option \"" + value + "\" cannot be applied: "
                                + (host.selinux() ? "berth does not set SELinux labels yet" : "SELinux is not enabled on this host")
                                + " (label=disable is accepted)");
                    }
                }
                default -> throw new BerthException.InvalidArgument("invalid --security-opt 2: \"" + opt + "\"");
            }
        }
        return new SecurityOptions(options, nnp, seccomp);
    }

    private static boolean parseBool(String value, String opt) {
        // Go's strconv.ParseBool, which dockerd uses
        return switch (value) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw new BerthException.InvalidArgument("invalid --security-opt 2: \"" + opt + "\"");
        };
    }

    /** Which Linux security modules the host runs; neither does here. */
    record HostSecurityModules(boolean appArmor, boolean selinux) {
        static HostSecurityModules probe() {
            boolean appArmor;
            try {
                Path enabled = Path.of("/sys/module/apparmor/parameters/enabled");
                appArmor = Files.exists(enabled) && Files.readString(enabled).trim().toUpperCase(Locale.ROOT).startsWith("Y");
            } catch (java.io.IOException e) {
                appArmor = false;
            }
            return new HostSecurityModules(appArmor, Files.exists(Path.of("/sys/fs/selinux/enforce")));
        }
    }
}
