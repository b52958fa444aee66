package dev.berth.engine.container;

import dev.berth.common.errors.BerthException;
import dev.berth.engine.runtime.DeviceCgroupRules;

import java.util.List;

/**
 * Docker's {@code HostConfig.Devices} ({@code --device}) and {@code DeviceCgroupRules}
 * ({@code --device-cgroup-rule}): host device nodes the container gets, and extra allow rules of
 * its device cgroup. Checked at create; the host nodes themselves are read at each start
 * ({@code runtime.DeviceNodes}), as dockerd reads them.
 */
public record DeviceAccess(List<Mapping> devices, List<String> cgroupRules) {
    public static final DeviceAccess NONE = new DeviceAccess(List.of(), List.of());

    /** One {@code --device}: {@code PathOnHost}, {@code PathInContainer}, {@code CgroupPermissions} (r, w, m). */
    public record Mapping(String pathOnHost, String pathInContainer, String cgroupPermissions) {
        public Mapping {
            pathOnHost = pathOnHost == null ? "" : pathOnHost;
            pathInContainer = pathInContainer == null || pathInContainer.isEmpty() ? pathOnHost : pathInContainer;
            cgroupPermissions = cgroupPermissions == null ? "" : cgroupPermissions;
        }

        /** The permissions the cgroup rule gets: the docker CLI's default when none were sent. */
        public String effectivePermissions() {
            return cgroupPermissions.isEmpty() ? "rwm" : cgroupPermissions;
        }
    }

    public DeviceAccess {
        devices = devices == null ? List.of() : List.copyOf(devices);
        cgroupRules = cgroupRules == null ? List.of() : List.copyOf(cgroupRules);
    }

    /**
     * The checks the docker CLI makes before sending (its messages), for clients that send
     * anything, and dockerd's rule check, which it would otherwise only make at start.
     */
    public DeviceAccess validate() {
        for (Mapping m : devices) {
            if (m.pathOnHost().isEmpty()) throw new BerthException.InvalidArgument("invalid device mapping: PathOnHost is empty");
            if (!m.pathInContainer().startsWith("/")) {
                throw new BerthException.InvalidArgument(m.pathInContainer() + " is not an absolute path");
            }
            if (!m.cgroupPermissions().isEmpty() && !validMode(m.cgroupPermissions())) {
                throw new BerthException.InvalidArgument("bad mode specified: " + m.cgroupPermissions());
            }
        }
        cgroupRules.forEach(DeviceCgroupRules::parse);
        return this;
    }

    /** r, w and m, each at most once, at least one. */
    static boolean validMode(String mode) {
        if (mode.isEmpty() || mode.length() > 3) return false;
        for (int i = 0; i < mode.length(); i++) {
            char c = mode.charAt(i);
            if ("rwm".indexOf(c) < 0 || mode.indexOf(c) != i) return false;
        }
        return true;
    }
}
