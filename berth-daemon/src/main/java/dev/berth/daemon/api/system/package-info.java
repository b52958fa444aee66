/** {@code /_ping}, {@code /version}, {@code /info} and {@code /events}. */
package dev.berth.daemon.api.system;
