/** {@code /build/...}: the build cache endpoints (builds themselves come with the build issue). */
package dev.berth.daemon.api.build;
