/** {@code /networks}: list and inspect the predefined networks (bridge, host, none). */
package dev.berth.daemon.api.networks;
