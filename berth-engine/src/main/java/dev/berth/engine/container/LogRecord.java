package dev.berth.engine.container;

import java.time.Instant;

/** One chunk of container output as logged: stream 1 = stdout, 2 = stderr. */
public record LogRecord(Instant time, int stream, byte[] data) {}
