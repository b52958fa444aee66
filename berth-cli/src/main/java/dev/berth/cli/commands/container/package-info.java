/**
 * Container commands ({@code run}, {@code exec}, {@code ps}, {@code logs}, {@code cp}, ...), one
 * class each. They use the client facades, {@code run} for flags and bodies, {@code io} for
 * streams and the terminal, {@code view} for output; never another command class.
 */
package dev.berth.cli.commands.container;
