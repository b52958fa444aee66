/**
 * Addresses of user-defined networks: IPv4 blocks ({@link dev.berth.engine.network.ipam.Cidr}),
 * a network's pools as the client gave them and dockerd's checks of them
 * ({@link dev.berth.engine.network.ipam.IpamPool}), and the choice of a free subnet from Docker's
 * default pools ({@link dev.berth.engine.network.ipam.SubnetPicker}). Addresses inside a subnet are
 * handed out by the CNI host-local plugin, whose reservation files live in the network's own
 * directory of the data root and so survive restarts.
 * Depends on: common.
 */
package dev.berth.engine.network.ipam;
