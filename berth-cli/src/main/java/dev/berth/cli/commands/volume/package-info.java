/** {@code berth volume ...}: create, list, inspect, remove and prune volumes through {@code /volumes}. */
package dev.berth.cli.commands.volume;
