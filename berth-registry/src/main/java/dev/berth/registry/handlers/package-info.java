/**
 * The OCI distribution-spec HTTP API over {@code registry.storage}: one {@code *Routes} class per
 * endpoint family, dispatched from the path by {@link dev.berth.registry.handlers.Dispatcher}, the
 * only class that knows Jetty's handler API (routes see an {@link dev.berth.registry.handlers.Exchange}).
 * Depends on storage, auth and errors; never on the server wiring.
 */
package dev.berth.registry.handlers;
