/**
 * The {@code berth} command: the process entry point, the per-invocation environment
 * ({@link dev.berth.cli.Cli}) and error reporting. Commands live in {@code .commands.*}; they
 * talk to the daemon only through berth-client.
 */
package dev.berth.cli;
