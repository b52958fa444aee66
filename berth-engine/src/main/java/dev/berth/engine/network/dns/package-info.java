/**
 * The embedded DNS server of user-defined networks ({@link dev.berth.engine.network.dns.DnsServer})
 * over a {@link dev.berth.engine.network.dns.NameLookup}, an in-memory name table the networks feed
 * ({@link dev.berth.engine.network.dns.NetworkNames}), and the per-container resolv.conf dockerd
 * writes ({@link dev.berth.engine.network.dns.ResolvConfs}). Uses dnsjava for the message codec
 * only; no I/O outside the JDK's sockets. Depends on nothing else in the engine.
 */
package dev.berth.engine.network.dns;
