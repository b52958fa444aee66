package dev.berth.engine.network.ports;

/**
 * One host port to take for a container port at start: {@code hostLow == hostHigh == 0} is an
 * ephemeral port from the kernel's range, {@code hostLow < hostHigh} the first free port of a range.
 *
 * @param hostIp an IPv4 address; {@code 0.0.0.0} for every address of the host
 */
public record RequestedPort(String proto, int containerPort, String hostIp, int hostLow, int hostHigh) {
    public boolean ephemeral() {
        return hostLow == 0;
    }
}
