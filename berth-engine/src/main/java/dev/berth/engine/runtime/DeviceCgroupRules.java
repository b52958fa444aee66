package dev.berth.engine.runtime;

import dev.berth.common.errors.BerthException;
import dev.berth.oci.runtime.RuntimeSpec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker's {@code --device-cgroup-rule} ({@code HostConfig.DeviceCgroupRules}): {@code "c 42:* rmw"},
 * a type (a all, c char, b block), major and minor numbers or {@code *}, and up to three of r, w, m.
 * Each becomes one allow entry of {@code linux.resources.devices}, {@code *} as -1.
 */
public final class DeviceCgroupRules {
    /** dockerd's pattern; Go's {@code ^...$} with no flags matches the whole string. */
    private static final Pattern RULE = Pattern.compile("([acb]) ([0-9]+|\\*):([0-9]+|\\*) ([rwm]{1,3})");

    private DeviceCgroupRules() {}

    /** @throws BerthException.InvalidArgument with dockerd's message */
    public static RuntimeSpec.DeviceRule parse(String rule) {
        Matcher m = RULE.matcher(rule);
        if (!m.matches()) throw new BerthException.InvalidArgument("invalid device cgroup rule format: '" + rule + "'");
        return new RuntimeSpec.DeviceRule(true, m.group(1), number(m.group(2), "major", rule), number(m.group(3), "minor", rule), m.group(4));
    }

    private static long number(String digits, String which, String rule) {
        if (digits.equals("*")) return -1;
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new BerthException.InvalidArgument("invalid " + which + " value in device cgroup rule format: '" + rule + "'");
        }
    }
}
