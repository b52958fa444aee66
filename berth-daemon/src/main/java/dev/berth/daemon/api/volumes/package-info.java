/** {@code /volumes}: what a daemon without volumes answers until the volumes issue lands. */
package dev.berth.daemon.api.volumes;
