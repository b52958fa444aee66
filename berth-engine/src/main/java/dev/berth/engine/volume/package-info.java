/**
 * Volumes and the mounts of a container's data (STYLE.md level 3): the local volume driver
 * ({@link dev.berth.engine.volume.Volumes}: named and anonymous volumes under
 * {@code <data-root>/volumes/<name>/_data}, Docker's local-driver options, mounted while a running
 * container uses them), and the planning of a container's bind, volume and tmpfs mounts
 * ({@link dev.berth.engine.volume.MountPlanner} into {@link dev.berth.engine.volume.MountPoint}s,
 * kept in the container's record).
 *
 * <p>Nothing here deletes data a user did not ask to remove: a volume's tree is deleted only after
 * its record, never across a mount point (a bind-backed volume's host directory is never walked),
 * and what a crash left half-made is collected at the next start.
 * Depends on: common, events, metadata, mount.
 */
package dev.berth.engine.volume;
