/**
 * Published ports ({@code -p}, {@code -P}): what a container asks for ({@link PortRequests}), the host
 * ports berthd holds for it ({@link HostPortReservations}), the iptables NAT rules that forward them in
 * the kernel ({@link PortRules}, applied by {@link Iptables}) and the service that ties them to a
 * container's life and to daemon restarts ({@link PortPublisher}). Uses only {@code common}; takes a
 * network by its bridge name, subnet and the container's address, so any bridge network can use it.
 */
package dev.berth.engine.network.ports;
