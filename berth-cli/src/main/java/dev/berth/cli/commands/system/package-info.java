/** {@code version}, {@code info} and {@code events}. */
package dev.berth.cli.commands.system;
