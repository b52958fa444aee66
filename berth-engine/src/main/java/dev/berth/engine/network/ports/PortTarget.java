package dev.berth.engine.network.ports;

/**
 * Where a container's published ports lead: its address on its primary network and that network's
 * bridge and subnet. The default bridge and user-defined bridge networks alike.
 *
 * @param endpointName the container's name, for dockerd's "on endpoint NAME (ID)" in errors
 */
public record PortTarget(String bridge, String subnet, String containerIp, String endpointName, String endpointId) {}
