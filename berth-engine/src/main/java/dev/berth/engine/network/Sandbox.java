package dev.berth.engine.network;

import java.nio.file.Path;

/**
 * A network namespace already wired to a network: a bind-mounted netns file and the endpoint
 * (address, gateway, MAC) the CNI plugins gave it. A container joins it instead of making its own.
 */
public record Sandbox(String name, Path netns, Endpoint endpoint) {}
