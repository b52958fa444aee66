package dev.berth.client;

import dev.berth.dockerapi.ApiVersion;

/** What {@code /_ping} told us: the daemon's newest API version and its OS type. */
public record Ping(ApiVersion serverVersion, String osType, boolean experimental) {}
