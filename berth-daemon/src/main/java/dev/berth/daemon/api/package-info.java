/**
 * The Engine API surface: {@link dev.berth.daemon.api.Router} (routes, {@code /vX.Y} prefixes and
 * version negotiation, the single error-to-status mapper) and one sub-package of routes per resource:
 * {@code containers}, {@code exec}, {@code images}, {@code system}. Conversion between wire JSON and
 * engine types happens only here.
 */
package dev.berth.daemon.api;
