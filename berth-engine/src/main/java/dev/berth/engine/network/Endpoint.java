package dev.berth.engine.network;

/** A container's attachment to a network: its address, prefix length, gateway and MAC. */
public record Endpoint(String network, String networkId, String endpointId, String ipAddress, int prefixLength,
                       String gateway, String macAddress) {
    public static final Endpoint NONE = new Endpoint("", "", "", "", 0, "", "");
}
