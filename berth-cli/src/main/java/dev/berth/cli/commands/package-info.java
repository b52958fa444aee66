/**
 * The command tree: one picocli class per command, grouped by resource ({@code .container},
 * {@code .image}, {@code .system}), mounted at the top level and under the management commands.
 */
package dev.berth.cli.commands;
