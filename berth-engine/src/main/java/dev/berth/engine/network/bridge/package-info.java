/**
 * Host-side plumbing of bridge networks: iptables rules as data ({@link dev.berth.engine.network.bridge.IptablesRule})
 * and their executor, the per-network masquerade and forward rules ({@link dev.berth.engine.network.bridge.BridgeFirewall})
 * and the isolation chain between a daemon's bridges ({@link dev.berth.engine.network.bridge.Isolation}).
 * Depends on: common.
 */
package dev.berth.engine.network.bridge;
