package dev.berth.engine.network.ports;

/**
 * A container port forwarded from a host port while the container runs: what inspect's
 * {@code NetworkSettings.Ports} and ps's {@code Ports} show.
 *
 * @param hostIp {@code 0.0.0.0} for every address of the host
 */
public record PublishedPort(String proto, int containerPort, String hostIp, int hostPort) {
    /** Docker's key of the container port: {@code 80/tcp}. */
    public String key() {
        return containerPort + "/" + proto;
    }

    public boolean allAddresses() {
        return hostIp.equals("0.0.0.0");
    }
}
