package dev.berth.engine.network.ports;

/**
 * One entry of Docker's {@code HostConfig.PortBindings} as the client sent it: {@code hostIp} empty
 * means every address, {@code hostPort} empty an ephemeral port, {@code "8000-8010"} any free port of
 * that range. Kept as sent, because inspect shows it back unchanged.
 */
public record HostBinding(String hostIp, String hostPort) {
    public HostBinding {
        hostIp = hostIp == null ? "" : hostIp;
        hostPort = hostPort == null ? "" : hostPort;
    }
}
