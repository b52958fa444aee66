/**
 * The registry's filesystem storage: blobs, repository links, tags, referrers and upload sessions.
 * Depends on berth-common (atomic files) and berth-oci ({@code Digest}); nothing here knows HTTP.
 *
 * <pre>
 * &lt;root&gt;/
 *   blobs/sha256/&lt;hex&gt;                          content (layers, configs, manifests); berth-content's layout
 *   repositories/&lt;name&gt;/                         name may hold slashes: library/busybox
 *     _layers/sha256/&lt;hex&gt;                      empty file: the blob is in this repository
 *     _manifests/revisions/sha256/&lt;hex&gt;         the manifest's media type, as pushed
 *     _manifests/tags/&lt;tag&gt;                    the digest the tag points at
 *     _referrers/sha256/&lt;subject&gt;/&lt;hex&gt;         descriptor JSON of a manifest whose subject is &lt;subject&gt;
 *   uploads/&lt;uuid&gt;/{data,repository}            an upload session: bytes so far, and its repository
 *   tmp/                                         whole blobs being written, renamed into blobs/ when verified
 * </pre>
 *
 * Every write is atomic (a temp file renamed over the target), and nothing is cached in memory, so
 * several servers may serve one root. Blobs are only ever added or removed whole; a blob's mtime
 * is refreshed whenever a repository links it or a client asks for it, which is what lets
 * garbage collection run beside serving servers (see {@code gc}).
 */
package dev.berth.registry.storage;
