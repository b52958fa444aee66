package dev.berth.engine.network;

/**
 * A container's membership of a user-defined network: recorded at create or connect, kept while
 * the container exists. {@code endpoint} is {@link Endpoint#NONE} until the container runs, and
 * while it runs holds the address the CNI plugins gave it on interface {@code ifname}.
 *
 * <p>The DNS server reads these ({@link Networks#endpointsOn}): the container's name and short
 * id, its aliases and address answer for it on this network only.
 */
public record Attachment(String containerId, String containerName, String networkId, EndpointSettings settings,
                         String ifname, Endpoint endpoint) {
    public Attachment {
        if (settings == null) settings = EndpointSettings.NONE;
        if (ifname == null) ifname = "";
        if (endpoint == null) endpoint = Endpoint.NONE;
    }

    public boolean active() {
        return !endpoint.ipAddress().isEmpty();
    }

    public String shortId() {
        return containerId.substring(0, Math.min(12, containerId.length()));
    }

    public Attachment withEndpoint(String newIfname, Endpoint newEndpoint) {
        return new Attachment(containerId, containerName, networkId, settings, newIfname, newEndpoint);
    }
}
