/** Wiring of {@code berth registry serve}: storage, auth, handlers and the Jetty server with TLS. The only package that knows every other. */
package dev.berth.registry.server;
