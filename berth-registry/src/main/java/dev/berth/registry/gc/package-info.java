/** Garbage collection of a registry root (mark from manifests, sweep blobs and abandoned uploads). Depends on storage only. */
package dev.berth.registry.gc;
