package dev.berth.cli.credentials;

/**
 * The key a registry's credentials are stored under, as the docker CLI chooses it: Docker Hub's
 * legacy URL {@code https://index.docker.io/v1/}, any other registry by {@code host[:port]}.
 */
public final class ServerAddresses {
    public static final String DOCKER_HUB = "https://index.docker.io/v1/";

    private ServerAddresses() {}

    /** The key for a registry named by an image reference's domain or a login argument. */
    public static String key(String serverOrDomain) {
        if (serverOrDomain == null || serverOrDomain.isBlank()) return DOCKER_HUB;
        String host = hostname(serverOrDomain);
        return host.equals("docker.io") || host.equals("index.docker.io") || host.equals("registry-1.docker.io") ? DOCKER_HUB : host;
    }

    /** {@code http://host:port/v2/} to {@code host:port}: how stored keys are compared. */
    public static String hostname(String address) {
        String a = address.trim();
        int scheme = a.indexOf("://");
        if (scheme >= 0) a = a.substring(scheme + 3);
        int slash = a.indexOf('/');
        return slash >= 0 ? a.substring(0, slash) : a;
    }
}
