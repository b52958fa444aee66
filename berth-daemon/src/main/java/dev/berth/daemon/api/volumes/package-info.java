/** {@code /volumes}: local volumes in dockerd's shapes, over the engine's {@code volume} service. */
package dev.berth.daemon.api.volumes;
