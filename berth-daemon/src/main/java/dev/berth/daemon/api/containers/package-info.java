/**
 * {@code /containers/...}: create, list, inspect, lifecycle, attach, logs, top, prune
 * ({@link dev.berth.daemon.api.containers.ContainerRoutes}), the archive, export and changes endpoints
 * ({@link dev.berth.daemon.api.containers.FileRoutes}), stats, and the container JSON documents
 * dockerd sends ({@link dev.berth.daemon.api.containers.ContainerJson}).
 */
package dev.berth.daemon.api.containers;
