package dev.berth.distribution;

import dev.berth.distribution.auth.Authorizer;
import dev.berth.distribution.http.RegistryTransport;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Makes {@link RegistryClient}s: one HTTP client and transport for the daemon, the
 * {@link RegistryHosts} policy (mirrors, plain HTTP), and an {@link Authorizer} per client, so a
 * token earned with one user's credentials never serves another's pull.
 */
public final class Registries {
    /** Defaults: 10 s to connect (an unreachable registry fails, never hangs), 3 attempts, 60 s to first byte. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    public static final int ATTEMPTS = 3;

    private final RegistryHosts hosts;
    private final RegistryTransport transport;
    private final Duration responseTimeout;

    public Registries(RegistryHosts hosts, Duration connectTimeout, int attempts, Duration responseTimeout) {
        this.hosts = hosts;
        HttpClient http = RegistryTransport.newHttpClient(connectTimeout);
        this.transport = new RegistryTransport(http, attempts, responseTimeout);
        this.responseTimeout = responseTimeout;
    }

    public Registries(RegistryHosts hosts) {
        this(hosts, CONNECT_TIMEOUT, ATTEMPTS, RESPONSE_TIMEOUT);
    }

    public RegistryHosts hosts() {
        return hosts;
    }

    /** A client of {@code repository} (a path such as {@code library/busybox}) on {@code domain}. */
    public RegistryClient client(String domain, String repository, Credentials credentials) {
        return new RegistryClient(transport, hosts.endpoints(domain), repository,
                new Authorizer(transport.http(), credentials, responseTimeout));
    }

    /** The push side of {@code repository} on {@code domain}: the registry itself, never a mirror. */
    public RegistryPushClient pushClient(String domain, String repository, Credentials credentials) {
        return new RegistryPushClient(transport, hosts.endpoints(domain).getLast(), repository,
                new Authorizer(transport.http(), credentials, responseTimeout));
    }

    /**
     * Checks {@code credentials} against {@code domain} as {@code docker login} does; throws a
     * {@link RegistryResponseException} (dockerd's wording) or {@link RegistryUnreachableException}.
     */
    public void login(String domain, Credentials credentials) {
        RegistryLogin.check(transport, hosts.endpoints(domain).getLast(), new Authorizer(transport.http(), credentials, responseTimeout));
    }
}
