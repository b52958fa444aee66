/** {@code /images/...}: list with filters, import from a tarball, inspect, tag and remove. */
package dev.berth.daemon.api.images;
