package dev.berth.cli.run;

import picocli.CommandLine;

import java.util.regex.Pattern;

/**
 * docker's {@code --device HOST[:CONTAINER][:PERMS]} and {@code --device-cgroup-rule}, parsed and
 * checked as the docker CLI checks them before sending (its messages). The daemon reads the host
 * node itself at start.
 */
public final class DeviceSpecs {
    private static final Pattern CGROUP_RULE = Pattern.compile("[acb] ([0-9]+|\\*):([0-9]+|\\*) [rwm]{1,3}");

    private DeviceSpecs() {}

    /** One {@code Devices} entry of the request. */
    public record Device(String pathOnHost, String pathInContainer, String cgroupPermissions) {
        /** docker's parse: a second part that is a valid mode is the permissions, else the container path. */
        public static Device parse(String spec) {
            validate(spec);
            String[] parts = spec.split(":", 4);
            String src = parts[0], dst = "", perms = "rwm";
            if (parts.length == 3) perms = parts[2];
            if (parts.length >= 2) {
                if (validMode(parts[1])) perms = parts[1];
                else dst = parts[1];
            }
            return new Device(src, dst.isEmpty() ? src : dst, perms);
        }
    }

    /** docker's validateLinuxPath for devices: at most three parts, a mode of r/w/m, an absolute container path. */
    static void validate(String val) {
        long colons = val.chars().filter(c -> c == ':').count();
        String[] split = val.split(":", 3);
        if (colons > 2 || split[0].isEmpty()) throw new IllegalArgumentException("bad format for path: " + val);
        String containerPath = split[0];
        if (split.length == 2 && !validMode(split[1])) containerPath = split[1];
        if (split.length == 3) {
            containerPath = split[1];
            if (!validMode(split[2])) throw new IllegalArgumentException("bad mode specified: " + split[2]);
        }
        if (!containerPath.startsWith("/")) throw new IllegalArgumentException(containerPath + " is not an absolute path");
    }

    /** r, w and m, each at most once, at least one. */
    static boolean validMode(String mode) {
        if (mode.isEmpty()) return false;
        for (int i = 0; i < mode.length(); i++) {
            char c = mode.charAt(i);
            if ("rwm".indexOf(c) < 0 || mode.indexOf(c) != i) return false;
        }
        return true;
    }

    /** {@code --device}: its message becomes docker's {@code invalid argument "x" for "--device" flag: ...}. */
    public static final class DeviceConverter implements CommandLine.ITypeConverter<Device> {
        @Override
        public Device convert(String value) {
            try {
                return Device.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --device-cgroup-rule 'c 42:* rmw'}. */
    public static final class CgroupRuleConverter implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!CGROUP_RULE.matcher(value).matches()) throw new CommandLine.TypeConversionException("invalid device cgroup format '" + value + "'");
            return value;
        }
    }
}
