/**
 * The single transactional index of the daemon: one SQLite file ({@code berth.db}, WAL) in the data root.
 *
 * <pre>
 * berth.db (PRAGMA user_version = 6; 2 added volumes, 3 networks and endpoints, 4 repo_digests, 5 layer_blobs, 6 image_parents)
 *   layers     chain_id PK, diff_id, parent, size, link        -- extracted layers (overlay/&lt;chain&gt;/diff)
 *   images     id PK (sha256 of config), config_digest, created, size, tagged_at
 *   tags       ref PK (normalised name:tag), image_id
 *   repo_digests ref PK (normalised name@sha256:...), image_id -- manifests images were pulled by
 *   layer_blobs (diff_id, digest, domain, repository) PK, size, media_type -- the compressed blob a layer
 *              was pulled as or pushed as, and where: a push reuses it (HEAD, cross-repository mount)
 *   image_parents image_id PK, parent_id                  -- the image a commit was made from
 *   containers id PK, name UNIQUE, created, spec (JSON), state (JSON)
 *   volumes    name PK, driver, created, labels (JSON), options (JSON) -- data in volumes/&lt;name&gt;/_data
 *   networks   id PK, name UNIQUE, created, config (JSON NetworkConfig) -- user-defined networks; host-local
 *              reservations in network/&lt;id&gt;/ipam
 *   endpoints  (container_id, network_id) PK, seq (attachment order), attachment (JSON: aliases, --ip,
 *              --mac-address, and the live interface/address while the container runs)
 * </pre>
 * Depends on: common. Everything else that is stateful records itself here.
 */
package dev.berth.engine.metadata;
