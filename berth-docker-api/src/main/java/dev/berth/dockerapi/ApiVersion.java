package dev.berth.dockerapi;

/** The Engine API versions berthd serves, and comparison of version strings. */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
    public static final ApiVersion MIN = new ApiVersion(1, 24);
    public static final ApiVersion MAX = new ApiVersion(1, 44);
    /**
     * The Docker Engine release whose API is {@link #MAX} (API 1.44 shipped with Engine 25.0), reported
     * as the server's {@code Version}: clients compare it with Docker releases (Testcontainers refuses
     * a server "below 1.6.0"), so a version of berth's own would read as an ancient Docker. Change it
     * with {@code MAX}.
     */
    public static final String DOCKER_RELEASE = "25.0.0";

    public static ApiVersion parse(String s) {
        String[] p = s.split("\\.");
        try {
            return new ApiVersion(Integer.parseInt(p[0]), p.length > 1 ? Integer.parseInt(p[1]) : 0);
        } catch (NumberFormatException e) {
            throw new dev.berth.common.errors.BerthException.InvalidArgument("invalid API version: " + s);
        }
    }

    public boolean atLeast(int maj, int min) {
        return compareTo(new ApiVersion(maj, min)) >= 0;
    }

    @Override
    public int compareTo(ApiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
