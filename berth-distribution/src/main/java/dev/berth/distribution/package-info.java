/**
 * The registry client, fetch side: {@link dev.berth.distribution.RegistryClient} reads manifests,
 * blobs and tag lists of one registry over {@code java.net.http} (which never pins a virtual
 * thread's carrier in native code), through the auth and transport in the sub-packages. It knows
 * nothing of local stores: callers verify and commit what it streams. Depends on common and oci only.
 */
package dev.berth.distribution;
